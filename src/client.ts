/**
 * `BankAccountDataClient`: the generated API classes, wired to one configuration.
 *
 * A request is built by the generated class (`generated/apis/*`), which says
 * whether the operation needs a token (its `security` in the OpenAPI document),
 * and authenticated (auth/token-manager.ts), sent, retried and mapped to
 * exceptions by the transport (transport.ts).
 */
import { AccountsApi } from '../generated/apis/AccountsApi';
import { AgreementsApi } from '../generated/apis/AgreementsApi';
import { InstitutionsApi } from '../generated/apis/InstitutionsApi';
import { RequisitionsApi } from '../generated/apis/RequisitionsApi';
import { TokenApi } from '../generated/apis/TokenApi';
import { Configuration } from './request/runtime';
import { appSender } from './app-fetch';
import { TokenManager } from './auth/token-manager';
import { resolveOptions, type ClientOptions } from './configuration';
import type { KeepAliveFetch } from './default-fetch';
import { createDefaultFetch } from './default-transport';
import { runAppCallback } from './callbacks';
import { emitWarning } from './platform';
import { SecretRegistry } from './redact';
import { SharedTokens } from './auth/shared-tokens';
import { BudgetBook } from './store/budget';
import { StoreGuard } from './store/guard';
import { createMemoryStore } from './store/memory';
import { createTransport } from './transport';

export class BankAccountDataClient {
  /** `POST /api/v2/token/new/` and `/refresh/`. The client calls these itself; use them only to manage tokens by hand. */
  readonly token: TokenApi;
  /** Banks that can be connected: list by country and features, or get one. */
  readonly institutions: InstitutionsApi;
  /** End-user agreements: create, list, get, delete, accept, reconfirm. */
  readonly agreements: AgreementsApi;
  /** Requisitions: create (with the consent `link`), list, get, delete. */
  readonly requisitions: RequisitionsApi;
  /** Account metadata, details, balances and transactions. */
  readonly accounts: AccountsApi;

  /** The default transport, when the app gave no `fetchApi`; `close()` closes its sockets. */
  readonly #defaultFetch?: KeepAliveFetch;

  constructor(options: ClientOptions) {
    const resolved = resolveOptions(options);
    if (!options.fetchApi) this.#defaultFetch = createDefaultFetch(resolved.maxResponseBytes);
    const secrets = new SecretRegistry();
    const store = new StoreGuard(options.store ?? createMemoryStore(), (message) => {
      const text = secrets.redact(message);
      emitWarning(text, 'StoreWarning');
      if (options.logger)
        runAppCallback(
          'logger',
          () => options.logger!.warn(text),
          (line) => secrets.redact(line),
        );
    });
    // Declared before use: the transport needs the token manager for 401 replays,
    // and the token manager needs a TokenApi that sends through the transport.
    let tokens: TokenManager | undefined;
    const fetchApi = createTransport({
      sender: options.fetchApi ? appSender(options.fetchApi, resolved.maxResponseBytes) : this.#defaultFetch!,
      options: resolved,
      secrets,
      get tokens() {
        return tokens;
      },
      onRateLimit: options.onRateLimit,
      logger: options.logger,
      budgets: new BudgetBook(store),
    });
    const configuration = new Configuration({
      basePath: resolved.baseUrl,
      fetchApi,
      headers: { Accept: 'application/json', 'User-Agent': resolved.userAgent, ...withoutAuthorization(resolved.headers) },
    });
    this.token = new TokenApi(configuration);
    tokens = new TokenManager({
      tokenApi: this.token,
      secrets,
      secretId: options.secretId,
      secretKey: options.secretKey,
      accessToken: options.accessToken,
      refreshToken: options.refreshToken,
      onTokens: options.onTokens,
      shared: new SharedTokens(store, SharedTokens.keyFor(options.secretId ?? options.refreshToken ?? options.accessToken ?? '')),
    });
    this.institutions = new InstitutionsApi(configuration);
    this.agreements = new AgreementsApi(configuration);
    this.requisitions = new RequisitionsApi(configuration);
    this.accounts = new AccountsApi(configuration);
  }

  /**
   * Closes the connections the client keeps open for reuse, so a script or a test
   * runner can exit at once. Calls in flight fail with a `ConnectionException`; a
   * later call opens new connections. Nothing to close when the app gave its own `fetchApi`.
   */
  close(): void {
    this.#defaultFetch?.close();
  }
}

/**
 * The configured headers but `Authorization`: the transport sends the bearer
 * token on the operations that need one, so a configured one would only reach
 * the token endpoints, which are called without one.
 */
function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'));
}
