/**
 * The error catalogue's prose: what each documented failure means, what the
 * client does when it meets it and what the app should do. Read by the
 * "Handling failures" table of docs/errors-and-retries.md (scripts/failure-table.ts) and docs/
 * (scripts/docs/render.js) only, beside what retry.docs.ts says the client
 * resends; no entry point imports this file, so the prose
 * never reaches an app's bundle. The codes themselves, their statuses and flags
 * live in error-codes.ts; this table is keyed by those codes, so a code without
 * prose fails the type check and test/error-codes-docs.test.ts.
 */
import { FAILED_ACCESSES_BEFORE_SUSPENSION } from './account-data';
import { ERROR_CATALOGUE, type CatalogueEntry, type KnownErrorCode } from './error-codes';
import { clientRetries } from './retry.docs';

/** The words a person reads about one documented failure. */
export interface CatalogueProse {
  meaning: string;
  /**
   * What else the client does when it meets this failure, beyond resending it
   * or not (that is rendered from retry.ts: retry.docs.ts `clientRetries`).
   */
  client?: string;
  /** What the app should do about it. */
  app: string;
}

/** A catalogue entry with its prose: one row of the failure table (docs/errors-and-retries.md) and of the API pages' failure lists. */
export type DocumentedEntry = CatalogueEntry &
  CatalogueProse & {
    /** Whether and when the client resends it, in words (retry.docs.ts `clientRetries`), then what else it does. */
    clientDoes: string;
  };

const NO_TOKEN_REQUEST = 'requests no new token';
const RATE = "after the server's wait, when that is within `maxRetryWaitMs`";
const RECONNECT = 'send the end user through a new agreement and requisition';
const LATER = `try again later, sparingly: ${FAILED_ACCESSES_BEFORE_SUSPENSION} failed accesses in a row suspend the account`;

/** The prose of every documented failure, by code. */
export const ERROR_PROSE: Readonly<Record<KnownErrorCode, CatalogueProse>> = {
  InvalidID: {
    meaning: 'An id in the path is not a UUID',
    app: 'fix the id',
  },
  DateRangeError: {
    meaning: '`date_from` is after `date_to`',
    app: 'fix the date range',
  },
  FieldErrors: {
    meaning: 'Fields of the request are invalid; `fieldErrors` names each',
    app: 'correct the named fields',
  },
  UnknownFields: {
    meaning: 'The request has a field the operation does not know',
    app: 'remove the field',
  },
  NotAValidChoice: {
    meaning: 'An unknown country code',
    app: 'use an ISO 3166 country code',
  },
  EUANeedsToBeAccepted: {
    meaning: 'The agreement has not been accepted yet',
    app: 'wait until the end user accepts it',
  },
  ReconfirmationNotEnabled: {
    meaning: 'The agreement was created without reconfirmation',
    app: 'create agreements with `reconfirmation: true`',
  },
  ReconfirmationAfterAcceptancePeriod: {
    meaning: 'The reconfirmation period is over',
    app: RECONNECT,
  },
  NoAccountsLeftToReconfirm: {
    meaning: 'No account of the agreement can still be reconfirmed',
    app: RECONNECT,
  },
  NoAccountsLinked: {
    meaning: 'The requisition has no linked accounts',
    app: 'finish the requisition first',
  },
  InvalidToken: {
    meaning: 'The access token is invalid or expired',
    client: 'renews the token once and replays the call (not a retry); fails if the replay is refused too',
    app: 'check the secrets or the tokens given to the client',
  },
  AuthenticationFailed: {
    meaning: 'Wrong secret id or key',
    app: 'fix the secrets',
  },
  EUAExpiredError: {
    meaning: 'The end-user agreement has expired',
    client: NO_TOKEN_REQUEST,
    app: RECONNECT,
  },
  AccessExpiredError: {
    meaning: 'The access to the bank expired or was revoked',
    client: NO_TOKEN_REQUEST,
    app: RECONNECT,
  },
  AccountInactiveError: {
    meaning: 'The account was deactivated or no longer exists',
    client: NO_TOKEN_REQUEST,
    app: `${RECONNECT}, or drop the account`,
  },
  PaymentRequired: {
    meaning: 'The free usage of the plan is spent',
    app: 'upgrade the plan',
  },
  IPAccessDenied: {
    meaning: "The caller's IP address is not on the allow list",
    app: 'allow the IP address in the dashboard',
  },
  AccountEUAScopeError: {
    meaning: 'The agreement does not cover this data (balances, details or transactions)',
    app: 'read only what the agreement covers, or connect with a wider `access_scope`',
  },
  AccountValidEUAError: {
    meaning: 'No valid agreement gives access to the account',
    app: RECONNECT,
  },
  AccountAccessForbidden: {
    meaning: 'The bank refused access to the account',
    app: 'tell the end user; the bank side lacks a permission',
  },
  AccountResourceUnavailable: {
    meaning: 'The bank does not offer this data for the account',
    app: 'stop asking for it for this account',
  },
  InsufficientPermissions: {
    meaning: 'The company may not accept agreements through the API',
    app: 'let the end user accept on the hosted form',
  },
  PermissionDenied: {
    meaning: 'The company lacks the permission (for example for reconfirmation)',
    app: 'ask GoCardless to enable it',
  },
  NotFound: {
    meaning: 'No such resource (or an unknown id in the body)',
    app: 'check the id',
  },
  EUAAccepted: {
    meaning: 'The agreement was accepted already',
    app: 'treat it as done',
  },
  AccountSuspendedError: {
    meaning: 'The account was suspended after repeated failed accesses',
    app: RECONNECT,
  },
  AccountStateError: {
    meaning: "The account's status (`accountStatus`) does not allow the read",
    app: 'retry later while `accountStatus` is DISCOVERED or PROCESSING; otherwise reconnect',
  },
  RateLimitExceeded: {
    meaning: "GoCardless's own rate limit is spent",
    client: RATE,
    app: 'wait `retryAfterSeconds`',
  },
  RateLimitError: {
    meaning: "The bank's daily limit for the account is spent",
    client: RATE,
    app: 'wait `retryAfterSeconds` (often until the next day)',
  },
  UnknownRequestError: {
    meaning: 'The request to the bank failed',
    app: LATER,
  },
  ServiceError: {
    meaning: "The bank's service is unavailable",
    app: LATER,
  },
  ConnectionError: {
    meaning: 'The bank could not be reached',
    app: LATER,
  },
};

/** The catalogue in its order, each entry with its prose; throws for a code that has none. */
export function documentedCatalogue(): DocumentedEntry[] {
  return ERROR_CATALOGUE.map((entry) => {
    const prose = ERROR_PROSE[entry.code];
    if (!prose) throw new Error(`src/error-codes.docs.ts has no prose for ${entry.code}`);
    return { ...entry, ...prose, clientDoes: [clientRetries(entry), prose.client].filter(Boolean).join('; ') };
  });
}
