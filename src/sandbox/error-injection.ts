/**
 * The error catalogue, played by the sandbox: errors an app injects on purpose
 * (`sandbox.injectError`), and the account suspension the API applies by
 * itself after `SUSPEND_AFTER_FAILURES` failed accesses in a row.
 *
 * Every API request passes through `answer`, after routing and authentication:
 * a suspended account answers AccountSuspendedError (409) on its data
 * endpoints; an injection that matches the request answers its documented
 * error instead of the handler; otherwise the handler runs. Institution errors
 * on an account's data endpoints count towards its suspension, a successful
 * read starts the count again.
 */
import { ACCOUNT_SCOPES } from './api-facts';
import { iso, type Reply, type RequestContext } from './context';
import {
  DOCUMENTED_ERROR_CODES,
  INSTITUTION_ERROR_CODES,
  documentedError,
  isDocumentedErrorCode,
  type DocumentedErrorCode,
  type ErrorDetails,
} from './documented-errors';
import { describeLimit } from './rate-limit';
import type { Route } from './routes';
import { agreementExpiry } from './state';

/** Failed accesses in a row after which the API suspends an account (the sandbox's own copy of the client's FAILED_ACCESSES_BEFORE_SUSPENSION). */
export const SUSPEND_AFTER_FAILURES = 10;

export interface InjectErrorOptions {
  /** Only requests for this account (any of its endpoints). */
  accountId?: string;
  /**
   * Only this operation: the client method name (`retrieveAccountTransactions`)
   * or the operationId (`retrieve account transactions`); case and spaces do not matter.
   * Without it, any operation but the token endpoints (AuthenticationFailed: the token endpoint).
   */
  operation?: string;
  /** How many matching requests get the error; default 1, `Infinity` until `reset()`. */
  times?: number;
}

interface Injection {
  code: DocumentedErrorCode;
  accountId?: string;
  operation?: string;
  remaining: number;
}

const squash = (name: string) => name.replace(/[^a-z0-9]/gi, '').toLowerCase();
const DATA_RESOURCE = new RegExp(`^/api/v2/accounts/\\{id\\}/(${ACCOUNT_SCOPES.join('|')})/$`);

export class ErrorInjector {
  private injections: Injection[] = [];
  private readonly failures = new Map<string, number>();
  private readonly suspended = new Set<string>();

  constructor(private readonly routes: readonly Route[]) {}

  /** Queues `code` for the next `times` requests that match. Checks its arguments; throws a `TypeError` naming the bad one. */
  inject(code: string, options: InjectErrorOptions = {}): void {
    if (!isDocumentedErrorCode(code)) {
      throw new TypeError(
        `gocardless-bankaccountdata/sandbox: injectError: unknown code ${JSON.stringify(code)} (one of ${DOCUMENTED_ERROR_CODES.join(', ')})`,
      );
    }
    if (options === null || typeof options !== 'object') throw new TypeError('gocardless-bankaccountdata/sandbox: injectError: options must be an object');
    const { accountId, operation, times = 1 } = options;
    if (accountId !== undefined && (typeof accountId !== 'string' || accountId === '')) {
      throw new TypeError('gocardless-bankaccountdata/sandbox: injectError: option "accountId" must be a non-empty string');
    }
    let squashed: string | undefined;
    if (operation !== undefined) {
      squashed = typeof operation === 'string' ? squash(operation) : '';
      if (!this.routes.some((route) => squash(route.operation) === squashed)) {
        throw new TypeError(`gocardless-bankaccountdata/sandbox: injectError: option "operation" names no operation: ${JSON.stringify(operation)}`);
      }
    }
    if (typeof times !== 'number' || !(times >= 1) || (times !== Infinity && !Number.isInteger(times))) {
      throw new TypeError('gocardless-bankaccountdata/sandbox: injectError: option "times" must be an integer ≥ 1 or Infinity');
    }
    this.injections.push({ code, accountId: accountId?.toLowerCase(), operation: squashed, remaining: times });
  }

  /** Whether the account was suspended (its data endpoints answer 409 until `reset()`). */
  isSuspended(accountId: string): boolean {
    return this.suspended.has(accountId.toLowerCase());
  }

  /** Forgets injections, failure counts and suspensions. */
  reset(): void {
    this.injections = [];
    this.failures.clear();
    this.suspended.clear();
  }

  /** Answers one routed, authenticated request (see the file comment). */
  answer(route: Route, request: RequestContext): Reply {
    const accountId = route.template.startsWith('/api/v2/accounts/') ? request.params.id?.toLowerCase() : undefined;
    const resource = DATA_RESOURCE.exec(route.template)?.[1];
    const dataRead = accountId !== undefined && resource !== undefined;
    if (dataRead && this.suspended.has(accountId)) throw documentedError('AccountSuspendedError');

    const injection = this.take(route, accountId);
    if (injection) {
      if (dataRead && INSTITUTION_ERROR_CODES.has(injection.code)) this.countFailure(accountId);
      throw documentedError(injection.code, this.details(request, accountId, resource));
    }
    const reply = route.handler(request);
    if (dataRead && reply.status < 300) this.failures.delete(accountId);
    return reply;
  }

  private take(route: Route, accountId: string | undefined): Injection | undefined {
    const index = this.injections.findIndex((injection) => this.matches(injection, route, accountId));
    if (index < 0) return undefined;
    const injection = this.injections[index];
    if (--injection.remaining <= 0) this.injections.splice(index, 1);
    return injection;
  }

  private matches(injection: Injection, route: Route, accountId: string | undefined): boolean {
    if (injection.accountId !== undefined && injection.accountId !== accountId) return false;
    if (injection.operation !== undefined) return squash(route.operation) === injection.operation;
    const tokenEndpoint = route.template.startsWith('/api/v2/token/');
    return injection.code === 'AuthenticationFailed' ? route.template === '/api/v2/token/new/' : !tokenEndpoint;
  }

  private countFailure(accountId: string): void {
    const failures = (this.failures.get(accountId) ?? 0) + 1;
    this.failures.set(accountId, failures);
    if (failures >= SUSPEND_AFTER_FAILURES) this.suspended.add(accountId);
  }

  /** What the documented body may name: the resource, the account and its agreement. */
  private details(request: RequestContext, accountId: string | undefined, resource: string | undefined): ErrorDetails {
    const { state, options } = request.sandbox;
    const account = accountId === undefined ? undefined : state.accounts.get(accountId);
    const requisition = account && state.requisitions.get(account.requisitionId);
    const agreement = requisition && state.agreements.get(requisition.agreementId);
    const agreementId = agreement?.id ?? (request.path.startsWith('/api/v2/agreements/') ? request.params.id : undefined);
    return {
      resource,
      accountId,
      agreementId,
      limit: describeLimit(options.rateLimit, options.rateLimitWindowSeconds),
      accessValidForDays: agreement?.accessValidForDays,
      expiredAt: agreement && Number.isFinite(agreementExpiry(agreement)) ? iso(agreementExpiry(agreement)) : undefined,
      account: account && {
        id: account.id,
        created: iso(account.created),
        last_accessed: iso(account.lastAccessed),
        iban: account.profile.iban,
        institution_id: account.profile.institutionId,
      },
    };
  }
}
