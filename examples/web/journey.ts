/**
 * One browser's bank connection, from the bank picker to the accounts, built
 * only on the package's public API: `connect`, `parseConsentCallback`,
 * `waitForConsent`, `consentStatus`, `syncTransactions` and the client's
 * account and requisition calls. Everything here is what an app would keep per
 * user (in a database rather than memory).
 */
import { randomUUID } from 'node:crypto';
import {
  ApiException,
  ConsentExpiredError,
  ConsentFailedError,
  ConsentRejectedError,
  ConsentTimeoutError,
  NotFoundException,
  connect,
  consentStatus,
  parseConsentCallback,
  reconcilePending,
  syncTransactions,
  waitForConsent,
  type BankAccountDataClient,
  type BalanceSchema,
  type KeyedTransaction,
  type RateLimitWindow,
} from '../../src/index';

/** An account as the accounts page shows it, with what the next sync needs. */
export interface AccountView {
  id: string;
  name: string;
  iban?: string;
  owner?: string;
  balances: BalanceSchema[];
  /** Booked rows by key (a sync adds only rows it has not seen). */
  booked: Map<string, KeyedTransaction>;
  pending: KeyedTransaction[];
  nextSince?: string;
  /** The account's transactions budget after the latest sync. */
  budget?: RateLimitWindow;
  /** What the latest sync added, or why it failed. */
  syncNote?: string;
  /** Why part of the account could not be read (shown beside it). */
  problem?: string;
}

export interface Connection {
  /** Our id for this connection, sent to the bank and expected back in the callback. */
  reference: string;
  requisitionId: string;
  institution: { id: string; name: string };
  /** consent: at the bank; waiting: back, polling; linked: accounts read; failed: see `failure`. */
  phase: 'consent' | 'waiting' | 'linked' | 'failed';
  failure?: string;
  /** The wait started by the callback; settles once phase is linked or failed. */
  settled?: Promise<void>;
  accounts: AccountView[];
  daysLeft?: number;
}

export interface JourneyOptions {
  client: BankAccountDataClient;
  /** Time between consent polls. */
  pollMs: number;
  /** How long to wait for the bank after the callback. */
  consentTimeoutMs: number;
  /** The clock for "N days left"; default `Date.now`. */
  now?: () => number;
}

/** A plain sentence for anything that went wrong, never a stack trace. */
export function describeFailure(error: unknown): string {
  if (error instanceof ConsentRejectedError) return 'You declined access at your bank, so no accounts were connected.';
  if (error instanceof ConsentExpiredError) return 'The consent link expired before it was used. Start again to get a new one.';
  if (error instanceof ConsentTimeoutError) return 'Your bank did not confirm the connection in time.';
  if (error instanceof ConsentFailedError) return 'Your bank could not complete the connection.';
  if (error instanceof ApiException) return `The bank data service answered: ${error.detail ?? error.summary ?? error.message}`;
  return `Something went wrong: ${error instanceof Error ? error.message : String(error)}`;
}

/** What a callback's `error` means to the person who was at the bank. */
function describeCallbackError(error: string, details: string | undefined): string {
  if (/cancel/i.test(error)) return 'You cancelled at your bank, so no accounts were connected.';
  if (/reject|denied|declin/i.test(error)) return 'You declined access at your bank, so no accounts were connected.';
  return `Your bank could not complete the connection${details ? `: ${details}` : '.'}`;
}

export type CallbackOutcome = { ok: true } | { ok: false; refused: true; message: string } | { ok: false; refused: false; message: string };

export class Journey {
  constructor(private readonly options: JourneyOptions) {}

  /** Creates the agreement and requisition; the browser goes to the returned link. */
  async start(institution: { id: string; name: string }, redirect: string): Promise<{ link: string; connection: Connection }> {
    const reference = `web-${randomUUID()}`;
    const { link, requisition } = await connect(this.options.client, { institution_id: institution.id, redirect, reference });
    return { link, connection: { reference, requisitionId: requisition.id!, institution, phase: 'consent', accounts: [] } };
  }

  /**
   * Reads the callback URL. A reference that is not this session's
   * connection is refused and changes nothing; an `error` ends the
   * connection; otherwise the wait for consent starts.
   */
  callback(connection: Connection | undefined, url: string): CallbackOutcome {
    const { reference, error, details } = parseConsentCallback(url);
    if (!connection || reference === undefined || reference !== connection.reference) {
      return { ok: false, refused: true, message: 'This bank callback does not belong to a connection started in this browser, so it was ignored.' };
    }
    if (error !== undefined) {
      this.fail(connection, describeCallbackError(error, details));
      void this.remove(connection);
      return { ok: false, refused: false, message: connection.failure! };
    }
    if (connection.phase === 'consent') {
      connection.phase = 'waiting';
      connection.settled = this.waitAndLoad(connection);
    }
    return { ok: true };
  }

  private fail(connection: Connection, message: string): void {
    connection.phase = 'failed';
    connection.failure = message;
  }

  private async waitAndLoad(connection: Connection): Promise<void> {
    try {
      const requisition = await waitForConsent(this.options.client, connection.requisitionId, {
        intervalMs: this.options.pollMs,
        timeoutMs: this.options.consentTimeoutMs,
      });
      connection.accounts = await Promise.all((requisition.accounts ?? []).map((id) => this.loadAccount(id)));
      await this.refreshConsent(connection);
      connection.phase = 'linked';
    } catch (error) {
      this.fail(connection, describeFailure(error));
      if (error instanceof ConsentRejectedError) void this.remove(connection);
    }
  }

  /** Metadata (never rate-limited), balances and the first sync: one call of each daily budget. */
  private async loadAccount(id: string): Promise<AccountView> {
    const { client } = this.options;
    const account: AccountView = { id, name: 'Account', balances: [], booked: new Map(), pending: [] };
    const problems: string[] = [];
    try {
      const metadata = await client.accounts.retrieveAccountMetadata({ id });
      account.name = metadata.name || metadata.owner_name || account.name;
      account.iban = metadata.iban;
      account.owner = metadata.owner_name;
    } catch (error) {
      problems.push(describeFailure(error));
    }
    try {
      account.balances = (await client.accounts.retrieveAccountBalances({ id })).balances ?? [];
    } catch (error) {
      problems.push(`Balances: ${describeFailure(error)}`);
    }
    try {
      const sync = await syncTransactions(client, id);
      for (const row of sync.booked) account.booked.set(row.key, row);
      account.pending = sync.pending;
      account.nextSince = sync.nextSince;
      account.budget = sync.rateLimit;
    } catch (error) {
      problems.push(`Transactions: ${describeFailure(error)}`);
    }
    if (problems.length > 0) account.problem = problems.join(' ');
    return account;
  }

  private async refreshConsent(connection: Connection): Promise<void> {
    const status = await consentStatus(this.options.client, connection.requisitionId, { now: (this.options.now ?? Date.now)() });
    connection.daysLeft = status.daysLeft;
  }

  /** One transactions call: adds the rows not seen before and follows the pending ones. */
  async sync(connection: Connection, account: AccountView): Promise<void> {
    try {
      const sync = await syncTransactions(this.options.client, account.id, account.nextSince ? { since: account.nextSince } : {});
      const added = sync.booked.filter((row) => !account.booked.has(row.key));
      for (const row of added) account.booked.set(row.key, row);
      const { confirmed } = reconcilePending(account.pending, sync);
      account.pending = sync.pending;
      account.nextSince = sync.nextSince;
      account.budget = sync.rateLimit;
      account.syncNote =
        `Added ${count(added.length, 'new transaction')}` + (confirmed.length > 0 ? `; ${count(confirmed.length, 'pending transaction')} booked since.` : '.');
    } catch (error) {
      account.syncNote = `Sync failed. ${describeFailure(error)}`;
    }
    await this.refreshConsent(connection).catch(() => undefined);
  }

  /** Deletes the requisition (and with it the agreement and the access to the accounts). */
  async remove(connection: Connection): Promise<void> {
    try {
      await this.options.client.requisitions.deleteRequisitionById({ id: connection.requisitionId });
    } catch (error) {
      // Already gone is what was wanted.
      if (!(error instanceof NotFoundException)) throw error;
    }
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** "3 of 4 calls left today", when the API reported the account's budget. */
export function budgetText(budget: RateLimitWindow | undefined): string | undefined {
  if (budget?.remaining === undefined || budget.limit === undefined) return undefined;
  return `${budget.remaining} of ${budget.limit} call${budget.limit === 1 ? '' : 's'} left today`;
}
