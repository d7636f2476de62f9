/**
 * Account data: deterministic from the seed, enough volume, booked and pending,
 * date ranges, access scopes, the per-account daily limit (429 with headers and
 * recovery a day later), and access ending with the agreement.
 */
import { classifyError } from '../../src/error-codes';
import { BankAccountDataClient, RateLimitException, type RateLimitInfo } from '../../src/index';
import type { SandboxServer } from '../../src/sandbox/index';
import { DAY_MS, SANDBOX_BANK, accessToken, http, linkAccounts, startSandbox, testClock, type Call } from './helpers';

const TODAY = '2024-03-15';
const clock = testClock(Date.parse(`${TODAY}T12:00:00.000Z`));
let sandbox: SandboxServer;
let call: Call;
let token: string;

beforeAll(async () => {
  sandbox = await startSandbox({ now: clock.now, seed: 7 });
  call = http(sandbox);
  token = await accessToken(sandbox, call);
});
afterAll(() => sandbox.close());

const get = (path: string) => call('GET', path, { token });
const day = (date: string, offset: number) => new Date(Date.parse(date) + offset * DAY_MS).toISOString().slice(0, 10);

function ibanValid(iban: string): boolean {
  const digits = `${iban.slice(4)}${iban.slice(0, 4)}`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  return remainder === 1;
}

describe('generated data', () => {
  it('is the same for the same seed and differs for another', async () => {
    const read = async (box: SandboxServer) => {
      const boxCall = http(box);
      const t = await accessToken(box, boxCall);
      const { accounts } = await linkAccounts(box, boxCall, t);
      return Promise.all(
        accounts.flatMap((id) =>
          ['details/', 'balances/', 'transactions/'].map(async (s) => (await boxCall('GET', `/api/v2/accounts/${id}/${s}`, { token: t })).body),
        ),
      );
    };
    const [a, b, c] = await Promise.all([7, 7, 8].map((seed) => startSandbox({ now: clock.now, seed })));
    try {
      const [dataA, dataB, dataC] = await Promise.all([read(a), read(b), read(c)]);
      // Resource ids and timestamps aside, identical.
      const strip = (data: any[]) => JSON.parse(JSON.stringify(data).replace(/"(resourceId|last_updated|lastChangeDateTime)":"[^"]*"/g, '"$1":""'));
      expect(strip(dataA)).toEqual(strip(dataB));
      expect(dataA[0].account.iban).not.toBe(dataC[0].account.iban);
    } finally {
      await Promise.all([a, b, c].map((box) => box.close()));
    }
  });

  it('has ~90 days of booked history, 3-8 a day, and the last 2-3 days pending', async () => {
    const { accounts } = await linkAccounts(sandbox, call, token);
    for (const id of accounts) {
      const { status, body } = await get(`/api/v2/accounts/${id}/transactions/`);
      expect(status).toBe(200);
      const { booked, pending } = body.transactions;
      expect(body.last_updated).toBe(new Date(clock.value).toISOString());
      const bookedDays = new Set(booked.map((t: any) => t.bookingDate));
      const pendingDays = new Set(pending.map((t: any) => t.valueDate));
      expect(bookedDays.size + pendingDays.size).toBe(90);
      expect([2, 3]).toContain(pendingDays.size);
      expect([...pendingDays].sort().pop()).toBe(TODAY);
      expect([...bookedDays].sort()[0]).toBe(day(TODAY, -89));
      expect(booked.length).toBeGreaterThanOrEqual(3 * bookedDays.size);
      expect(booked.length).toBeLessThanOrEqual(10 * bookedDays.size); // 8 + rent + salary
      // Money coming in takes the next day as its value date.
      for (const t of booked)
        expect(t).toMatchObject({
          transactionId: expect.any(String),
          bookingDate: expect.any(String),
          valueDate: Number(t.transactionAmount.amount) > 0 ? day(t.bookingDate, 1) : t.bookingDate,
          internalTransactionId: expect.stringMatching(/^[0-9a-f]{32}$/),
        });
      for (const t of pending) expect(t).not.toHaveProperty('bookingDate');
      for (const t of pending) expect(t).not.toHaveProperty('internalTransactionId');
      for (const t of [...booked, ...pending]) {
        expect(t.transactionAmount.amount).toMatch(/^-?\d+\.\d{2}$/);
        expect(t.creditorName ?? t.debtorName).toEqual(expect.any(String));
        expect(Number(t.transactionAmount.amount) < 0 ? t.creditorName : t.debtorName).toBeDefined();
      }
      expect(new Set(booked.map((t: any) => t.transactionId)).size).toBe(booked.length);
      // Newest first.
      expect(booked.map((t: any) => t.bookingDate)).toEqual([...booked.map((t: any) => t.bookingDate)].sort().reverse());
    }
  });

  it('details, balances and metadata agree', async () => {
    const { accounts } = await linkAccounts(sandbox, call, token);
    const [id] = accounts;
    const metadata = (await get(`/api/v2/accounts/${id}/`)).body;
    const { account } = (await get(`/api/v2/accounts/${id}/details/`)).body;
    expect(account).toMatchObject({
      resourceId: id,
      iban: metadata.iban,
      ownerName: metadata.owner_name,
      name: metadata.name,
      currency: 'EUR',
      cashAccountType: 'CACC',
      status: 'enabled',
    });
    expect(ibanValid(account.iban)).toBe(true);
    const { balances } = (await get(`/api/v2/accounts/${id}/balances/`)).body;
    expect(balances.map((b: any) => b.balanceType)).toEqual(['closingBooked', 'expected', 'interimAvailable']);
    const { pending } = (await get(`/api/v2/accounts/${id}/transactions/`)).body.transactions;
    const pendingCents = pending.reduce((sum: number, t: any) => sum + Math.round(Number(t.transactionAmount.amount) * 100), 0);
    const cents = (b: any) => Math.round(Number(b.balanceAmount.amount) * 100);
    expect(cents(balances[1])).toBe(cents(balances[0]) + pendingCents);
    expect(balances[1].referenceDate).toBe(TODAY);
    const other = (await linkAccounts(sandbox, call, token, {}, 'BARCLAYS_BUKBGB22')).accounts[0];
    const gb = (await get(`/api/v2/accounts/${other}/details/`)).body.account;
    expect(gb).toMatchObject({ currency: 'GBP', iban: expect.stringMatching(/^GB\d{2}BUKB\d{14}$/) });
    expect(ibanValid(gb.iban)).toBe(true);
  });
});

describe('date range', () => {
  let id: string;
  beforeAll(async () => {
    id = (await linkAccounts(sandbox, call, token, { max_historical_days: 30 }, SANDBOX_BANK)).accounts[0];
  });

  it('honours date_from and date_to (inclusive), and cuts the range to the agreement history', async () => {
    const { body } = await get(`/api/v2/accounts/${id}/transactions/?date_from=${day(TODAY, -10)}&date_to=${day(TODAY, -5)}`);
    const range = [-10, -9, -8, -7, -6, -5].map((n) => day(TODAY, n));
    // A row is in when its booking date or its value date is, as with the API.
    for (const t of body.transactions.booked) expect([t.bookingDate, t.valueDate].some((d: string) => range.includes(d))).toBe(true);
    const dates = new Set(body.transactions.booked.map((t: any) => t.bookingDate));
    expect(range.every((d) => dates.has(d))).toBe(true);
    expect(body.transactions.pending).toEqual([]);

    const all = (await get(`/api/v2/accounts/${id}/transactions/?date_from=2020-01-01`)).body.transactions;
    expect(all.booked[all.booked.length - 1].bookingDate).toBe(day(TODAY, -29)); // max_historical_days 30
  });

  it('refuses malformed dates and date_from after date_to with 400, without counting the call', async () => {
    for (const query of ['date_from=2024-02-30', 'date_to=15-03-2024', 'date_from=yesterday']) {
      const result = await get(`/api/v2/accounts/${id}/transactions/?${query}`);
      expect(result.status).toBe(400);
      expect(result.body[query.split('=')[0]].summary).toBe('Invalid date format');
    }
    const reversed = await get(`/api/v2/accounts/${id}/transactions/?date_from=2024-03-10&date_to=2024-03-01`);
    expect(reversed.body).toMatchObject({ status_code: 400, summary: 'Incorrect date range' });
    expect(reversed.headers.get('HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_REMAINING')).toBe('2'); // two successes above
  });
});

describe('access scope and expiry', () => {
  it('answers 403 AccountEUAScopeError for a scope the agreement does not grant', async () => {
    const [id] = (await linkAccounts(sandbox, call, token, { access_scope: ['balances'] })).accounts;
    expect((await get(`/api/v2/accounts/${id}/balances/`)).status).toBe(200);
    for (const scope of ['details', 'transactions']) {
      const result = await get(`/api/v2/accounts/${id}/${scope}/`);
      expect(result.status).toBe(403);
      expect(result.body).toMatchObject({ summary: 'End User Agreement (EUA) access scope error', status_code: 403 });
      expect(classifyError(result.status, result.body).code).toBe('AccountEUAScopeError');
    }
    expect((await get(`/api/v2/accounts/${id}/`)).status).toBe(200); // metadata needs no scope
  });

  it('answers 401 EUAExpiredError once the agreement expired (sandbox clock), with metadata status EXPIRED', async () => {
    const fresh = await startSandbox({ now: clock.now });
    const freshCall = http(fresh);
    const start = clock.value;
    try {
      let t = await accessToken(fresh, freshCall);
      const { accounts, requisition } = await linkAccounts(fresh, freshCall, t, { access_valid_for_days: 2 });
      clock.advance(2 * DAY_MS);
      t = await accessToken(fresh, freshCall);
      const result = await freshCall('GET', `/api/v2/accounts/${accounts[0]}/transactions/`, { token: t });
      expect(result.status).toBe(401);
      expect(classifyError(result.status, result.body)).toMatchObject({ code: 'EUAExpiredError', reconnectRequired: true });
      expect((await freshCall('GET', `/api/v2/accounts/${accounts[0]}/`, { token: t })).body.status).toBe('EXPIRED');
      expect((await freshCall('GET', `/api/v2/requisitions/${requisition.id}/`, { token: t })).body.status).toBe('EX');
    } finally {
      clock.advance(start - clock.value);
      await fresh.close();
    }
  });
});

describe('per-account daily limit', () => {
  it('allows 4 successful calls per account and scope a day, then 429 with headers; recovers a day later', async () => {
    const [id, second] = (await linkAccounts(sandbox, call, token)).accounts;
    const headers = (r: { headers: Headers }) => ['LIMIT', 'REMAINING', 'RESET'].map((k) => r.headers.get(`HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_${k}`));
    for (let i = 1; i <= 4; i++) {
      const result = await get(`/api/v2/accounts/${id}/transactions/`);
      expect(result.status).toBe(200);
      expect(headers(result)).toEqual(['4', String(4 - i), '86400']);
      expect(result.headers.get('HTTP_X_RATELIMIT_LIMIT')).toBe('1000');
    }
    clock.advance(60_000);
    const limited = await get(`/api/v2/accounts/${id}/transactions/`);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      summary: 'Rate limit exceeded',
      detail: 'The rate limit for this resource is 4/day. Please try again in 86340 seconds',
      status_code: 429,
    });
    expect(headers(limited)).toEqual(['4', '0', '86340']);

    // Other scopes, other accounts and metadata are counted apart (metadata not at all).
    expect((await get(`/api/v2/accounts/${id}/balances/`)).status).toBe(200);
    expect((await get(`/api/v2/accounts/${second}/transactions/`)).status).toBe(200);
    for (let i = 0; i < 6; i++) {
      const metadata = await get(`/api/v2/accounts/${id}/`);
      expect(metadata.status).toBe(200);
      expect(metadata.headers.get('HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_LIMIT')).toBeNull();
    }

    clock.advance(DAY_MS - 60_000 - 1_000);
    expect((await get(`/api/v2/accounts/${id}/transactions/`)).status).toBe(429);
    clock.advance(1_000); // a day after the first call
    token = await accessToken(sandbox, call);
    const recovered = await get(`/api/v2/accounts/${id}/transactions/`);
    expect(recovered.status).toBe(200);
    expect(headers(recovered)).toEqual(['4', '3', '86400']);
  });

  it('reaches the client as RateLimitException with rate-limit info, reported through onRateLimit too', async () => {
    const box = await startSandbox({ now: clock.now, accountDailyLimit: 2 });
    try {
      const reports: RateLimitInfo[] = [];
      const client = new BankAccountDataClient({ ...box.credentials, baseUrl: box.url, onRateLimit: (info) => reports.push(info) });
      const { accounts } = await linkAccounts(box, http(box), await accessToken(box));
      await client.accounts.retrieveAccountBalances({ id: accounts[0] });
      await client.accounts.retrieveAccountBalances({ id: accounts[0] });
      expect(reports[reports.length - 1].account).toEqual({ limit: 2, remaining: 0, resetSeconds: 86400 });
      const error = await client.accounts.retrieveAccountBalances({ id: accounts[0] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitException);
      expect(error).toMatchObject({ status: 429, retryAfterSeconds: 86400, rateLimit: { account: { limit: 2, remaining: 0 } } });
    } finally {
      await box.close();
    }
  });
});
