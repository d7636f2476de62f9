/**
 * The sandbox's answer for each code of the API's error catalogue: the status,
 * body and headers the API documents (openapi/bank-account-data.yaml, the
 * examples of each response). test/sandbox/error-catalogue.test.ts checks that
 * every body here is classified as its code by the client and has the status
 * the document gives it.
 */
import { SandboxHttpError, type ErrorBody } from './errors';

/** What the answer may mention: the account data read, and the agreement behind it. */
export interface ErrorDetails {
  /** `balances`, `details` or `transactions` on those endpoints. */
  resource?: string;
  accountId?: string;
  agreementId?: string;
  /** When the agreement ended (ISO 8601), and for how many days it gave access. */
  expiredAt?: string;
  accessValidForDays?: number;
  /** The account's status for AccountStateError; default ERROR. */
  accountStatus?: string;
  /** The account itself, for AccountStateError (its body is the account). */
  account?: Record<string, unknown>;
  /** Seconds until a rate limit resets (429s). */
  resetSeconds?: number;
  /** The limit a RateLimitExceeded names, as "1000/minute": the sandbox's general window (rate-limit.ts `describeLimit`), given by the injection. */
  limit?: string;
}

const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

type Builder = (d: ErrorDetails) => { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

const plain = (status: number, summary: string, detail: string) => () => ({ status, body: { summary, detail, status_code: status } });
const bank =
  (status: number, type: string, detail: string): Builder =>
  (d) => ({
    status,
    body: { summary: `Couldn't update account ${d.resource ?? 'data'}`, detail, type, status_code: status },
  });

const BUILDERS = {
  InvalidID: (d) => ({
    status: 400,
    body: {
      summary: d.accountId !== undefined ? 'Invalid Account ID' : 'Invalid ID',
      detail: `${d.accountId ?? 'The id'} is not a valid ${d.accountId !== undefined ? 'Account ' : ''}UUID.`,
      status_code: 400,
    },
  }),
  DateRangeError: plain(400, 'Incorrect date range', 'date_from is after date_to; the start of the range must come first.'),
  FieldErrors: () => ({
    status: 400,
    body: { institution_id: { summary: 'Unknown Institution ID', detail: 'List the valid ids with /institutions/?country=GB.' }, status_code: 400 },
  }),
  UnknownFields: plain(400, 'Unknown fields', 'Unknown fields {injected} in query parameters'),
  NotAValidChoice: plain(400, 'Invalid country choice.', 'XX is not a valid choice.'),
  EUANeedsToBeAccepted: (d) => ({
    status: 400,
    body: { summary: 'End user agreement needs to be accepted.', detail: `Agreement ${d.agreementId ?? ZERO_UUID} has not been accepted.`, status_code: 400 },
  }),
  ReconfirmationNotEnabled: (d) => ({
    status: 400,
    body: {
      summary: 'Reconfirmation is not enabled.',
      detail: `Agreement ${d.agreementId ?? ZERO_UUID} was created without reconfirmation.`,
      status_code: 400,
    },
  }),
  ReconfirmationAfterAcceptancePeriod: (d) => ({
    status: 400,
    body: {
      summary: 'Reconfirmation requested after acceptance period.',
      detail: `The reconfirmation period of agreement ${d.agreementId ?? ZERO_UUID} is over.`,
      status_code: 400,
    },
  }),
  NoAccountsLeftToReconfirm: (d) => ({
    status: 400,
    body: { summary: 'No accounts left to reconfirm.', detail: `Agreement ${d.agreementId ?? ZERO_UUID} has no accounts left to reconfirm.`, status_code: 400 },
  }),
  NoAccountsLinked: plain(400, 'No accounts linked.', 'The requisition has no linked accounts.'),
  InvalidToken: plain(401, 'Invalid token', 'The access token is invalid or has expired.'),
  AuthenticationFailed: plain(401, 'Authentication failed', 'No active account matches these secrets.'),
  EUAExpiredError: (d) => ({
    status: 401,
    body: {
      summary: `End User Agreement (EUA) ${d.agreementId ?? ZERO_UUID} has expired`,
      // Apps recognise this detail by its start and read the date from it (the published spec's example).
      detail: `EUA was valid for ${d.accessValidForDays ?? 90} days and it expired at ${(d.expiredAt ?? '1970-01-01').slice(0, 10)}. A new agreement and requisition are needed to read the account again.`,
      status_code: 401,
    },
  }),
  AccessExpiredError: bank(401, 'AccessExpiredError', 'Access expired or was revoked; reconnect the account to restore it.'),
  AccountInactiveError: bank(401, 'AccountInactiveError', 'The account was deactivated or no longer exists.'),
  PaymentRequired: plain(402, 'Payment Required', 'The free usage limit is spent.'),
  IPAccessDenied: plain(403, 'IP address access denied', 'The IP address 127.0.0.1 is not on the allow list for this action.'),
  AccountEUAScopeError: (d) => ({
    status: 403,
    body: {
      summary: 'End User Agreement (EUA) access scope error',
      detail: `The agreement does not cover account ${d.resource ?? 'data'}; create one with that access scope.`,
      status_code: 403,
    },
  }),
  AccountValidEUAError: plain(403, 'No valid End User Agreement', 'The account exists, but no valid agreement gives you access to it.'),
  AccountAccessForbidden: bank(403, 'AccountAccessForbidden', 'The bank refused access to the account; the user may lack the permission.'),
  AccountResourceUnavailable: bank(403, 'AccountResourceUnavailable', 'The bank does not offer this resource for this account.'),
  InsufficientPermissions: plain(
    403,
    'Insufficient permissions',
    'Accepting agreements through the API is not enabled for your company; use the default consent form.',
  ),
  PermissionDenied: plain(403, '', 'You do not have permission to use reconfirmation.'),
  NotFound: plain(404, 'Not found.', 'Not found.'),
  EUAAccepted: plain(405, 'EUA cannot be accepted more than once', 'This agreement was accepted already.'),
  AccountSuspendedError: plain(409, 'Account suspended', 'The account or its requisition was suspended after repeated errors while accessing it.'),
  AccountStateError: (d) => ({ status: 409, body: { ...(d.account ?? { id: d.accountId ?? ZERO_UUID }), status: d.accountStatus ?? 'ERROR' } }),
  RateLimitExceeded: (d) => ({
    status: 429,
    body: {
      summary: 'Rate limit exceeded',
      detail: `The rate limit for this resource is ${d.limit}. Please try again in ${d.resetSeconds ?? 60} seconds`,
      status_code: 429,
    },
    headers: { http_x_ratelimit_remaining: '0', http_x_ratelimit_reset: String(d.resetSeconds ?? 60) },
  }),
  RateLimitError: (d) => ({
    ...bank(429, 'RateLimitError', "The institution's daily request limit for this account is spent.")(d),
    headers: { http_x_ratelimit_account_success_remaining: '0', http_x_ratelimit_account_success_reset: String(d.resetSeconds ?? 86_400) },
  }),
  UnknownRequestError: bank(500, 'UnknownRequestError', 'The request to the institution failed.'),
  ServiceError: bank(503, 'ServiceError', "The institution's service is unavailable."),
  ConnectionError: bank(503, 'ConnectionError', 'The institution could not be reached.'),
} satisfies Record<string, Builder>;

/** A code of the API's error catalogue, as the sandbox knows it (its own list, not the client's). */
export type DocumentedErrorCode = keyof typeof BUILDERS;

/** Every code the sandbox can answer with. */
export const DOCUMENTED_ERROR_CODES = Object.keys(BUILDERS) as DocumentedErrorCode[];

/** The codes that report the bank's own failure: on an account's data endpoints they count towards its suspension. */
export const INSTITUTION_ERROR_CODES: ReadonlySet<DocumentedErrorCode> = new Set(['UnknownRequestError', 'ServiceError', 'ConnectionError']);

/** Whether `code` is one of the catalogue's codes. */
export function isDocumentedErrorCode(code: unknown): code is DocumentedErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(BUILDERS, code);
}

/** The API's answer for `code`, as the handlers throw it. */
export function documentedError(code: DocumentedErrorCode, details: ErrorDetails = {}): SandboxHttpError {
  const build: Builder = BUILDERS[code];
  const { status, body, headers } = build(details);
  return new SandboxHttpError(status, body as ErrorBody, headers);
}
