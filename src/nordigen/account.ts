import type { AccountDetail, AccountTransactions } from '../index';
import type { Call } from './call';
import type { AccountMetadata, Balances } from './results';

/** `client.account(id)`: one linked account's data. */
export class AccountApi {
  readonly #call: Call;
  readonly #id: string;

  /** @internal Made by `NordigenClient.account`. */
  constructor(call: Call, accountId: string) {
    this.#call = call;
    this.#id = accountId;
  }

  /** `GET /accounts/{id}/`: IBAN, institution, status. */
  getMetadata(): Promise<AccountMetadata> {
    return this.#call((client) => client.accounts.retrieveAccountMetadata({ id: this.#id })) as Promise<AccountMetadata>;
  }

  /** `GET /accounts/{id}/details/`. */
  getDetails(): Promise<AccountDetail> {
    return this.#call((client) => client.accounts.retrieveAccountDetails({ id: this.#id }));
  }

  /** `GET /accounts/{id}/balances/`. */
  getBalances(): Promise<Balances> {
    return this.#call((client) => client.accounts.retrieveAccountBalances({ id: this.#id })) as Promise<Balances>;
  }

  /**
   * `GET /accounts/{id}/transactions/`, optionally from `dateFrom` to `dateTo` (YYYY-MM-DD).
   * `country` is accepted and not sent: it belonged to the premium endpoints, and
   * this endpoint has no such parameter.
   */
  getTransactions({ dateFrom, dateTo }: { dateFrom?: string; dateTo?: string; country?: string } = {}, country?: string): Promise<AccountTransactions> {
    void country;
    const range = { ...(dateFrom && { date_from: dateFrom }), ...(dateTo && { date_to: dateTo }) };
    return this.#call((client) => client.accounts.retrieveAccountTransactions({ id: this.#id, ...range }));
  }
}
