/**
 * `BankAccountDataCore`: the client without its API classes, for apps that
 * count their bundle. It is the `Configuration` the generated API classes take,
 * so an app builds only the ones it calls, and a bundler leaves the others out:
 *
 *     const core = new BankAccountDataCore({ secretId, secretKey, fetchApi: fetch });
 *     const institutions = new InstitutionsApi(core);
 *
 * Calls go through the same pipeline as `BankAccountDataClient`'s (tokens,
 * retries, timeouts, budgets, exceptions). The token pair and the accounts'
 * budgets stay in this object's memory: a store shared between processes needs
 * `BankAccountDataClient`, whose store machinery (the guard, the lock, the
 * shared tokens) is what this class leaves out.
 */
import { resolveOptions, type ClientOptions } from './configuration';
import type { KeepAliveFetch } from './default-fetch';
import { createPipeline } from './pipeline';
import { SecretRegistry } from './redact';
import { Configuration } from './request/runtime';
import { BudgetBook } from './store/budget';
import { createMemoryStore } from './store/memory';

/** The options of `BankAccountDataCore`: those of `BankAccountDataClient` but `store`. */
export type CoreOptions = Omit<ClientOptions, 'store'>;

export class BankAccountDataCore extends Configuration {
  /** The default transport, when the app gave no `fetchApi`; `close()` closes its sockets. */
  readonly #defaultFetch?: KeepAliveFetch;

  constructor(options: CoreOptions) {
    if ((options as ClientOptions | null)?.store !== undefined) {
      throw new TypeError(
        'gocardless-bankaccountdata: option "store" needs BankAccountDataClient; BankAccountDataCore keeps its tokens and budgets in its own memory',
      );
    }
    const resolved = resolveOptions(options);
    const memory = createMemoryStore();
    // The store is this object's own and never fails: it needs no guard.
    const pipeline = createPipeline(options, resolved, new SecretRegistry(), { budgets: new BudgetBook({ call: (operation) => operation(memory) }) });
    // The pipeline's configuration, as the fields of this one: the same transport and headers.
    super(pipeline.configuration);
    this.#defaultFetch = pipeline.defaultFetch;
  }

  /** As `BankAccountDataClient.close()`: closes the connections the default transport keeps open; calls in flight fail. */
  close(): void {
    this.#defaultFetch?.close();
  }
}
