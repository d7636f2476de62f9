/**
 * The client's `fetchApi`: every request of the generated API classes passes
 * through here, with the operation's facts from the OpenAPI document
 * (`OperationFacts`: whether it needs a token). One call runs these steps, in
 * this order (`Call.run`):
 *
 *   check the budget    an account call the API would refuse is not sent (store/budget.ts)
 *   obtain a token      when the operation needs one, within the call's deadline and
 *                       AbortSignal (auth/token-manager.ts)
 *   attempt             send, and read the body within the attempt's time limit (timeout.ts)
 *                       and `maxResponseBytes` (the sender: app-fetch.ts, default-fetch.ts)
 *   record the budget   what the response said of the account's budget (store/budget.ts)
 *   report              rate-limit headers → `onRateLimit` (rate-limit.ts), one log line
 *   classify            a usable 2xx → the result; anything else → an `ApiException` (errors.ts)
 *   renew and replay    a 401 cured by a new token is sent once more (retry.ts)
 *   decide              try again after a wait, or give up (retry.ts)
 *   wait, or finish
 *
 * The body is read exactly once: a success body is parsed and handed to the
 * generated code through the response's own `json()`, and a body that is not
 * JSON becomes an `InvalidResponseException` carrying the raw text.
 */
import type { Sender } from './app-fetch';
import type { TokenManager } from './auth/token-manager';
import { runAppCallback } from './callbacks';
import type { Logger, RateLimitContext, ResolvedOptions } from './configuration';
import {
  ApiException,
  abortedException,
  attemptTimeoutException,
  connectionException,
  createApiException,
  deadlineException,
  errorCode,
  invalidResponseException,
  responseTooLargeException,
  type CallContext,
  type ResponseFacts,
} from './errors';
import { codeOfResponse } from './error-codes';
import { parseRateLimit, type RateLimitInfo } from './rate-limit';
import { isBodyTooLarge } from './read-body';
import type { OperationFacts, Transport } from './request/fetch-types';
import type { SecretRegistry } from './redact';
import { budgetTargetOf, type BudgetBook, type BudgetTarget } from './store/budget';
import { decideRetry, serverWaitSeconds, shouldRenewAndReplay, type AttemptOutcome, type RetryPolicy } from './retry';
import { attemptLimit, sleep, within } from './timeout';

export interface TransportOptions {
  /** The app's fetch (app-fetch.ts), or the default transport (default-fetch.ts). */
  sender: Sender;
  options: ResolvedOptions;
  secrets: SecretRegistry;
  tokens?: TokenManager;
  onRateLimit?: (rateLimit: RateLimitInfo, context: RateLimitContext) => void;
  logger?: Logger;
  /** The accounts' budgets of successful calls (store/budget.ts). */
  budgets?: BudgetBook;
}

/** How one attempt ended: a response whose body was read, or a failure with no usable response. */
type Attempt = { startedAt: number; durationMs: number } & (
  { response: Response; text: string; failure?: undefined } | { response?: undefined; failure: ApiException; outcome: AttemptOutcome }
);

/**
 * The token is obtained here rather than by the generated method (which would
 * await it before the request exists): here the call's AbortSignal and deadline
 * are known, so a hanging token request cannot outlive them.
 */
export function createTransport(transport: TransportOptions): Transport {
  const { options } = transport;
  const policy: RetryPolicy = {
    maxRetries: options.maxRetries,
    baseDelayMs: options.retryBaseDelayMs,
    maxDelayMs: options.retryMaxDelayMs,
    maxRetryWaitMs: options.maxRetryWaitMs,
    retryInstitutionErrors: options.retryInstitutionErrors,
  };
  const redact = (text: string) => transport.secrets.redact(text);
  return (url, init, operation) => new Call(transport, policy, redact, url, init, operation).run();
}

/** One call of an operation, from obtaining its token to its final outcome. */
class Call {
  private readonly context: CallContext;
  private readonly deadline: number;
  private readonly signal: AbortSignal | undefined;
  /** The account budget this call spends from, when it is an account call. */
  private readonly budget: BudgetTarget | undefined;
  private replayed = false;

  constructor(
    private readonly transport: TransportOptions,
    private readonly policy: RetryPolicy,
    private readonly redact: (text: string) => string,
    private readonly url: string,
    private readonly init: RequestInit,
    private readonly operation: OperationFacts,
  ) {
    const { baseUrl, totalTimeoutMs } = transport.options;
    const method = (init.method ?? 'GET').toUpperCase();
    const path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) : url;
    this.context = { method, path, redact };
    this.deadline = Date.now() + totalTimeoutMs;
    this.signal = init.signal ?? undefined;
    this.budget = transport.budgets && budgetTargetOf(method, path);
  }

  async run(): Promise<Response> {
    await this.checkBudget();
    let init = await this.withToken(this.init);
    for (let attempt = 0; ; attempt++) {
      this.checkStillWanted();
      let result = await this.attempt(init, attempt);
      if (this.mayRenewAndReplay(init, result)) {
        init = await this.withRenewedToken(init);
        this.checkStillWanted();
        result = await this.attempt(init, attempt);
      }
      const outcome = this.classify(result);
      if (outcome.result) return outcome.result;
      await this.waitOrGiveUp(outcome, attempt);
    }
  }

  // ------------------------------------------------------------- check the budget

  /** Throws the refusal when the account's budget of successful calls is spent: the API would refuse the call. */
  private async checkBudget(): Promise<void> {
    if (!this.budget) return;
    const refusal = await this.transport.budgets!.refusal(this.budget, this.context);
    if (refusal) throw refusal;
  }

  // ------------------------------------------------------------- obtain a token

  /**
   * `init` with the bearer token, obtained within the deadline and the caller's
   * signal, when the operation needs one and the call did not name its own
   * `Authorization` (per-call headers win, as for every other header).
   */
  private async withToken(init: RequestInit): Promise<RequestInit> {
    const tokens = this.transport.tokens;
    if (!tokens || !this.operation.auth || headerValue(init.headers, 'authorization') !== undefined) return init;
    const token = tokens.validAccessToken() ?? (await this.withinCall(tokens.getAccessToken()));
    return withBearer(init, token);
  }

  /** Whether the response to `init` is a 401 to renew the token for and replay (see `shouldRenewAndReplay`). */
  private mayRenewAndReplay(init: RequestInit, result: Attempt): boolean {
    if (!result.response || result.response.status !== 401) return false;
    return shouldRenewAndReplay({
      failure: { status: result.response.status, code: codeOfResponse(result.response.status, result.text) },
      sentToken: bearerToken(init.headers),
      replayed: this.replayed,
      canRenew: this.transport.tokens?.canRenew ?? false,
    });
  }

  /** `init` with a new token in place of the one the API refused. */
  private async withRenewedToken(init: RequestInit): Promise<RequestInit> {
    this.replayed = true;
    // The token request may hang on its own: the caller's signal and this call's deadline still hold.
    const fresh = await this.withinCall(this.transport.tokens!.renewAfterUnauthorized(bearerToken(init.headers)!));
    return withBearer(init, fresh);
  }

  // ------------------------------------------------------------- attempt

  /** Throws when the caller aborted or the deadline passed: no attempt is started then. */
  private checkStillWanted(): void {
    if (this.signal?.aborted) throw abortedException(this.context);
    if (Date.now() >= this.deadline) throw deadlineException(this.context, this.transport.options.totalTimeoutMs);
  }

  /** Sends once and reads the whole body, within the attempt's time limit and `maxResponseBytes`. */
  private async attempt(init: RequestInit, attempt: number): Promise<Attempt> {
    const { options } = this.transport;
    const timeoutMs = Math.min(options.timeoutMs, this.deadline - Date.now());
    const limit = attemptLimit(timeoutMs, this.signal);
    const started = Date.now();
    let response: Response | undefined;
    let result: Attempt;
    try {
      response = await this.transport.sender.send(this.url, init, limit);
      const text = await this.transport.sender.readText(response);
      result = { response, text, startedAt: started, durationMs: Date.now() - started };
    } catch (error) {
      limit.end(); // whatever went wrong, the request and its body are done with
      if (this.signal?.aborted) throw abortedException(this.context);
      result = this.failedAttempt(error, response, limit.timedOut(), timeoutMs, started);
    } finally {
      limit.dispose();
    }
    if (this.budget && result.response) await this.transport.budgets!.record(this.budget, result.response.headers, result.startedAt);
    this.report(result, attempt);
    return result;
  }

  /** What an attempt that threw is: a body over the limit, a timeout, or a failed connection. */
  private failedAttempt(error: unknown, response: Response | undefined, timedOut: boolean, timeoutMs: number, startedAt: number): Attempt {
    const durationMs = Date.now() - startedAt;
    if (isBodyTooLarge(error) && response) {
      const failure = responseTooLargeException(this.context, responseFacts(response), this.transport.options.maxResponseBytes);
      return { failure, outcome: { kind: 'unusable' }, startedAt, durationMs };
    }
    if (timedOut) return { failure: attemptTimeoutException(this.context, timeoutMs, error), outcome: { kind: 'timeout' }, startedAt, durationMs };
    const outcome: AttemptOutcome = { kind: errorCode(error) === 'ECONNREFUSED' ? 'refused' : 'connection' };
    return { failure: connectionException(this.context, error), outcome, startedAt, durationMs };
  }

  // ------------------------------------------------------------- report

  /** Rate-limit headers to `onRateLimit`, and one debug line per attempt. */
  private report(result: Attempt, attempt: number): void {
    const { onRateLimit, logger } = this.transport;
    const { method, path } = this.context;
    const status = result.response?.status ?? 0;
    if (result.response && onRateLimit) {
      const rateLimit = parseRateLimit(result.response.headers);
      if (rateLimit) this.callback('onRateLimit', () => onRateLimit(rateLimit, { method, path, status }));
    }
    if (logger) {
      const line = { method, path, status, attempt: attempt + 1, durationMs: result.durationMs, ...(result.failure && { error: result.failure.message }) };
      this.callback('logger', () => logger.debug('gocardless-bankaccountdata request', line));
    }
  }

  // ------------------------------------------------------------- classify

  /** A usable response (2xx with JSON) becomes the call's result; anything else the failure it is. */
  private classify(attempt: Attempt): Classified {
    if (attempt.failure) return { failure: attempt.failure, outcome: attempt.outcome };
    const { response, text } = attempt;
    if (response.ok) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        // JSON.parse's own message quotes the body, which may hold a partial token: keep it out.
        const type = response.headers.get('content-type') ?? 'no content type';
        throw invalidResponseException(
          this.context,
          responseFacts(response, text),
          `${response.status} response body is not valid JSON (${type}, ${text.length} characters)`,
        );
      }
      return { result: new ReadResponse(response, text, value) as unknown as Response };
    }
    const facts = responseFacts(response, text);
    const serverWait = serverWaitSeconds(response.headers, response.status === 429 ? facts.rateLimit : undefined);
    const failure = createApiException({ ...this.context, ...facts, retryAfterSeconds: serverWait });
    return { failure, outcome: { kind: 'status', status: response.status, code: failure.code }, serverWaitSeconds: serverWait };
  }

  // ------------------------------------------------------------- decide, wait

  /** Waits before the next attempt when `decideRetry` says so; else throws the failure. */
  private async waitOrGiveUp({ failure, outcome, serverWaitSeconds }: Failed, attempt: number): Promise<void> {
    const decision = decideRetry({
      method: this.context.method,
      path: this.context.path,
      outcome,
      attempt,
      serverWaitSeconds,
      policy: this.policy,
      now: Date.now(),
      deadline: this.deadline,
    });
    if (!decision.retry) throw failure;
    const { logger } = this.transport;
    if (logger) {
      const line = {
        method: this.context.method,
        path: this.context.path,
        status: failure.status,
        attempt: attempt + 1,
        waitMs: decision.waitMs,
        reason: failure.name,
      };
      this.callback('logger', () => logger.warn('gocardless-bankaccountdata retry', line));
    }
    await sleep(decision.waitMs, this.signal, () => abortedException(this.context));
  }

  // ------------------------------------------------------------- helpers

  /** Settles like `work`, unless the caller aborts or the deadline passes first. */
  private withinCall<T>(work: Promise<T>): Promise<T> {
    return within(
      work,
      this.deadline - Date.now(),
      this.signal,
      () => abortedException(this.context),
      () => deadlineException(this.context, this.transport.options.totalTimeoutMs),
    );
  }

  private callback(name: string, callback: () => void): void {
    runAppCallback(name, callback, this.redact);
  }
}

/** A failed attempt or response, ready for the retry decision. */
interface Failed {
  result?: undefined;
  failure: ApiException;
  outcome: AttemptOutcome;
  /** The wait the server asked for, if it did. */
  serverWaitSeconds?: number;
}

/** What an attempt came to: the call's result, or a failure. */
type Classified = { result: Response } | Failed;

/** What a response said, for its exception. */
function responseFacts(response: Response, body?: string): ResponseFacts {
  return {
    status: response.status,
    reason: response.statusText,
    headers: headersToObject(response.headers),
    body,
    rateLimit: parseRateLimit(response.headers),
  };
}

/**
 * A response whose body was already read and parsed: `json()` returns the value
 * parsed on arrival and `text()` the raw text, so neither reads the stream again.
 * `raw` of the generated `*Raw` methods is one of these. It copies what it needs
 * of the fetch's response rather than holding it: node-fetch's response keeps
 * every chunk of the body it read, and an app may hold `raw` for long.
 */
class ReadResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly url: string;
  readonly redirected: boolean;
  readonly type: ResponseType;

  constructor(
    response: Pick<Response, 'status' | 'statusText' | 'headers' | 'url' | 'redirected' | 'type'>,
    private readonly bodyText: string,
    private readonly parsed: unknown,
  ) {
    this.status = response.status;
    this.statusText = response.statusText;
    this.headers = response.headers;
    this.url = response.url;
    this.redirected = response.redirected;
    this.type = response.type;
  }
  get ok() {
    return this.status >= 200 && this.status < 300;
  }
  get body() {
    return null;
  }
  get bodyUsed() {
    return true;
  }
  /** The parsed body (parsed once, on arrival). */
  json(): Promise<unknown> {
    return Promise.resolve(this.parsed);
  }
  /** The raw body text, as it arrived. */
  text(): Promise<string> {
    return Promise.resolve(this.bodyText);
  }
  clone(): ReadResponse {
    return new ReadResponse(this, this.bodyText, this.parsed);
  }
}

/** A copy of `init` that sends `token` as its bearer token, in place of any `Authorization` it had (in any case). */
function withBearer(init: RequestInit, token: string): RequestInit {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(init.headers as Record<string, string>)) {
    if (name.toLowerCase() !== 'authorization') headers[name] = value;
  }
  headers.Authorization = `Bearer ${token}`;
  return { ...init, headers };
}

function bearerToken(headers: HeadersInit | undefined): string | undefined {
  const value = headerValue(headers, 'authorization');
  return value?.startsWith('Bearer ') ? value.slice(7) : undefined;
}

/** The value of the header `lowerName`, whatever the case it was given in. */
function headerValue(headers: HeadersInit | undefined, lowerName: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(lowerName) ?? undefined;
  for (const [name, value] of Object.entries(headers as Record<string, string>)) {
    if (name.toLowerCase() === lowerName) return value;
  }
  return undefined;
}

function headersToObject(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}
