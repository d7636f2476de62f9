/**
 * The client's `fetchApi`: every request of the generated API classes passes
 * through here. It owns one call from first attempt to final outcome:
 *
 *   per-attempt timeout and the overall deadline  (timeout.ts)
 *   rate-limit headers → `onRateLimit`              (rate-limit.ts)
 *   401 with a bearer token → renew it, replay once (auth/token-manager.ts)
 *   retry or give up, and for how long to wait     (retry.ts)
 *   any failure → an `ApiException` subclass       (errors.ts)
 *
 * The body is read here, inside the attempt's timeout, exactly once: a success
 * body is parsed and handed to the generated code through the response's own
 * `json()`, so healthy bodies are never parsed twice and a body that is not JSON
 * becomes an `InvalidResponseException` carrying the raw text.
 */
import type { FetchAPI } from '../generated/runtime';
import type { TokenManager } from './auth/token-manager';
import { runAppCallback } from './callbacks';
import type { Logger, RateLimitContext, ResolvedOptions } from './configuration';
import {
  AbortedException,
  ApiException,
  ConnectionException,
  TimeoutException,
  createApiException,
} from './errors';
import { parseRateLimit, type RateLimitInfo } from './rate-limit';
import type { SecretRegistry } from './redact';
import { budgetTargetOf, type BudgetBook } from './store/budget';
import { backoffMs, isRetryable, serverWaitSeconds, type AttemptOutcome } from './retry';
import { signalLimit, sleep, endableLimit, within, type AttemptAbortHook } from './timeout';

export interface TransportOptions {
  /** The app's fetch, or the default transport, which also takes a third argument (see timeout.ts). */
  fetch: (input: string, init: RequestInit, registerAbort?: AttemptAbortHook) => Promise<Response>;
  /** The fetch is the default transport, which can be ended through `registerAbort` (cheaper than an AbortSignal per call). */
  fetchHonoursAttemptAbort?: boolean;
  options: ResolvedOptions;
  secrets: SecretRegistry;
  tokens?: TokenManager;
  onRateLimit?: (rateLimit: RateLimitInfo, context: RateLimitContext) => void;
  logger?: Logger;
  /** The accounts' budgets of successful calls (store/budget.ts). */
  budgets?: BudgetBook;
}

/**
 * The bearer token the generated code is given to send. The generated methods
 * await their token before the request - out of reach of the call's AbortSignal
 * and deadline - so the transport obtains the real one instead, within both.
 */
export const PENDING_ACCESS_TOKEN = 'pending-access-token';

type Attempt =
  | { response: Response; text: string; failure?: undefined }
  | { response?: undefined; failure: ApiException; outcome: AttemptOutcome };

export function createTransport(transport: TransportOptions): FetchAPI {
  const { options, secrets, logger } = transport;
  const redact = (text: string) => secrets.redact(text);
  const hook = (name: string, callback: () => void) => runAppCallback(name, callback, redact);
  const policy = {
    maxRetries: options.maxRetries,
    baseDelayMs: options.retryBaseDelayMs,
    maxDelayMs: options.retryMaxDelayMs,
    maxRetryWaitMs: options.maxRetryWaitMs,
  };

  return async function send(input: RequestInfo | URL, requestInit: RequestInit = {}): Promise<Response> {
    const url = String(input);
    const method = (requestInit.method ?? 'GET').toUpperCase();
    const path = url.startsWith(options.baseUrl) ? url.slice(options.baseUrl.length) : url;
    const callerSignal = requestInit.signal ?? undefined;
    const deadline = Date.now() + options.totalTimeoutMs;
    const aborted = () => new AbortedException({ status: 0, method, path, message: `Aborted by the caller (${method} ${path})` });
    const deadlinePassed = () => new TimeoutException({ status: 0, method, path, message: `Deadline of ${options.totalTimeoutMs} ms passed (${method} ${path})` });
    let init = requestInit;
    let replayedAfter401 = false;
    const budget = transport.budgets && budgetTargetOf(method, path);
    if (budget) {
      const refusal = await transport.budgets!.refusal(budget, { method, path, redact });
      if (refusal) throw refusal;
    }
    if (transport.tokens && bearerToken(init.headers) === PENDING_ACCESS_TOKEN) {
      const token =
        transport.tokens.validAccessToken() ??
        (await within(transport.tokens.getAccessToken(), deadline - Date.now(), callerSignal, aborted, deadlinePassed));
      init = withBearer(init, token);
    }

    for (let attempt = 0; ; attempt++) {
      if (callerSignal?.aborted) throw aborted();
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw deadlinePassed();
      const timeoutMs = Math.min(options.timeoutMs, remaining);
      const started = Date.now();
      const result = await attemptOnce(url, init, timeoutMs);
      const durationMs = Date.now() - started;

      if (result.response) {
        const { response, text } = result;
        if (budget) await transport.budgets!.record(budget, response.headers, started);
        // Header lookups cost a few µs a call: parse only when someone will read the result.
        const rateLimit = transport.onRateLimit || !response.ok ? parseRateLimit(response.headers) : undefined;
        if (rateLimit && transport.onRateLimit) hook('onRateLimit', () => transport.onRateLimit!(rateLimit, { method, path, status: response.status }));
        if (logger) hook('logger', () => logger.debug('gocardless-bankaccountdata request', { method, path, status: response.status, attempt: attempt + 1, durationMs }));

        if (response.ok) return withParsedBody(response, text, { method, path, rateLimit, redact });

        const sentToken = bearerToken(init.headers);
        if (response.status === 401 && sentToken && !replayedAfter401 && transport.tokens?.canRenew) {
          replayedAfter401 = true;
          // The token request may hang on its own: the caller's signal and this call's deadline still hold.
          const fresh = await within(transport.tokens.renewAfterUnauthorized(sentToken), deadline - Date.now(), callerSignal, aborted, deadlinePassed);
          init = withBearer(init, fresh);
          attempt--; // the replay is part of authenticating, not a retry
          continue;
        }

        const waitSeconds = serverWaitSeconds(response.headers, response.status === 429 ? rateLimit : undefined);
        const failure = createApiException({
          status: response.status,
          reason: response.statusText,
          headers: headersToObject(response.headers),
          body: text,
          method,
          path,
          rateLimit,
          retryAfterSeconds: waitSeconds,
          redact,
        });
        await maybeWait({ kind: 'status', status: response.status }, failure, attempt, waitSeconds);
        continue;
      }

      if (logger) hook('logger', () => logger.debug('gocardless-bankaccountdata request', { method, path, status: 0, attempt: attempt + 1, durationMs, error: result.failure.message }));
      await maybeWait(result.outcome, result.failure, attempt, undefined);
    }

    /** Waits before the next attempt, or throws `failure` when there is none to make. */
    async function maybeWait(outcome: AttemptOutcome, failure: ApiException, attempt: number, waitSeconds: number | undefined): Promise<void> {
      if (attempt >= policy.maxRetries || !isRetryable(method, outcome)) throw failure;
      const serverWaitMs = waitSeconds === undefined ? 0 : Math.ceil(waitSeconds * 1000);
      if (serverWaitMs > policy.maxRetryWaitMs) throw failure;
      const waitMs = Math.max(backoffMs(attempt, policy), serverWaitMs);
      if (Date.now() + waitMs >= deadline) throw failure;
      if (logger) hook('logger', () => logger.warn('gocardless-bankaccountdata retry', { method, path, status: failure.status, attempt: attempt + 1, waitMs, reason: failure.name }));
      await sleep(waitMs, callerSignal, aborted);
    }

    async function attemptOnce(target: string, attemptInit: RequestInit, timeoutMs: number): Promise<Attempt> {
      const limit = transport.fetchHonoursAttemptAbort ? endableLimit(timeoutMs) : signalLimit(timeoutMs, callerSignal);
      try {
        const response = await transport.fetch(target, limit.apply(attemptInit), limit.registerAbort);
        const text = await response.text();
        return { response, text };
      } catch (error) {
        if (callerSignal?.aborted) throw aborted();
        const cause = error instanceof Error ? error : undefined;
        if (limit.timedOut(error)) {
          return {
            outcome: { kind: 'timeout' },
            failure: new TimeoutException({ status: 0, method, path, cause, message: `No complete response within ${timeoutMs} ms (${method} ${path})` }),
          };
        }
        const code = errorCode(error);
        const detail = redact(cause?.message ?? String(error));
        return {
          outcome: { kind: code === 'ECONNREFUSED' ? 'refused' : 'connection' },
          failure: new ConnectionException({ status: 0, method, path, cause, message: `Connection failed${code ? ` (${code})` : ''}: ${detail} (${method} ${path})` }),
        };
      } finally {
        limit.dispose();
      }
    }
  };
}

/**
 * Hands the already-read body to the generated code: `json()` returns the value
 * parsed here and `text()` the raw text, so neither reads the stream again.
 */
function withParsedBody(
  response: Response,
  text: string,
  context: { method: string; path: string; rateLimit?: RateLimitInfo; redact: (text: string) => string },
): Response {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // JSON.parse's own message quotes the body, which may hold a partial token: keep it out.
    const type = response.headers.get('content-type') ?? 'no content type';
    throw createApiException({
      ...context,
      // Parsed lazily on the success path (only for onRateLimit); the exception always carries it.
      rateLimit: context.rateLimit ?? parseRateLimit(response.headers),
      status: response.status,
      reason: response.statusText,
      headers: headersToObject(response.headers),
      body: text,
      message: `${response.status} response body is not valid JSON (${type}, ${text.length} characters)`,
    });
  }
  return new ReadResponse(response, text, value) as unknown as Response;
}

/**
 * A response whose body was already read and parsed. A small class rather than
 * patching the original: redefining methods on a node-fetch Response measured
 * ~2 µs a call. `raw` of the generated `*Raw` methods is one of these.
 */
class ReadResponse {
  constructor(
    private readonly response: Response,
    private readonly bodyText: string,
    private readonly parsed: unknown,
  ) {}
  get status() { return this.response.status; }
  get statusText() { return this.response.statusText; }
  get ok() { return this.response.ok; }
  get headers() { return this.response.headers; }
  get url() { return this.response.url; }
  get redirected() { return this.response.redirected; }
  get type() { return this.response.type; }
  get body() { return null; }
  get bodyUsed() { return true; }
  /** The parsed body (parsed once, on arrival). */
  json(): Promise<unknown> { return Promise.resolve(this.parsed); }
  /** The raw body text, as it arrived. */
  text(): Promise<string> { return Promise.resolve(this.bodyText); }
  clone(): ReadResponse { return new ReadResponse(this.response, this.bodyText, this.parsed); }
}

/** A copy of `init` that sends `token` as its bearer token. */
function withBearer(init: RequestInit, token: string): RequestInit {
  return { ...init, headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` } };
}

function bearerToken(headers: HeadersInit | undefined): string | undefined {
  if (!headers) return undefined;
  const value = typeof (headers as Headers).get === 'function'
    ? (headers as Headers).get('authorization')
    : (headers as Record<string, string>).Authorization ?? (headers as Record<string, string>).authorization;
  return value?.startsWith('Bearer ') ? value.slice(7) : undefined;
}

function headersToObject(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}

function errorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}
