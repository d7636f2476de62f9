/**
 * The API's error catalogue: which documented failure a response is (`code`),
 * whether only the end user can cure it (`reconnectRequired`), whether the
 * same call may succeed later without a change (`retryable`), whether the bank
 * behind an account failed, and which exception class a code has when it is
 * not its status's. errors.ts makes the exceptions from it and retry.ts reads it.
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
import { fieldErrorsOf, parseErrorBody } from './error-body';
import type { ExceptionClassName } from './errors';

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
 * what the app does about it is prose for people: the "Handling
 * failures" table (docs/errors-and-retries.md) and the API pages read it from error-codes.docs.ts, which no entry
 * point imports, so it stays out of every bundle.
 */
export interface CatalogueEntry {
  code: KnownErrorCode;
  /** The status the API documents for it. */
  status: number;
  /** Named by the body's `type` (true), or recognised from status and summary (false). */
  typed: boolean;
  reconnectRequired: boolean;
  /**
   * The same call may succeed later without a change: the `retryable` of its
   * exceptions. For AccountStateError it depends on the account's status.
   * Whether the client itself sends the call again is retry.ts's decision.
   */
  transient: boolean | 'while processing';
  /** A failure of the bank behind an account: on account endpoints each one counts towards the account's suspension. */
  institution: boolean;
  /**
   * The exception class of this code, when it is not the one of its status
   * (errors.ts `exceptionClassFor` picks by this first, then by status).
   */
  exception?: ExceptionClassName;
}

/**
 * Every documented failure: the one table behind classification, the
 * exception class and the retry policy's view of a code (its prose for the
 * docs is in error-codes.docs.ts). A row is the code, the status the
 * API documents for it, the flags that hold of it - `typed` (named by the
 * body's `type`), `reconnect` (`reconnectRequired`), `transient` (or `transient
 * while processing`: AccountStateError depends on the account's status),
 * `institution` (the bank failed) - and, for a code with a class of its own,
 * that class's name.
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
  ['AccountStateError', 409, 'transient while processing'],
  ['RateLimitExceeded', 429, 'transient'],
  ['RateLimitError', 429, 'typed transient'],
  ['UnknownRequestError', 500, 'typed transient institution'],
  ['ServiceError', 503, 'typed transient institution'],
  ['ConnectionError', 503, 'typed transient institution'],
]);

type Flag = 'typed' | 'reconnect' | 'transient' | 'transient while processing' | 'institution';
type Flags = Flag | `${Flag} ${Flag}` | `${Flag} ${Flag} ${Flag}`;
type Row = readonly [code: KnownErrorCode, status: number, flags?: Flags, exception?: ExceptionClassName];

/** The table's rows as entries; rows keep the table short enough to read at a glance (and to ship). */
function catalogue(rows: readonly Row[]): CatalogueEntry[] {
  return rows.map(([code, status, flags = '' as string, exception]) => ({
    code,
    status,
    typed: flags.includes('typed'),
    reconnectRequired: flags.includes('reconnect'),
    transient: flags.includes('while processing') ? 'while processing' : flags.includes('transient'),
    institution: flags.includes('institution'),
    ...(exception && { exception }),
  }));
}

const BY_CODE = /* @__PURE__ */ new Map<string, CatalogueEntry>(/* @__PURE__ */ ERROR_CATALOGUE.map((entry) => [entry.code, entry]));

/** The catalogue's row for a code; `undefined` for a code it does not know (or none). */
export function catalogueEntry(code: string | undefined): CatalogueEntry | undefined {
  return code === undefined ? undefined : BY_CODE.get(code);
}

/** Account states in which a refused read may succeed later by itself. */
const TRANSIENT_ACCOUNT_STATES = new Set(['DISCOVERED', 'PROCESSING']);

/**
 * Statuses at which a failure the catalogue does not know may pass by itself:
 * such a failure is `retryable`. What the client retries is retry.ts's own
 * list, so changing the retry policy does not change what errors report.
 */
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
  const entry = catalogueEntry(code);
  if (code === 'AccountStateError') {
    const accountStatus = record!.status as string;
    return { code, reconnectRequired: false, retryable: TRANSIENT_ACCOUNT_STATES.has(accountStatus), accountStatus };
  }
  if (entry) return { code, reconnectRequired: entry.reconnectRequired, retryable: entry.transient === true };
  return { code, reconnectRequired: false, retryable: TRANSIENT_STATUSES.has(status) };
}

/** The `code` of a response from its raw body text (`undefined` when the text is not a JSON object the catalogue knows). */
export function codeOfResponse(status: number, text: string): ErrorCode | undefined {
  return classifyError(status, parseErrorBody(text).json).code;
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
