/**
 * The default transport where Node's modules do not exist (Cloudflare Workers,
 * Vercel Edge, Deno, Bun, browsers): the runtime's own `fetch`, which keeps its
 * connections alive by itself. The build puts this file in place of
 * default-fetch.ts outside Node (package.json `imports`, `#default-fetch`), so
 * it offers the same `createKeepAliveFetch`.
 */
import { appSender } from './app-fetch';
import type { KeepAliveFetch } from './default-fetch';

export type { KeepAliveFetch };

export function createKeepAliveFetch(maxResponseBytes: number): KeepAliveFetch {
  const runtimeFetch = (input: string, init: RequestInit): Promise<Response> => {
    // Looked up per call, not captured: an app or a test may install its fetch after the client was made.
    const fetch = (globalThis as { fetch?: typeof globalThis.fetch }).fetch;
    if (typeof fetch !== 'function') {
      return Promise.reject(new TypeError('gocardless-bankaccountdata: this runtime has no global fetch; pass one as the "fetchApi" option'));
    }
    return fetch(input, init);
  };
  return {
    ...appSender(runtimeFetch, maxResponseBytes),
    // The runtime owns its connections: nothing of the client's to close.
    close() {},
  };
}
