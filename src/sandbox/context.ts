/**
 * What a handler gets: the sandbox's parts (shared by all requests) and the
 * request itself, already routed, authenticated and parsed.
 */
import type { ErrorInjector } from './error-injection';
import type { ResolvedSandboxOptions, SandboxFaults } from './options';
import type { RateLimits } from './rate-limit';
import type { SandboxState } from './state';
import type { TokenIssuer } from './tokens';

export interface SandboxContext {
  readonly options: ResolvedSandboxOptions;
  readonly state: SandboxState;
  readonly tokens: TokenIssuer;
  readonly limits: RateLimits;
  readonly faults: SandboxFaults;
  /** Injected errors and account suspensions (the error catalogue). */
  readonly errors: ErrorInjector;
  /** The sandbox clock (epoch ms). */
  now(): number;
  /** `http://127.0.0.1:<port>`, known once the server listens; absolute links are built on it. */
  baseUrl(): string;
}

export interface RequestContext {
  readonly sandbox: SandboxContext;
  /** Path parameters, URL-decoded (`id`). */
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  /** The parsed JSON body; `undefined` when there was none. */
  readonly body: unknown;
  /** The request path, without the query. */
  readonly path: string;
  /** Extra headers for the response, success or error (the account rate-limit headers). */
  readonly responseHeaders: Record<string, string>;
}

export interface Reply {
  status: number;
  body: unknown;
}

export type Handler = (request: RequestContext) => Reply;

/** An ISO 8601 timestamp of a sandbox-clock instant. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
