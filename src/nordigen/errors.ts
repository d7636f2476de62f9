/**
 * nordigen-node rejected with axios errors, and apps read `e.response.status` and
 * `e.response.data`. Here every failure stays the client's `ApiException` subclass
 * (with `code`, `retryable`, `rateLimit`, …) and gains that `response` as well.
 */
import { ApiException } from '../index';

/** What an axios error's `response` held, as apps read it. */
export interface NordigenErrorResponse {
  /** HTTP status of the response. */
  status: number;
  /** HTTP reason phrase ('' when none). */
  statusText: string;
  /** The response body: its JSON when it parses, else the text. Redacted of credentials, as `ApiException.body` is. */
  data: unknown;
  /** Response headers, lower-cased names, redacted of credentials. */
  headers: Record<string, string>;
}

/**
 * A failure of a `NordigenClient` call: an `ApiException` that also carries
 * `response` when a response arrived (`undefined` for a connection failure,
 * a timeout or an abort, as with axios).
 */
export type NordigenApiException = ApiException & { readonly response?: NordigenErrorResponse };

/**
 * Gives an `ApiException` with a response its `response`, built from what the
 * exception already holds (already redacted), so nothing new can leak. Not
 * enumerable: `JSON.stringify` and `util.inspect` show the exception as before.
 */
export function withResponse(error: unknown): unknown {
  if (!(error instanceof ApiException) || error.status === 0 || Object.prototype.hasOwnProperty.call(error, 'response')) return error;
  const response: NordigenErrorResponse = { status: error.status, statusText: error.reason, data: parsed(error.body), headers: error.headers };
  Object.defineProperty(error, 'response', { value: response, enumerable: false, configurable: true });
  return error;
}

/** axios's default: a JSON body becomes its value, anything else stays text. */
function parsed(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
