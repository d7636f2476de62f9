/**
 * The API's error catalogue: which documented failure a response is (`code`),
 * whether only the end user can cure it (`reconnectRequired`), and whether the
 * same call may succeed later without a change (`retryable`).
 *
 * A body with a `type` is named by it. The API gives most failures no `type`,
 * only a status and a `summary`; those are recognised here from the summaries
 * the published examples document, and nothing else: a body the catalogue does
 * not know has no code (never a guess). The examples themselves live in
 * openapi/bank-account-data.yaml, each with the code it must get (`x-code`);
 * test/error-catalogue.test.ts holds this table to them.
 *
 * Pure functions of their inputs: no I/O, nothing about the transport.
 */

/** The documented failures, by the name the API or its published examples give them. */
export type KnownErrorCode =
  | 'InvalidToken'
  | 'AuthenticationFailed'
  | 'EUAExpiredError'
  | 'AccessExpiredError'
  | 'AccountInactiveError'
  | 'PaymentRequired'
  | 'IPAccessDenied'
  | 'AccountEUAScopeError'
  | 'AccountValidEUAError'
  | 'AccountAccessForbidden'
  | 'AccountResourceUnavailable'
  | 'InsufficientPermissions'
  | 'PermissionDenied'
  | 'InvalidID'
  | 'DateRangeError'
  | 'FieldErrors'
  | 'UnknownFields'
  | 'NotAValidChoice'
  | 'EUANeedsToBeAccepted'
  | 'ReconfirmationNotEnabled'
  | 'ReconfirmationAfterAcceptancePeriod'
  | 'NoAccountsLeftToReconfirm'
  | 'NoAccountsLinked'
  | 'NotFound'
  | 'EUAAccepted'
  | 'AccountSuspendedError'
  | 'AccountStateError'
  | 'RateLimitExceeded'
  | 'RateLimitError'
  | 'UnknownRequestError'
  | 'ServiceError'
  | 'ConnectionError';

/**
 * An exception's `code`: a known one, or a `type` the API sent that this
 * version does not know yet (kept as sent, so apps can match it).
 */
export type ErrorCode = KnownErrorCode | (string & {});

/**
 * One documented failure, as the client needs it at run time. What it means and
 * what the client and the app do about it is prose for people: the README's
 * "Handling failures" table and docs/ read it from error-codes.docs.ts, which
 * no entry point imports, so it stays out of every bundle.
 */
export interface CatalogueEntry {
  code: KnownErrorCode;
  /** The status the API documents for it. */
  status: number;
  /** Named by the body's `type` (true), or recognised from status and summary (false). */
  typed: boolean;
  reconnectRequired: boolean;
  /** See `ErrorClassification.retryable`; for AccountStateError it depends on the account's status. */
  retryable: boolean | 'while processing';
}

/**
 * Every documented failure: the one table behind classification (its prose for
 * the README and docs/ is in error-codes.docs.ts). A row is the code, the status
 * the API documents for it and the flags that hold of it: `typed` (named by the
 * body's `type`), `reconnect` (`reconnectRequired`), `retryable`, or
 * `retryable while processing` (AccountStateError: it depends on the account's status).
 */
export const ERROR_CATALOGUE: readonly CatalogueEntry[] = /* @__PURE__ */ catalogue([
  ['InvalidID', 400],
  ['DateRangeError', 400],
  ['FieldErrors', 400],
  ['UnknownFields', 400],
  ['NotAValidChoice', 400],
  ['EUANeedsToBeAccepted', 400],
  ['ReconfirmationNotEnabled', 400],
  ['ReconfirmationAfterAcceptancePeriod', 400],
  ['NoAccountsLeftToReconfirm', 400],
  ['NoAccountsLinked', 400],
  ['InvalidToken', 401],
  ['AuthenticationFailed', 401],
  ['EUAExpiredError', 401, 'reconnect'],
  ['AccessExpiredError', 401, 'typed reconnect'],
  ['AccountInactiveError', 401, 'typed reconnect'],
  ['PaymentRequired', 402],
  ['IPAccessDenied', 403],
  ['AccountEUAScopeError', 403],
  ['AccountValidEUAError', 403, 'reconnect'],
  ['AccountAccessForbidden', 403, 'typed'],
  ['AccountResourceUnavailable', 403, 'typed'],
  ['InsufficientPermissions', 403],
  ['PermissionDenied', 403],
  ['NotFound', 404],
  ['EUAAccepted', 405],
  ['AccountSuspendedError', 409, 'reconnect'],
  ['AccountStateError', 409, 'retryable while processing'],
  ['RateLimitExceeded', 429, 'retryable'],
  ['RateLimitError', 429, 'typed retryable'],
  ['UnknownRequestError', 500, 'typed retryable'],
  ['ServiceError', 503, 'typed retryable'],
  ['ConnectionError', 503, 'typed retryable'],
]);

type Flag = 'typed' | 'reconnect' | 'retryable' | 'retryable while processing';
type Flags = Flag | `${Flag} ${Flag}`;

/** The table's rows as entries; rows keep the table short enough to read at a glance (and to ship). */
function catalogue(rows: ReadonlyArray<readonly [code: KnownErrorCode, status: number, flags?: Flags]>): CatalogueEntry[] {
  return rows.map(([code, status, flags = '' as string]) => ({
    code,
    status,
    typed: flags.includes('typed'),
    reconnectRequired: flags.includes('reconnect'),
    retryable: flags.includes('while processing') ? 'while processing' : flags.includes('retryable'),
  }));
}

const BY_CODE = /* @__PURE__ */ new Map<string, CatalogueEntry>(/* @__PURE__ */ ERROR_CATALOGUE.map((entry) => [entry.code, entry]));

/** The bank failures whose retries count towards an account's suspension (10 failed accesses in a row). */
export const INSTITUTION_ERROR_CODES: ReadonlySet<string> = new Set(['UnknownRequestError', 'ServiceError', 'ConnectionError']);

/** Account states in which a refused read may succeed later by itself. */
const TRANSIENT_ACCOUNT_STATES = new Set(['DISCOVERED', 'PROCESSING']);

/** Statuses at which a failure may pass by itself: an unrecognised one is `retryable`, and retry.ts retries them. */
export const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** The summary phrases the API documents for failures without a `type`, per status. */
const SUMMARY_RULES: ReadonlyArray<[status: number, summary: RegExp, code: KnownErrorCode]> = [
  [400, /^Invalid (Account )?ID$/, 'InvalidID'],
  [400, /^Incorrect date range$/, 'DateRangeError'],
  [400, /^Unknown fields$/, 'UnknownFields'],
  [400, /^Invalid country choice\.?$/, 'NotAValidChoice'],
  [400, /^End user agreement needs to be accepted\.?$/, 'EUANeedsToBeAccepted'],
  [400, /^Reconfirmation is not enabled\.?$/, 'ReconfirmationNotEnabled'],
  [400, /^Reconfirmation requested after acceptance period\.?$/, 'ReconfirmationAfterAcceptancePeriod'],
  [400, /^No accounts left to reconfirm\.?$/, 'NoAccountsLeftToReconfirm'],
  [400, /^No accounts linked\.?$/, 'NoAccountsLinked'],
  [401, /^Invalid token$/, 'InvalidToken'],
  [401, /^Authentication failed$/, 'AuthenticationFailed'],
  [401, /^End User Agreement \(EUA\) .+ has expired$/, 'EUAExpiredError'],
  [402, /^Payment Required$/i, 'PaymentRequired'],
  [403, /^IP address access denied$/, 'IPAccessDenied'],
  [403, /^End User Agreement \(EUA\) access scope error$/, 'AccountEUAScopeError'],
  [403, /^No valid End User Agreement$/, 'AccountValidEUAError'],
  [403, /^Insufficient permissions$/, 'InsufficientPermissions'],
  [404, /^Not found\.?$|^Account ID .+ not found$/, 'NotFound'],
  [405, /^EUA cannot be accepted more than once$/, 'EUAAccepted'],
  [409, /^Account suspended$/, 'AccountSuspendedError'],
];

/** What the catalogue says about one failure. */
export interface ErrorClassification {
  /** The documented failure; `undefined` when the body is not one the catalogue knows. */
  code?: ErrorCode;
  /** Only the end user can restore access, by connecting the account again. */
  reconnectRequired: boolean;
  /** The same call may succeed later without a change (limits, transient failures). */
  retryable: boolean;
  /** For `AccountStateError`: the account's `status` (for example `PROCESSING`, `ERROR`). */
  accountStatus?: string;
}

/**
 * Classifies a response: its status and its body, parsed from JSON (anything
 * else, such as an HTML page of a proxy, gives `undefined` as the body).
 */
export function classifyError(status: number, body: unknown): ErrorClassification {
  const record = status >= 400 && body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  const code = record && recognise(status, record);
  const entry = code === undefined ? undefined : BY_CODE.get(code);
  if (code === 'AccountStateError') {
    const accountStatus = record!.status as string;
    return { code, reconnectRequired: false, retryable: TRANSIENT_ACCOUNT_STATES.has(accountStatus), accountStatus };
  }
  if (entry) return { code, reconnectRequired: entry.reconnectRequired, retryable: entry.retryable === true };
  return { code, reconnectRequired: false, retryable: TRANSIENT_STATUSES.has(status) };
}

/** The `code` of a response from its raw body text (`undefined` when the text is not a JSON object the catalogue knows). */
export function codeOfResponse(status: number, text: string): ErrorCode | undefined {
  if (!text || text.trimStart()[0] !== '{') return undefined;
  try {
    return classifyError(status, JSON.parse(text)).code;
  } catch {
    return undefined;
  }
}

/**
 * A failure where no response arrived (status 0): a timeout or a failed
 * connection may pass by itself; a call the app aborted stays aborted.
 */
export function classifyNoResponse(kind: 'timeout' | 'connection' | 'aborted'): ErrorClassification {
  return { code: undefined, reconnectRequired: false, retryable: kind !== 'aborted' };
}

/** Account endpoints reach the bank behind the account; failures there count towards its suspension. */
export function isAccountPath(path: string | undefined): boolean {
  return path !== undefined && /\/api\/v2\/accounts\/[^/?#]/.test(path);
}

function recognise(status: number, body: Record<string, unknown>): ErrorCode | undefined {
  if (typeof body.type === 'string' && body.type !== '') return body.type;
  // The bank's daily limit carries `type: RateLimitError`; a 429 without one is GoCardless's own limit.
  if (status === 429) return 'RateLimitExceeded';
  const summary = typeof body.summary === 'string' ? body.summary.trim() : undefined;
  if (summary) {
    for (const [ruleStatus, pattern, code] of SUMMARY_RULES) if (ruleStatus === status && pattern.test(summary)) return code;
  }
  // Bodies known by their shape: the account itself, a permission refusal without a summary, errors keyed by field.
  if (status === 409 && typeof body.id === 'string' && typeof body.status === 'string') return 'AccountStateError';
  if (status === 403 && !summary && typeof body.detail === 'string' && /^You do not have permission to /.test(body.detail)) return 'PermissionDenied';
  const fields = fieldErrorsOf(body);
  if (fields) {
    if (status === 400) return 'FieldErrors';
    if (status === 404 && Object.values(fields).every((f) => /not found/i.test(f.summary ?? ''))) return 'NotFound';
  }
  return undefined;
}

/** One error of one field of a request, as the API reports it. */
export interface FieldError {
  summary?: string;
  detail?: string;
  /** Every error of the field, in order, when the API listed several (`summary` and `detail` then join theirs). */
  errors?: Array<{ summary?: string; detail?: string }>;
}

const ERROR_FIELDS = new Set(['summary', 'detail', 'type', 'status_code']);

/**
 * The per-field errors of a body, in each documented shape:
 * `{ field: { summary, detail } }`, `{ field: [{ summary, detail }, …] }` and
 * `{ field: ['This field is required.'] }`. `undefined` when there are none.
 */
export function fieldErrorsOf(body: Record<string, unknown>): Record<string, FieldError> | undefined {
  let out: Record<string, FieldError> | undefined;
  for (const [field, value] of Object.entries(body)) {
    if (ERROR_FIELDS.has(field)) continue;
    const error = toFieldError(value);
    if (error) (out ??= {})[field] = error;
  }
  return out;
}

function toFieldError(value: unknown): FieldError | undefined {
  if (Array.isArray(value)) {
    const errors = value
      .map((item) => (typeof item === 'object' ? oneError(item) : textError(item)))
      .filter((e): e is { summary?: string; detail?: string } => e !== undefined);
    if (errors.length <= 1) return errors[0];
    const join = (key: 'summary' | 'detail') =>
      errors
        .map((e) => e[key])
        .filter((t) => t !== undefined)
        .join(' ') || undefined;
    return { summary: join('summary'), detail: join('detail'), errors };
  }
  return oneError(value);
}

/** `'This field is required.'` inside a field's list. */
function textError(value: unknown): { summary: string } | undefined {
  const summary = text(value);
  return summary === undefined ? undefined : { summary };
}

function oneError(value: unknown): { summary?: string; detail?: string } | undefined {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const { summary, detail } = value as Record<string, unknown>;
    if (summary === undefined && detail === undefined) return undefined;
    return { summary: text(summary), detail: text(Array.isArray(detail) ? detail.join(' ') : detail) };
  }
  return undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
