/**
 * Quickstart: the whole consent flow of the Bank Account Data API, step by step.
 *
 *   npm start
 *     Runs against the sandbox built into this package (started in-process);
 *     no account needed, done in a second or two.
 *
 *   SECRET_ID=… SECRET_KEY=… [INSTITUTION_ID=…] [REDIRECT_URL=…] npm start
 *     Runs against the real API. It prints the consent link for you to open
 *     and waits (up to 10 minutes) until you have given consent.
 *     INSTITUTION_ID defaults to SANDBOXFINANCE_SFIN0000, the API's test bank.
 *     BASE_URL overrides the API host (e.g. a sandbox running in another process).
 *
 * Steps: token → institutions → end-user agreement → requisition → consent →
 * linked accounts → metadata, details, balances, transactions → clean-up.
 */
import { ApiException, BankAccountDataClient, type RateLimitInfo, type TransactionSchema } from '../src/index';
import { createSandboxServer, type SandboxServer } from '../src/sandbox/index';

const INSTITUTION_ID = process.env.INSTITUTION_ID || 'SANDBOXFINANCE_SFIN0000';
const COUNTRY = 'GB';
const REDIRECT_URL = process.env.REDIRECT_URL || 'https://example.com/bank-callback';
const HISTORY_DAYS = 90;
const POLL_EVERY_MS = 5_000;
const POLL_FOR_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

let stepNumber = 0;
function step(title: string): void {
  console.log(`\n${++stepNumber}. ${title}`);
}
function say(line: string): void {
  console.log(`   ${line}`.trimEnd());
}

/** The `exp` claim of a JWT as a date (the client reads it the same way to renew in time). */
function jwtExpiry(token: string | undefined): string {
  try {
    const { exp } = JSON.parse(Buffer.from(token!.split('.')[1], 'base64url').toString('utf8'));
    return new Date(exp * 1000).toISOString();
  } catch {
    return 'unknown';
  }
}

function duration(seconds: number | undefined): string {
  if (seconds === undefined) return '?';
  if (seconds >= 2 * 86_400) return `${Math.round(seconds / 86_400)} days`;
  if (seconds >= 86_400) return `${Math.round(seconds / 3_600)} h`;
  if (seconds >= 3_600) return `${Math.round(seconds / 60)} min`;
  return `${seconds} s`;
}

function fit(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

function shortId(id: string): string {
  return `${id.slice(0, 8)}…`;
}

function printTransactions(booked: TransactionSchema[], pending: TransactionSchema[], count: number): void {
  const rows = [
    ...pending.map((t) => ({ t, pending: true })),
    ...booked.map((t) => ({ t, pending: false })),
  ]
    .map((row) => ({ ...row, date: row.t.bookingDate ?? row.t.valueDate ?? '' }))
    .sort((a, b) => b.date.localeCompare(a.date))
    .slice(0, count);
  const amounts = rows.map(({ t }) => `${t.transactionAmount.amount} ${t.transactionAmount.currency}`);
  const amountWidth = Math.max(6, ...amounts.map((a) => a.length));
  say(`${'date'.padEnd(10)}  ${'amount'.padStart(amountWidth)}  ${fit('counterparty', 24)}  description`);
  rows.forEach(({ t, pending: isPending, date }, i) => {
    const counterparty = t.creditorName ?? t.debtorName ?? '—';
    const description = t.remittanceInformationUnstructured ?? t.remittanceInformationUnstructuredArray?.join(' ') ?? t.additionalInformation ?? '';
    say(`${date.padEnd(10)}  ${amounts[i].padStart(amountWidth)}  ${fit(counterparty, 24)}  ${fit(description, 34)}${isPending ? ' (pending)' : ''}`);
  });
}

/** Waits for the end user on the real API: polls the requisition until it is linked, or fails. */
async function waitForConsent(client: BankAccountDataClient, requisitionId: string): Promise<void> {
  const deadline = Date.now() + POLL_FOR_MS;
  let last: string | undefined;
  for (;;) {
    const { status } = await client.requisitions.requisitionById({ id: requisitionId });
    if (status !== last) say(`status ${status}`);
    last = status;
    if (status === 'LN') return;
    if (status === 'RJ' || status === 'EX' || status === 'ER' || status === 'SU') throw new Error(`The requisition ended with status ${status}; no accounts were linked.`);
    if (Date.now() + POLL_EVERY_MS > deadline) throw new Error(`No consent within ${POLL_FOR_MS / 60_000} minutes (status still ${status}).`);
    await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const secretId = process.env.SECRET_ID;
  const secretKey = process.env.SECRET_KEY;
  if (Boolean(secretId) !== Boolean(secretKey)) {
    throw new Error('Set both SECRET_ID and SECRET_KEY to use the real API, or neither to use the sandbox.');
  }
  const live = Boolean(secretId && secretKey);
  let sandbox: SandboxServer | undefined;
  try {
    if (!live) sandbox = await createSandboxServer();
    const credentials = sandbox ? sandbox.credentials : { secretId: secretId!, secretKey: secretKey! };
    const baseUrl = sandbox?.url ?? (process.env.BASE_URL || undefined);
    console.log(`GoCardless Bank Account Data quickstart — ${sandbox ? `sandbox at ${sandbox.url}` : `API at ${baseUrl ?? 'https://bankaccountdata.gocardless.com'}`}`);

    // The latest rate-limit report per endpoint kind, for the headroom summary at the end.
    const general: { info?: RateLimitInfo } = {};
    const perAccount = new Map<string, RateLimitInfo>();
    const onRateLimit = (info: RateLimitInfo, context: { path: string }) => {
      general.info = info;
      const match = /\/accounts\/([^/]+)\/(details|balances|transactions)\//.exec(context.path);
      if (match && info.account) perAccount.set(`${match[1]} ${match[2]}`, info);
    };

    step('Token');
    // A client holding only the secrets would obtain this pair itself on its first call.
    // It is fetched by hand here to show it, then handed over, as an app that stores
    // its tokens between runs would do; the secrets stay as the fallback.
    const bootstrap = new BankAccountDataClient({ ...credentials, baseUrl });
    const pair = await bootstrap.token.obtainNewAccessRefreshTokenPair({ body: { secret_id: credentials.secretId, secret_key: credentials.secretKey } });
    say(`access token valid for ${duration(pair.access_expires)} (exp ${jwtExpiry(pair.access)})`);
    say(`refresh token valid for ${duration(pair.refresh_expires)} (exp ${jwtExpiry(pair.refresh)})`);
    const client = new BankAccountDataClient({ ...credentials, baseUrl, accessToken: pair.access, refreshToken: pair.refresh, onRateLimit });

    step(`Institutions in ${COUNTRY}`);
    const institutions = await client.institutions.retrieveAllSupportedInstitutionsInAGivenCountry({ country: COUNTRY });
    say(`${institutions.length} institutions: ${institutions.slice(0, 6).map((i) => i.name).join(', ')}${institutions.length > 6 ? ', …' : ''}`);
    const institution = await client.institutions.retrieveInstitution({ id: INSTITUTION_ID });
    const historyDays = Math.min(HISTORY_DAYS, Number(institution.transaction_total_days ?? HISTORY_DAYS));
    const accessDays = Math.min(90, Number(institution.max_access_valid_for_days ?? 90));
    say(`using ${institution.id} (${institution.name}): ${institution.transaction_total_days} days of history, access for up to ${institution.max_access_valid_for_days} days`);

    step('End-user agreement');
    const agreement = await client.agreements.createEUA({
      body: { institution_id: institution.id, max_historical_days: historyDays, access_valid_for_days: accessDays, access_scope: ['balances', 'details', 'transactions'] },
    });
    say(`${agreement.id}: ${agreement.max_historical_days} days of history, access for ${agreement.access_valid_for_days} days, scopes ${agreement.access_scope?.join(', ')}`);

    step('Requisition');
    const reference = `quickstart-${Date.now()}`;
    const requisition = await client.requisitions.createRequisition({
      body: { redirect: REDIRECT_URL, institution_id: institution.id, agreement: agreement.id, reference },
    });
    const requisitionId = requisition.id!;
    say(`${requisitionId}: status ${requisition.status}, reference ${reference}`);
    say(`consent link: ${requisition.link}`);

    try {
      step('Consent');
      if (sandbox) {
        // Play the end user's browser: open the link; the bank sends it back to our redirect URL with ?ref=.
        const response = await fetch(requisition.link!, { redirect: 'manual' });
        const location = response.headers.get('location');
        await response.body?.cancel();
        if (response.status !== 302 || !location) throw new Error(`The consent link answered ${response.status} without a redirect`);
        const ref = new URL(location).searchParams.get('ref');
        say(`the browser was sent back to ${location}`);
        say(`ref=${ref} ${ref === reference ? 'matches our reference' : `does NOT match ${reference}`}`);
      } else {
        say('Open the consent link above in a browser and complete the bank steps.');
        say(`Waiting for consent (checking every ${POLL_EVERY_MS / 1000} s, for up to ${POLL_FOR_MS / 60_000} min)…`);
        await waitForConsent(client, requisitionId);
      }

      step('Linked accounts');
      const linked = await client.requisitions.requisitionById({ id: requisitionId });
      const accounts = linked.accounts ?? [];
      say(`status ${linked.status}, ${accounts.length} account${accounts.length === 1 ? '' : 's'}: ${accounts.join(', ')}`);
      if (linked.status !== 'LN') throw new Error(`Expected status LN, got ${linked.status}`);

      const dateFrom = new Date(Date.now() - HISTORY_DAYS * DAY_MS).toISOString().slice(0, 10);
      for (const [index, accountId] of accounts.entries()) {
        step(`Account ${index + 1} of ${accounts.length}: ${accountId}`);
        const metadata = await client.accounts.retrieveAccountMetadata({ id: accountId });
        say(`metadata:  ${metadata.iban ?? metadata.bban ?? '—'} · ${metadata.owner_name ?? '—'} · ${metadata.name ?? '—'} · ${metadata.status}`);
        const { account: details } = await client.accounts.retrieveAccountDetails({ id: accountId });
        say(`details:   ${details.product ?? details.name ?? '—'} (${details.cashAccountType ?? '—'}), ${details.currency ?? '—'}, owner ${details.ownerName ?? '—'}`);
        const { balances = [] } = await client.accounts.retrieveAccountBalances({ id: accountId });
        say('balances:');
        for (const balance of balances) {
          say(`  ${balance.balanceType.padEnd(18)} ${`${balance.balanceAmount.amount} ${balance.balanceAmount.currency}`.padStart(16)}  ${balance.referenceDate ?? ''}`);
        }
        const { transactions } = await client.accounts.retrieveAccountTransactions({ id: accountId, date_from: dateFrom });
        const pending = transactions.pending ?? [];
        say(`transactions since ${dateFrom}: ${transactions.booked.length} booked, ${pending.length} pending; the latest 10:`);
        printTransactions(transactions.booked, pending, 10);
      }

      step('Rate-limit headroom');
      if (general.info) {
        say(`general: ${general.info.remaining} of ${general.info.limit} requests left (resets in ${duration(general.info.resetSeconds)})`);
      }
      for (const [key, info] of perAccount) {
        const [accountId, scope] = key.split(' ');
        say(`account ${shortId(accountId)} ${scope.padEnd(12)} ${info.account!.remaining} of ${info.account!.limit} left today (resets in ${duration(info.account!.resetSeconds)})`);
      }
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

main().catch((error: unknown) => {
  if (error instanceof ApiException) {
    console.error(`\nFailed: ${error.message}`);
    if (error.fieldErrors) console.error(error.fieldErrors);
  } else {
    console.error(`\nFailed: ${error instanceof Error ? error.message : String(error)}`);
  }
  // exitCode, not exit(): let pending output flush and open handles show up if there are any.
  process.exitCode = 1;
});
