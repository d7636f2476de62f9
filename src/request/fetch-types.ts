/**
 * The types of the fetch seam, written out rather than taken from the DOM
 * library, so the package's declarations type-check in projects without it
 * (`lib: ["ES2022"]` with `@types/node`).
 */

/**
 * A fetch function: `globalThis.fetch`, undici's or node-fetch's `fetch`, or a
 * test double. The client calls it with the request URL as a string and a
 * request init.
 */
export type FetchAPI = (input: string, init: RequestInit) => Promise<Response>;

/**
 * What the generated code states about an operation beside its URL and init:
 * facts from the OpenAPI document, for the transport to act on.
 */
export interface OperationFacts {
  /**
   * The operation's `security` (its own, or the document's) asks for a
   * credential, so the client sends its bearer token. False for the token
   * endpoints (`security: []`).
   */
  readonly auth: boolean;
}

/**
 * What the generated API classes send through: a fetch that also receives the
 * operation's facts. The client's transport (src/transport.ts) is one; a plain
 * `FetchAPI` is one too, ignoring them.
 */
export type Transport = (url: string, init: RequestInit, operation: OperationFacts) => Promise<Response>;
