/**
 * The sandbox banks that play what real bank data does (src/sandbox/quirks.ts),
 * read through the client as an app reads them: a credit card whose available
 * balance includes its limit and whose transaction ids are stable, and a bank
 * with merchant data outside the spec, `currencyExchange` as one object, and
 * no `transactionId` at all.
 */
import { BankAccountDataClient, type TransactionSchema } from '../../src/index';
import type { SandboxServer } from '../../src/sandbox/index';
import { DAY_MS, SANDBOX_BANK, accessToken, http, linkAccounts, startSandbox, testClock, type Call } from './helpers';

const CARD_BANK = 'LANTERN_LNTNGB2L';
const MERCHANT_DATA_BANK = 'MERIDIAN_MRDNDEFF';

const clock = testClock(Date.parse('2024-03-15T12:00:00.000Z'));
let sandbox: SandboxServer;
let call: Call;
let token: string;
let client: BankAccountDataClient;

beforeAll(async () => {
  sandbox = await startSandbox({ now: clock.now, seed: 'quirks' });
  call = http(sandbox);
  token = await accessToken(sandbox, call);
  client = new BankAccountDataClient({ ...sandbox.credentials, baseUrl: sandbox.url, maxRetries: 0 });
});
afterAll(() => sandbox.close());

const cents = (amount: string) => Math.round(Number(amount) * 100);

async function linkedAccount(institutionId: string): Promise<string> {
  const { accounts } = await linkAccounts(sandbox, call, token, { max_historical_days: 60 }, institutionId);
  return accounts[0];
}

describe('the catalogue', () => {
  it('lists each quirk bank in its countries, with card accounts', async () => {
    const gb = await client.institutions.retrieveAllSupportedInstitutionsInAGivenCountry({ country: 'GB', card_accounts_supported: 'true' });
    expect(gb.map((bank) => bank.id)).toContain(CARD_BANK);
    for (const country of ['DE', 'NL', 'FR', 'ES']) {
      const banks = await client.institutions.retrieveAllSupportedInstitutionsInAGivenCountry({ country });
      expect([country, banks.map((bank) => bank.id).includes(MERCHANT_DATA_BANK)]).toEqual([country, true]);
    }
  });
});

describe(`${CARD_BANK}: a credit card`, () => {
  let account: string;
  beforeAll(async () => {
    account = await linkedAccount(CARD_BANK);
  });

  it('has card details with the credit limit the API does not declare', async () => {
    const { account: details } = await client.accounts.retrieveAccountDetails({ id: account });
    expect(details).toMatchObject({ cashAccountType: 'CARD', product: 'Credit Card', creditLimit: { amount: '2500.00', currency: 'GBP' } });
    expect(details.maskedPan).toMatch(/^\d{6}\*{6}\d{4}$/);
  });

  it('owes money, and its interimAvailable includes the limit, marked creditLimitIncluded', async () => {
    const { balances = [] } = await client.accounts.retrieveAccountBalances({ id: account });
    const byType = Object.fromEntries(balances.map((balance) => [balance.balanceType, balance]));
    expect(Object.keys(byType).sort()).toEqual(['closingBooked', 'interimAvailable', 'interimBooked']);
    expect(cents(byType.closingBooked.balanceAmount.amount)).toBeLessThan(0);
    expect(byType.interimBooked.creditLimitIncluded).toBe(false);
    expect(byType.interimAvailable.creditLimitIncluded).toBe(true);
    // available = limit + what is owed with the pending payments: more than the card holds, less than the limit.
    expect(cents(byType.interimAvailable.balanceAmount.amount)).toBe(250_000 + cents(byType.interimBooked.balanceAmount.amount));
  });

  it('gets no rent or salary, and its statement paid on the 1st', async () => {
    const { transactions } = await client.accounts.retrieveAccountTransactions({ id: account, date_from: '2024-02-01', date_to: '2024-03-05' });
    const texts = transactions.booked.map((row) => row.remittanceInformationUnstructured ?? '');
    expect(texts.filter((text) => /^(Rent|Salary) /.test(text))).toEqual([]);
    const repayments = transactions.booked.filter((row) => row.proprietaryBankTransactionCode === 'REPAYMENT');
    expect(repayments.map((row) => row.bookingDate).sort()).toEqual(['2024-02-01', '2024-03-01']);
    expect(repayments.every((row) => cents(row.transactionAmount.amount) > 0)).toBe(true);
  });

  it('keeps transactionId stable: each pending row carries the id it is booked with', async () => {
    const { transactions: before } = await client.accounts.retrieveAccountTransactions({ id: account });
    const pending = before.pending ?? [];
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((row) => typeof row.transactionId === 'string' && row.transactionId.length > 0 && row.internalTransactionId === undefined)).toBe(true);

    clock.advance(4 * DAY_MS); // every row pending then is booked now
    try {
      const { transactions: after } = await client.accounts.retrieveAccountTransactions({ id: account });
      const bookedById = new Map(after.booked.map((row) => [row.transactionId, row]));
      for (const row of pending) {
        expect([row.transactionId, bookedById.get(row.transactionId)?.transactionAmount]).toEqual([row.transactionId, row.transactionAmount]);
      }
    } finally {
      clock.advance(-4 * DAY_MS);
    }
  });
});

describe(`${MERCHANT_DATA_BANK}: merchant data, currencyExchange as an object, no transactionId`, () => {
  let rows: { booked: TransactionSchema[]; pending: TransactionSchema[] };
  beforeAll(async () => {
    const account = await linkedAccount(MERCHANT_DATA_BANK);
    const { transactions } = await client.accounts.retrieveAccountTransactions({ id: account });
    rows = { booked: transactions.booked, pending: transactions.pending ?? [] };
  });

  it('never sends transactionId; booked rows have internalTransactionId, pending rows no id at all', () => {
    expect(rows.booked.length).toBeGreaterThan(100);
    expect(rows.pending.length).toBeGreaterThan(0);
    expect([...rows.booked, ...rows.pending].filter((row) => 'transactionId' in row)).toEqual([]);
    expect(rows.booked.every((row) => typeof row.internalTransactionId === 'string')).toBe(true);
    expect(rows.pending.filter((row) => 'internalTransactionId' in row)).toEqual([]);
  });

  it('sends merchantCategoryCode and additionalDataStructured on card payments', () => {
    const card = rows.booked.filter((row) => row.bankTransactionCode?.startsWith('PMNT-CCRD-'));
    expect(card.length).toBeGreaterThan(50);
    for (const row of card) {
      expect(row.merchantCategoryCode).toMatch(/^\d{4}$/);
      expect(row.additionalDataStructured).toEqual(expect.objectContaining({ cardAcceptorId: expect.any(String), city: expect.any(String) }));
    }
    const transfers = rows.booked.filter((row) => !row.bankTransactionCode?.startsWith('PMNT-CCRD-'));
    expect(transfers.filter((row) => 'merchantCategoryCode' in row)).toEqual([]);
  });

  it('sends currencyExchange as one object for payments abroad, never as a list', () => {
    const abroad = rows.booked.filter((row) => row.currencyExchange !== undefined);
    expect(abroad.length).toBeGreaterThan(5);
    for (const row of abroad) {
      const exchange = row.currencyExchange;
      expect(Array.isArray(exchange)).toBe(false);
      expect(exchange).toEqual(expect.objectContaining({ targetCurrency: 'EUR', exchangeRate: expect.stringMatching(/^\d+\.\d{4}$/) }));
      expect(['USD', 'GBP', 'CHF']).toContain((exchange as { sourceCurrency?: string }).sourceCurrency);
      expect(row.transactionAmount.currency).toBe('EUR');
    }
  });
});

describe('the other banks', () => {
  it('send none of it: no fields outside the spec, no currencyExchange, no credit limit', async () => {
    const { accounts } = await linkAccounts(sandbox, call, token, {}, SANDBOX_BANK);
    const { transactions } = await client.accounts.retrieveAccountTransactions({ id: accounts[0] });
    const rows = [...transactions.booked, ...(transactions.pending ?? [])];
    expect(rows.filter((row) => 'merchantCategoryCode' in row || 'additionalDataStructured' in row || 'currencyExchange' in row)).toEqual([]);
    const { account: details } = await client.accounts.retrieveAccountDetails({ id: accounts[0] });
    expect(details.creditLimit).toBeUndefined();
  });
});
