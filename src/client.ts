/**
 * `BankAccountDataClient`: every generated API class, over one pipeline
 * (pipeline.ts), with the token pair and the accounts' budgets in the `store`
 * the app gives, or in this client's memory.
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
import type { TokenApi } from '../generated/apis/TokenApi';
import { resolveOptions, type ClientOptions } from './configuration';
import type { KeepAliveFetch } from './default-fetch';
import { runAppCallback } from './callbacks';
import { emitWarning } from './platform';
import { createPipeline } from './pipeline';
import { SecretRegistry } from './redact';
import { SharedTokens } from './auth/shared-tokens';
import { BudgetBook } from './store/budget';
import { StoreGuard } from './store/guard';
import { createMemoryStore } from './store/memory';

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
    const pipeline = createPipeline(options, resolved, secrets, {
      budgets: new BudgetBook(store),
      shared: new SharedTokens(store, SharedTokens.keyFor(options.secretId ?? options.refreshToken ?? options.accessToken ?? '')),
    });
    this.#defaultFetch = pipeline.defaultFetch;
    const { configuration } = pipeline;
    this.token = pipeline.tokenApi;
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
