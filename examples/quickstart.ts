/**
 * Quickstart: the whole life of a bank connection, with the package's flows.
 *
 *   npm start -- --web [--port 3000]
 *     The same journey in a browser: pick a bank, consent, see the accounts
 *     (examples/web/; on the sandbox unless SECRET_ID/SECRET_KEY are set).
 *
 *   npm start
 *     Runs against the sandbox built into this package (started in-process, on
 *     its own clock); no account needed, done in a second or two.
 *
 *   SECRET_ID=… SECRET_KEY=… [INSTITUTION_ID=…] [REDIRECT_URL=…] npm start
 *     Runs against the real API. It prints the consent link for you to open
 *     and waits (up to 10 minutes) until you have given consent.
 *     INSTITUTION_ID defaults to SANDBOXFINANCE_SFIN0000, the API's test bank.
 *     BASE_URL overrides the API host (e.g. a sandbox running in another process).
 *
 * Steps: connect (agreement with the most the bank allows + requisition) →
 * consent → wait until linked → sync each account's transactions → a day later,
 * sync again (only new rows; pending ones confirmed) → consent status → (on the
 * sandbox) consent ends: reconnect, match the accounts, sync with the held keys
 * (nothing imported twice) → clean-up.
 */
import {
  ApiException,
  BankAccountDataClient,
  accountIdentity,
  connect,
  consentStatus,
  matchAccounts,
  parseConsentCallback,
  reconcilePending,
  reconnect,
  syncTransactions,
  waitForConsent,
  type KeyedTransaction,
  type RateLimitWindow,
} from '../src/index';
import { createSandboxServer, type SandboxServer } from '../src/sandbox/index';

const INSTITUTION_ID = process.env.INSTITUTION_ID || 'SANDBOXFINANCE_SFIN0000';
const REDIRECT_URL = process.env.REDIRECT_URL || 'https://example.com/bank-callback';
const DAY_MS = 86_400_000;

let stepNumber = 0;
function step(title: string): void {
  console.log(`\n${++stepNumber}. ${title}`);
}
function say(line: string): void {
  console.log(`   ${line}`.trimEnd());
}

function fit(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

function shortId(id: string): string {
  return `${id.slice(0, 8)}…`;
}

function budget(window: RateLimitWindow | undefined): string {
  return window ? `${window.remaining} of ${window.limit} transactions calls left today for this account` : 'budget not reported';
}

function printRows(rows: Array<{ row: KeyedTransaction; note?: string }>): void {
  for (const { row, note } of rows) {
    const date = row.bookingDate ?? row.valueDate ?? '';
    const amount = `${row.transactionAmount.amount} ${row.transactionAmount.currency}`;
    const counterparty = row.creditorName ?? row.debtorName ?? '—';
    say(`  ${date.padEnd(10)}  ${amount.padStart(14)}  ${fit(counterparty, 22)}${note ? `  ${note}` : ''}`);
  }
}

/** What an app keeps per account between syncs: its rows by key, the pending ones, and where to start next time. */
interface AccountStore {
  rows: Map<string, KeyedTransaction>;
  pending: KeyedTransaction[];
  since?: string;
}

async function main(): Promise<void> {
  const started = Date.now();
  const secretId = process.env.SECRET_ID;
  const secretKey = process.env.SECRET_KEY;
  if (Boolean(secretId) !== Boolean(secretKey)) {
    throw new Error('Set both SECRET_ID and SECRET_KEY to use the real API, or neither to use the sandbox.');
  }
  const live = Boolean(secretId && secretKey);
  // The sandbox runs on its own clock, so "a day later" takes no time.
  let sandboxNow = Date.now();
  let sandbox: SandboxServer | undefined;
  try {
    if (!live) sandbox = await createSandboxServer({ now: () => sandboxNow });
    const credentials = sandbox ? sandbox.credentials : { secretId: secretId!, secretKey: secretKey! };
    const baseUrl = sandbox?.url ?? (process.env.BASE_URL || undefined);
    console.log(
      `GoCardless Bank Account Data quickstart — ${sandbox ? `sandbox at ${sandbox.url}` : `API at ${baseUrl ?? 'https://bankaccountdata.gocardless.com'}`}`,
    );
    const client = new BankAccountDataClient({ ...credentials, baseUrl });

    step(`Connect ${INSTITUTION_ID}`);
    const reference = `quickstart-${Date.now()}`;
    // 'max' (the default) asks for as much history and access as the bank allows.
    const { link, requisition, agreement } = await connect(client, { institution_id: INSTITUTION_ID, redirect: REDIRECT_URL, reference });
    const requisitionId = requisition.id!;
    say(`agreement ${shortId(agreement.id!)}: ${agreement.max_historical_days} days of history, access for ${agreement.access_valid_for_days} days`);
    say(`requisition ${shortId(requisitionId)}: status ${requisition.status}, reference ${reference}`);
    say(`consent link: ${link}`);

    try {
      step('Consent');
      if (sandbox) {
        // Play the end user's browser: on the link's consent page, press Approve (the form posts
        // back to the link); the bank sends the browser back to our redirect URL.
        const response = await fetch(link, { method: 'POST', body: new URLSearchParams({ decision: 'approve' }), redirect: 'manual' });
        await response.body?.cancel();
        const callback = parseConsentCallback(response.headers.get('location') ?? '');
        say(`the browser came back with ref=${callback.reference}${callback.error ? `, error=${callback.error} (${callback.details})` : ''}`);
        if (callback.reference !== reference) throw new Error(`The callback's ref does not match ${reference}`);
      } else {
        say('Open the consent link above in a browser and complete the bank steps.');
      }

      step('Wait until linked');
      const linked = await waitForConsent(client, requisitionId, { intervalMs: sandbox ? 200 : 5_000, timeoutMs: 10 * 60_000 });
      const accounts = linked.accounts ?? [];
      say(`status ${linked.status}, ${accounts.length} account${accounts.length === 1 ? '' : 's'}: ${accounts.map(shortId).join(', ')}`);

      step('First sync: all the history the agreement allows, one transactions call per account');
      const stores = new Map<string, AccountStore>();
      for (const accountId of accounts) {
        const sync = await syncTransactions(client, accountId);
        const store: AccountStore = { rows: new Map(sync.booked.map((row) => [row.key, row])), pending: sync.pending, since: sync.nextSince };
        stores.set(accountId, store);
        say(
          `account ${shortId(accountId)}: ${sync.booked.length} booked, ${sync.pending.length} pending; next sync from ${sync.nextSince}; ${budget(sync.rateLimit)}`,
        );
        printRows(sync.pending.slice(0, 3).map((row) => ({ row, note: '(pending)' })));
        printRows(sync.booked.slice(0, 2).map((row) => ({ row })));
      }

      step(sandbox ? 'A day later (on the sandbox clock): sync again' : 'Sync again (a day later the new rows would be there)');
      sandboxNow += DAY_MS;
      for (const accountId of accounts) {
        const store = stores.get(accountId)!;
        const sync = await syncTransactions(client, accountId, { since: store.since });
        const fresh = sync.booked.filter((row) => !store.rows.has(row.key));
        for (const row of fresh) store.rows.set(row.key, row);
        const { confirmed, stillPending, dropped } = reconcilePending(store.pending, sync);
        say(
          `account ${shortId(accountId)}: ${sync.booked.length} booked rows since ${store.since} (the overlap comes back with the same keys), ` +
            `${fresh.length} new; ${confirmed.length} pending confirmed, ${stillPending.length} still pending, ${dropped.length} dropped; ${budget(sync.rateLimit)}`,
        );
        // One example of each way a pending row books: its id kept, a new id, or no id while pending.
        const idFate = (pending: KeyedTransaction, booked: KeyedTransaction) =>
          pending.transactionId === undefined ? 'had none while pending' : pending.transactionId === booked.transactionId ? 'kept' : 'changed';
        const examples = new Map<string, { row: KeyedTransaction; note: string }>();
        for (const { pending, booked } of confirmed) {
          const fate = idFate(pending, booked);
          if (!examples.has(fate)) examples.set(fate, { row: booked, note: `booked (was pending; id ${fate})` });
        }
        printRows([...examples.values()]);
        store.pending = sync.pending;
        store.since = sync.nextSince;
      }

      step('Consent status');
      const status = await consentStatus(client, requisitionId, { now: sandbox ? sandboxNow : Date.now() });
      say(
        `status ${status.status}, ${status.accounts.length} account(s); access until ${status.expiresAt?.toISOString() ?? '—'} (${status.daysLeft ?? '?'} days left)`,
      );
      say(
        status.reconfirmable
          ? 'reconfirmable now: send the user to reconfirm(client, …).link'
          : 'not reconfirmable now; warn the user before access lapses and connect again then',
      );
      if (sandbox)
        await afterConsentEnds(
          client,
          sandbox,
          requisitionId,
          accounts,
          stores,
          () => sandboxNow,
          (ms) => (sandboxNow = ms),
        );
    } finally {
      step('Clean-up');
      // Deleting the requisition also deletes its agreement and ends access to the accounts.
      const deleted = await client.requisitions.deleteRequisitionById({ id: requisitionId });
      say(`${deleted.summary}: ${deleted.detail}`);
    }
    console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await sandbox?.close();
  }
}

/** A row as the bank describes it, whatever account id and internal id it came under. */
function bankContent({ internalTransactionId: _internal, key: _key, ...row }: KeyedTransaction): string {
  return JSON.stringify(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * On the sandbox clock: weekly syncs until consent ends, then reconnect, match
 * the new accounts to the held ones by identity, and sync with the held keys.
 */
async function afterConsentEnds(
  client: BankAccountDataClient,
  sandbox: SandboxServer,
  requisitionId: string,
  accounts: string[],
  stores: Map<string, AccountStore>,
  now: () => number,
  setNow: (ms: number) => void,
): Promise<void> {
  step('Consent ends (on the sandbox clock): reconnect, match the accounts, and sync without importing anything twice');
  // While access is valid, keep each account's identity: the details of an expired account can no longer be read.
  const held: Array<{ id: string; identity: string; store: AccountStore }> = [];
  for (const id of accounts) held.push({ id, identity: accountIdentity(await client.accounts.retrieveAccountDetails({ id })), store: stores.get(id)! });
  const sync = async (account: (typeof held)[number]) => {
    const { store } = account;
    // The rows held from `since` on: a row that comes back under a new account id keeps the key it was stored with.
    const carryKeysFrom = [...store.rows.values()].filter((row) => store.since === undefined || (row.bookingDate ?? '') >= store.since).concat(store.pending);
    const since = store.since;
    const result = await syncTransactions(client, account.id, { since, carryKeysFrom });
    const heldContent = new Set([...store.rows.values()].map(bankContent));
    const fresh = result.booked.filter((row) => !store.rows.has(row.key));
    const twice = fresh.filter((row) => heldContent.has(bankContent(row))).length;
    for (const row of fresh) store.rows.set(row.key, row);
    store.pending = result.pending;
    store.since = result.nextSince;
    return { since, returned: result.booked.length, fresh: fresh.length, twice };
  };

  const { expiresAt } = await consentStatus(client, requisitionId, { now: now() });
  let weeks = 0;
  while (now() + 7 * DAY_MS < expiresAt!.getTime()) {
    setNow(now() + 7 * DAY_MS);
    for (const account of held) await sync(account);
    weeks++;
  }
  setNow(expiresAt!.getTime() + DAY_MS);
  say(
    `${weeks} weekly syncs later, access ended on ${expiresAt!.toISOString().slice(0, 10)}: status ${(await consentStatus(client, requisitionId, { now: now() })).status}`,
  );

  const next = await reconnect(client, requisitionId, { redirect: REDIRECT_URL });
  if (next.stillValid) throw new Error('The sandbox says the ended connection is still valid');
  const newRequisitionId = next.requisition.id!;
  try {
    say(`reconnect: requisition ${shortId(newRequisitionId)} at the same bank (reference ${next.requisition.reference}), the old agreement's limits`);
    await sandbox.completeRequisition(newRequisitionId); // the same end user consents again
    await waitForConsent(client, newRequisitionId, { intervalMs: 200, timeoutMs: 60_000 });
    const { matched, lost, added } = await matchAccounts(client, held, newRequisitionId);
    say(
      `matched ${matched.length} of ${held.length} accounts (by ${[...new Set(matched.map((m) => m.by))].join(', ')}); ${lost.length} lost, ${added.length} new`,
    );
    for (const { previous, current } of matched) {
      say(`account ${shortId(previous.id)} is now ${shortId(current.id)} (${previous.identity})`);
      previous.id = current.id;
    }
    for (const label of ['the first sync after the reconnect', 'a day later']) {
      if (label === 'a day later') setNow(now() + DAY_MS);
      for (const account of held) {
        const { since, returned, fresh, twice } = await sync(account);
        say(
          `${label}, account ${shortId(account.id)}: ${returned} booked since ${since}, ${returned - fresh} already held (their keys kept), ${fresh} new; ${twice} imported twice`,
        );
      }
    }
  } finally {
    await client.requisitions.deleteRequisitionById({ id: newRequisitionId });
  }
}

function failed(error: unknown): void {
  if (error instanceof ApiException) {
    console.error(`\nFailed: ${error.message}`);
    if (error.fieldErrors) console.error(error.fieldErrors);
  } else {
    console.error(`\nFailed: ${error instanceof Error ? error.message : String(error)}`);
  }
  // exitCode, not exit(): let pending output flush and open handles show up if there are any.
  process.exitCode = 1;
}

// `npm start -- --web`: the same journey in a browser (examples/web/).
if (process.argv.includes('--web')) {
  import('./web/main').then(({ runWeb }) => runWeb(process.argv.slice(2))).catch(failed);
} else {
  main().catch(failed);
}
