/**
 * Every failure of a call is an `ApiException`, and this file is the one place
 * that makes one: `createApiException` for a response (its class picked by the
 * catalogue row of its code, else by its status) and a named function for
 * each failure without a usable response. test/errors-made-here.test.ts keeps
 * the rest of src/ from constructing exceptions itself.
 *
 * An exception keeps everything the response said - status, reason, headers and
 * the raw body text - plus the API's error fields parsed out of the body. It never
 * holds the request's Authorization header, and all text it keeps has passed
 * through redaction, so messages, stacks, `util.inspect` and `JSON.stringify` of
 * an exception are safe to log.
 */
import { RequiredError } from './request/required-error';
import { parseErrorBody, type FieldError, type ParsedErrorBody } from './error-body';
import { catalogueEntry, classifyError, classifyNoResponse, type CatalogueEntry, type ErrorClassification, type ErrorCode } from './error-codes';
import type { RateLimitInfo } from './rate-limit';
import { redactCredentialShapes } from './redact';

/** Thrown before any request when a required parameter is missing or malformed (`field` names it). */
export { RequiredError };

export type { ErrorCode, FieldError };

/** What a failed call knew when it failed; the input of `createApiException`. */
export interface FailureDetails {
  /** HTTP status, or 0 when no response arrived. */
  status: number;
  reason?: string;
  headers?: Record<string, string>;
  /** The raw response body, as text. */
  body?: string;
  method?: string;
  /** Path and query of the request (never carries credentials in this API). */
  path?: string;
  rateLimit?: RateLimitInfo;
  retryAfterSeconds?: number;
  /** Overrides the message derived from the response (used when no response arrived). */
  message?: string;
  cause?: unknown;
  /** Redacts text before it is stored; defaults to credential-shape redaction only. */
  redact?: (text: string) => string;
}

/**
 * Node's `util.inspect.custom`, by its registered name (no `util` import). A
 * constant, not a call in the class body, so bundlers can leave the class out
 * of a bundle that does not use it.
 */
const INSPECT_CUSTOM: unique symbol = /* @__PURE__ */ Symbol.for('nodejs.util.inspect.custom') as never;

/** Base class of every failure of a call to the API. */
export class ApiException extends Error {
  override name = 'ApiException';
  /** HTTP status of the response; 0 when no response arrived (connection failure, timeout, abort). */
  readonly status: number;
  /** HTTP reason phrase of the response ('' when none). */
  readonly reason: string;
  /** Response headers, lower-cased names (values redacted of credentials). */
  readonly headers: Record<string, string>;
  /** The raw response body text, always kept (redacted of credentials). */
  readonly body: string;
  /** The API's `summary` of the error, when the body had one. */
  readonly summary?: string;
  /** The API's `detail` of the error, when the body had one. */
  readonly detail?: string;
  /** The API's `type` of the error, when the body had one. */
  readonly type?: string;
  /** Per-field errors of an invalid request body (400), keyed by field name. */
  readonly fieldErrors?: Record<string, FieldError>;
  /**
   * Which documented failure this is (docs/errors-and-retries.md, "Handling failures"): the API's `type`
   * when the body has one, else recognised from the status and the documented
   * `summary`; `undefined` for a failure the catalogue does not know.
   */
  readonly code?: ErrorCode;
  /** Only the end user can restore access, by connecting the account again. */
  readonly reconnectRequired: boolean;
  /**
   * The same call may succeed later without a change (rate limits, transient
   * failures). Not whether the client sent it again: that is its retry policy's
   * own decision (retry.ts), which for example does not resend a bank's failure
   * on an account endpoint that is `retryable`.
   */
  readonly retryable: boolean;
  /** For `code === 'AccountStateError'`: the account's `status` (for example `PROCESSING`, `ERROR`). */
  readonly accountStatus?: string;
  /** Rate-limit state reported with the response, if any. */
  readonly rateLimit?: RateLimitInfo;
  /** Seconds the server asked to wait before trying again (`Retry-After` or the rate-limit reset). */
  readonly retryAfterSeconds?: number;
  /** HTTP method of the request. */
  readonly method?: string;
  /** Path and query of the request. */
  readonly path?: string;

  constructor(details: FailureDetails) {
    const aborted = new.target === AbortedException || new.target.prototype instanceof AbortedException;
    const reading = READINGS.get(details) ?? readFailure(details, aborted);
    super(reading.message, details.cause !== undefined ? { cause: details.cause } : undefined);
    const { parsed, classification } = reading;
    this.status = details.status;
    this.reason = reading.reason;
    this.headers = reading.headers;
    this.body = reading.body;
    this.summary = parsed.summary;
    this.detail = parsed.detail;
    this.type = parsed.type;
    this.fieldErrors = parsed.fieldErrors;
    this.code = classification.code;
    this.reconnectRequired = classification.reconnectRequired;
    this.retryable = classification.retryable;
    this.accountStatus = classification.accountStatus;
    this.rateLimit = details.rateLimit;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.method = details.method;
    this.path = details.path;
  }

  /** A plain, log-safe object with every field (used by `JSON.stringify`). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      reason: this.reason,
      method: this.method,
      path: this.path,
      summary: this.summary,
      detail: this.detail,
      type: this.type,
      code: this.code,
      reconnectRequired: this.reconnectRequired,
      retryable: this.retryable,
      accountStatus: this.accountStatus,
      fieldErrors: this.fieldErrors,
      rateLimit: this.rateLimit,
      retryAfterSeconds: this.retryAfterSeconds,
      headers: this.headers,
      body: this.body,
    };
  }

  /** How `util.inspect` and `console.log` show an exception: its stack, then every field. */
  [INSPECT_CUSTOM](_depth: number, options: object, inspect: (value: unknown, options: object) => string): string {
    return `${this.stack ?? `${this.name}: ${this.message}`}\n${inspect(this.toJSON(), options)}`;
  }
}

/** 400: the request was invalid; `fieldErrors` names the offending fields. */
export class BadRequestException extends ApiException {
  override name = 'BadRequestException';
}
/** 401: wrong secrets, or an access token that is invalid or expired. */
export class AuthenticationException extends ApiException {
  override name = 'AuthenticationException';
}
/** 403: access denied (for example an IP address not on the allow list, or an agreement without that scope). */
export class PermissionDeniedException extends ApiException {
  override name = 'PermissionDeniedException';
}
/** 404: no such resource. */
export class NotFoundException extends ApiException {
  override name = 'NotFoundException';
}
/** 409: the resource cannot serve the request in its current state (for example a suspended account). */
export class ConflictException extends ApiException {
  override name = 'ConflictException';
}
/** 429: a rate limit is spent; `retryAfterSeconds` and `rateLimit` say for how long. */
export class RateLimitException extends ApiException {
  override name = 'RateLimitException';
}
/** 5xx: the service or the bank behind it failed. */
export class ServerException extends ApiException {
  override name = 'ServerException';
}
/**
 * A response the client cannot use: a 2xx whose body is not the JSON the operation
 * promises (invalid, truncated, wrong type), or a token response without a token;
 * `body` keeps what arrived.
 */
export class InvalidResponseException extends ApiException {
  override name = 'InvalidResponseException';
}
/**
 * A response body longer than `maxResponseBytes`: the call fails as soon as the
 * limit is passed and the connection is closed. `body` is empty (not kept); the
 * status and headers are those of the response. Not retried: the same request
 * would get the same body.
 */
export class ResponseTooLargeException extends InvalidResponseException {
  override name = 'ResponseTooLargeException';
  override readonly retryable: boolean = false;
}
/** No response arrived: the connection failed or was reset (status 0). */
export class ConnectionException extends ApiException {
  override name = 'ConnectionException';
}
/** No response arrived in time: the per-attempt timeout or the overall deadline passed (status 0). */
export class TimeoutException extends ConnectionException {
  override name = 'TimeoutException';
}
/** The caller aborted the call with its `AbortSignal` (status 0). Never retried. */
export class AbortedException extends ApiException {
  override name = 'AbortedException';
}

/**
 * The class of a failed response, for the statuses the API documents: the one
 * status → class table of the package, the fallback for a code whose catalogue
 * row names no class. `exceptionClassFor` reads it, and the tests check every
 * status against it.
 */
export const EXCEPTION_CLASS_BY_STATUS: Readonly<Record<number, typeof ApiException>> = {
  400: BadRequestException,
  401: AuthenticationException,
  403: PermissionDeniedException,
  404: NotFoundException,
  409: ConflictException,
  429: RateLimitException,
};

/**
 * The classes a catalogue row can name for its code (`CatalogueEntry.exception`).
 * To give one code a class of its own: declare the class above, add it here,
 * export it from index.ts, and name it in the code's row in error-codes.ts.
 */
export const EXCEPTION_CLASS_BY_NAME = {
  BadRequestException,
  AuthenticationException,
  PermissionDeniedException,
  NotFoundException,
  ConflictException,
  RateLimitException,
  ServerException,
} as const satisfies Record<string, typeof ApiException>;

/** A class a catalogue row can name. */
export type ExceptionClassName = keyof typeof EXCEPTION_CLASS_BY_NAME;

/**
 * The exception class of a failed response: the class its catalogue row names,
 * if it names one; else the status table above, else any 5xx is a
 * `ServerException`, a 2xx that reached here is an `InvalidResponseException`
 * (a success whose body could not be used), and anything else an `ApiException`.
 */
export function exceptionClassFor(status: number, entry?: Pick<CatalogueEntry, 'exception'>): typeof ApiException {
  if (entry?.exception) return EXCEPTION_CLASS_BY_NAME[entry.exception];
  const listed = EXCEPTION_CLASS_BY_STATUS[status];
  if (listed) return listed;
  if (status >= 500) return ServerException;
  if (status >= 200 && status < 300) return InvalidResponseException;
  return ApiException;
}

/** The exception for a response that failed (or a 2xx that could not be used), its class chosen by its code's row, then by status. */
export function createApiException(details: FailureDetails): ApiException {
  const reading = readFailure(details, false);
  const ExceptionClass = exceptionClassFor(details.status, catalogueEntry(reading.classification.code));
  // The body is read once: the constructor takes the reading made to choose its class.
  const own = { ...details };
  READINGS.set(own, reading);
  return new ExceptionClass(own);
}

/** Everything an exception derives from its `FailureDetails`, redacted. */
interface FailureReading {
  message: string;
  reason: string;
  headers: Record<string, string>;
  body: string;
  parsed: ParsedErrorBody;
  classification: ErrorClassification;
}

/** Readings `createApiException` made, for the constructor it calls (so the body is parsed once). */
const READINGS = /* @__PURE__ */ new WeakMap<FailureDetails, FailureReading>();

function readFailure(details: FailureDetails, aborted: boolean): FailureReading {
  const redact = details.redact ?? redactCredentialShapes;
  const body = redact(details.body ?? '');
  const parsed = parseErrorBody(body, redact);
  const reason = redact(details.reason ?? '');
  const classification = details.status === 0 ? classifyNoResponse(aborted ? 'aborted' : 'connection') : classifyError(details.status, parsed.json);
  return {
    message: redact(details.message ?? describe(details.status, reason, parsed)),
    reason,
    headers: redactValues(details.headers ?? {}, redact),
    body,
    parsed,
    classification,
  };
}

// ---------------------------------------------------------------- failures without a usable response
// Every failure the transport, the token manager and the flows raise is made by one of these.

/** The call a failure belongs to: what its messages name, and how its text is redacted. */
export interface CallContext {
  method: string;
  /** Path and query of the request. */
  path: string;
  redact?: (text: string) => string;
}

/** What a response said, for a failure raised after it arrived. */
export interface ResponseFacts {
  status: number;
  reason?: string;
  headers?: Record<string, string>;
  body?: string;
  rateLimit?: RateLimitInfo;
}

/** The caller's AbortSignal aborted the call. */
export function abortedException(call: CallContext): AbortedException {
  return new AbortedException({ ...call, status: 0, message: `Aborted by the caller (${call.method} ${call.path})` });
}

/** A flow (`waitForConsent`, …) was aborted by the caller's signal between its calls; `cause` is the signal's reason. */
export function flowAbortedException(flow: string, cause: unknown): AbortedException {
  return new AbortedException({ status: 0, message: `${flow} was aborted by the caller`, cause });
}

/** The client has nothing to authenticate with: no secrets, and no token still valid. Raised before any request (status 0). */
export function noCredentialsException(): AuthenticationException {
  return new AuthenticationException({
    status: 0,
    message: 'No valid access token: give secretId and secretKey, or a refreshToken that has not expired',
  });
}

/** One attempt got no complete response (headers and body) within `timeoutMs`. */
export function attemptTimeoutException(call: CallContext, timeoutMs: number, cause?: unknown): TimeoutException {
  return new TimeoutException({ ...call, status: 0, cause, message: `No complete response within ${timeoutMs} ms (${call.method} ${call.path})` });
}

/** The whole call (all attempts and waits) ran out of time. */
export function deadlineException(call: CallContext, totalTimeoutMs: number): TimeoutException {
  return new TimeoutException({ ...call, status: 0, message: `Deadline of ${totalTimeoutMs} ms passed (${call.method} ${call.path})` });
}

/** The request could not be sent, or the connection broke before the response was complete. */
export function connectionException(call: CallContext, cause: unknown): ConnectionException {
  const code = errorCode(cause);
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new ConnectionException({
    ...call,
    status: 0,
    cause: cause instanceof Error ? cause : undefined,
    message: `Connection failed${code ? ` (${code})` : ''}: ${detail} (${call.method} ${call.path})`,
  });
}

/** A response arrived but cannot be used as the operation's result (`message` says why); `body` keeps what arrived. */
export function invalidResponseException(call: CallContext, response: ResponseFacts, message: string): InvalidResponseException {
  return new InvalidResponseException({ ...call, ...response, message });
}

/** The body passed `maxResponseBytes`; reading stopped there. */
export function responseTooLargeException(call: CallContext, response: ResponseFacts, maxResponseBytes: number): ResponseTooLargeException {
  return new ResponseTooLargeException({
    ...call,
    ...response,
    body: '',
    message: `${response.status} response body is larger than maxResponseBytes (${maxResponseBytes} bytes) (${call.method} ${call.path})`,
  });
}

/** The node or system error code of a failed fetch (`ECONNREFUSED`, …), wherever the fetch put it. */
export function errorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Headers echoed by a proxy or a debug front end can carry a token too. */
function redactValues(headers: Record<string, string>, redact: (text: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = redact(value);
  return out;
}

/** `404 Not found. — Not found.`; field errors of a 400 are listed after the dash. */
function describe(status: number, reason: string, parsed: ParsedErrorBody): string {
  const fields = parsed.fieldErrors
    ? Object.entries(parsed.fieldErrors)
        .map(([name, e]) => `${name}: ${e.detail ?? e.summary ?? 'invalid'}`)
        .join('; ')
    : undefined;
  const headline = parsed.summary ?? (fields ? 'Invalid request' : reason || 'Request failed');
  const detail = parsed.detail ?? fields;
  return `${status} ${headline}${detail ? ` — ${detail}` : ''}`;
}
