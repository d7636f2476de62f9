/**
 * What every call of a client goes through, built once per client: the
 * transport (transport.ts: budgets, token, attempts, retries, exceptions) over
 * the app's fetch or the default one, and the token manager, which obtains its
 * tokens through the same transport. `BankAccountDataClient` and
 * `BankAccountDataCore` differ only in the store they give it and the API
 * classes they build over it.
 */
import { TokenApi } from '../generated/apis/TokenApi';
import { appSender } from './app-fetch';
import { TokenManager } from './auth/token-manager';
import type { SharedTokens } from './auth/shared-tokens';
import type { ClientOptions, ResolvedOptions } from './configuration';
import type { KeepAliveFetch } from './default-fetch';
import { createDefaultFetch } from './default-transport';
import type { SecretRegistry } from './redact';
import { Configuration } from './request/runtime';
import type { BudgetBook } from './store/budget';
import { createTransport } from './transport';

export interface Pipeline {
  /** What the generated API classes send through (the token manager's `TokenApi` among them). */
  configuration: Configuration;
  /** `POST /api/v2/token/new/` and `/refresh/`, over the pipeline (the token manager's own). */
  tokenApi: TokenApi;
  /** The default transport, when the app gave no `fetchApi`: the sockets `close()` closes. */
  defaultFetch?: KeepAliveFetch;
}

export function createPipeline(
  options: ClientOptions,
  resolved: ResolvedOptions,
  secrets: SecretRegistry,
  store: { budgets: BudgetBook; shared?: SharedTokens },
): Pipeline {
  const defaultFetch = options.fetchApi ? undefined : createDefaultFetch(resolved.maxResponseBytes);
  // Declared before use: the transport needs the token manager for 401 replays,
  // and the token manager needs a TokenApi that sends through the transport.
  let tokens: TokenManager | undefined;
  const fetchApi = createTransport({
    sender: options.fetchApi ? appSender(options.fetchApi, resolved.maxResponseBytes) : defaultFetch!,
    options: resolved,
    secrets,
    get tokens() {
      return tokens;
    },
    onRateLimit: options.onRateLimit,
    logger: options.logger,
    budgets: store.budgets,
  });
  const configuration = new Configuration({
    basePath: resolved.baseUrl,
    fetchApi,
    headers: { Accept: 'application/json', 'User-Agent': resolved.userAgent, ...withoutAuthorization(resolved.headers) },
  });
  const tokenApi = new TokenApi(configuration);
  tokens = new TokenManager({
    tokenApi,
    secrets,
    secretId: options.secretId,
    secretKey: options.secretKey,
    accessToken: options.accessToken,
    refreshToken: options.refreshToken,
    onTokens: options.onTokens,
    shared: store.shared,
  });
  return { configuration, tokenApi, defaultFetch };
}

/**
 * The configured headers but `Authorization`: the transport sends the bearer
 * token on the operations that need one, so a configured one would only reach
 * the token endpoints, which are called without one.
 */
function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'));
}
