/**
 * How the transport sends through a fetch it does not own (an app's `fetchApi`,
 * or the runtime's own `fetch` outside Node): the attempt's time limit goes in
 * as an AbortSignal, redirects are reported rather than followed unless asked
 * for, and the body is read by read-body.ts, never past `maxResponseBytes`.
 */
import { readBodyText } from './read-body';
import type { AttemptLimit } from './timeout';

/** Sends one attempt and reads its body: what the transport needs of a fetch (transport.ts). */
export interface Sender {
  /** Sends one request; `limit` ends it, and its body, when the attempt is over. */
  send(url: string, init: RequestInit, limit: AttemptLimit): Promise<Response>;
  /** The whole body of a response `send` returned; a `BodyTooLargeError` past `maxResponseBytes`. */
  readText(response: Response): Promise<string>;
}

export function appSender(fetch: (input: string, init: RequestInit) => Promise<Response>, maxResponseBytes: number): Sender {
  return {
    send: (url, init, limit) => fetch(url, { ...init, signal: limit.signal, redirect: init.redirect ?? 'manual' }),
    readText: (response) => readBodyText(response, maxResponseBytes),
  };
}
