/**
 * The flows against the sandbox, as an app would test its own code: pages,
 * connect, waiting for consent, consent status, reconfirmation, sync.
 */
import {
  AbortedException,
  BankAccountDataClient,
  ConsentError,
  ConsentRejectedError,
  ConsentTimeoutError,
  BadRequestException,
  ServerException,
  connect,
  consentStatus,
  findRequisitionByReference,
  iterate,
  parseConsentCallback,
  reconfirm,
  syncTransactions,
  waitForConsent,
} from '../../src/index';
import { DAY_MS, REDIRECT, SANDBOX_BANK, followLink, setup, type Setup } from './helpers';

let s: Setup;
beforeAll(async () => {
  s = await setup();
});
afterAll(() => s.close());

describe('iterate and findRequisitionByReference', () => {
  it('walks every page lazily, newest first, and finds a requisition by reference', async () => {
    const references: string[] = [];
    for (let i = 0; i < 5; i++)
      references.push((await connect(s.client, { institution_id: SANDBOX_BANK, redirect: REDIRECT, reference: `page-${i}` })).requisition.reference!);

    const mark = s.sandbox.requestCount;
    const seen: string[] = [];
    for await (const requisition of iterate(s.client, 'requisitions', { limit: 2 })) {
      seen.push(requisition.reference!);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(['page-4', 'page-3', 'page-2']);
    expect(s.since(mark)).toEqual(['GET /api/v2/requisitions/', 'GET /api/v2/requisitions/']); // the third page was never asked for

    const all: string[] = [];
    for await (const agreement of iterate(s.client, 'agreements', { limit: 2 })) all.push(agreement.id!);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThanOrEqual(5);

    expect((await findRequisitionByReference(s.client, 'page-1'))?.reference).toBe('page-1');
    expect(await findRequisitionByReference(s.client, 'no-such-reference')).toBeUndefined();
  });

  it('refuses a bad kind or limit before any request', () => {
    const mark = s.sandbox.requestCount;
    expect(() => iterate(s.client, 'accounts' as any)).toThrow(/kind/);
    expect(() => iterate(s.client, 'requisitions', { limit: 0 })).toThrow(/limit/);
    expect(s.sandbox.requestCount).toBe(mark);
  });
});

describe("connect with 'max' at every sandbox institution", () => {
  it('succeeds everywhere with the most each bank accepts, retrying once only where the bank refuses what it advertises', async () => {
    const institutions = await s.client.institutions.retrieveAllSupportedInstitutionsInAGivenCountry();
    expect(institutions.length).toBeGreaterThan(20);
    const histories = new Set<number>();
    const accesses = new Set<number>();
    for (const institution of institutions) {
      const mark = s.sandbox.requestCount;
      const { agreement, requisition } = await connect(s.client, { institution_id: institution.id, redirect: REDIRECT });
      expect(requisition.status).toBe('CR');
      const attempts = s.since(mark).filter((r) => r === 'POST /api/v2/agreements/enduser/').length;
      if (institution.id === 'KESTREL_KSTLDEFF') {
        // Advertises 730 / 180, accepts 365 / 90: the 400 states the limits, and the second attempt uses them.
        expect([institution.transaction_total_days, institution.max_access_valid_for_days]).toEqual(['730', '180']);
        expect(agreement).toMatchObject({ max_historical_days: 365, access_valid_for_days: 90 });
        expect(attempts).toBe(2);
      } else {
        expect(agreement).toMatchObject({
          max_historical_days: Number(institution.transaction_total_days),
          access_valid_for_days: Number(institution.max_access_valid_for_days),
        });
        expect(attempts).toBe(1);
      }
      histories.add(agreement.max_historical_days!);
      accesses.add(agreement.access_valid_for_days!);
    }
    expect([...histories].sort((a, b) => a - b)).toEqual(expect.arrayContaining([90, 180, 365, 540, 730]));
    expect([...accesses].sort((a, b) => a - b)).toEqual([90, 180]);
  });
});

describe('connect', () => {
  it("'max' reads the institution's limits and creates agreement and requisition", async () => {
    const { link, requisition, agreement } = await connect(s.client, { institution_id: 'BARCLAYS_BUKBGB22', redirect: REDIRECT, reference: 'max-1' });
    expect(agreement).toMatchObject({
      institution_id: 'BARCLAYS_BUKBGB22',
      max_historical_days: 730,
      access_valid_for_days: 90,
      access_scope: ['balances', 'details', 'transactions'],
    });
    expect(requisition).toMatchObject({ status: 'CR', agreement: agreement.id, reference: 'max-1', redirect: REDIRECT });
    expect(link).toBe(requisition.link);
  });

  it('takes explicit numbers as given, without reading the institution', async () => {
    const mark = s.sandbox.requestCount;
    const { agreement } = await connect(s.client, { institution_id: SANDBOX_BANK, redirect: REDIRECT, max_historical_days: 30, access_valid_for_days: 10 });
    expect(agreement).toMatchObject({ max_historical_days: 30, access_valid_for_days: 10 });
    expect(s.since(mark)).toEqual(['POST /api/v2/agreements/enduser/', 'POST /api/v2/requisitions/']);
  });

  it('an explicit number the bank refuses fails with the 400, not retried', async () => {
    const mark = s.sandbox.requestCount;
    await expect(connect(s.client, { institution_id: 'MONZO_MONZGB2L', redirect: REDIRECT, max_historical_days: 200 })).rejects.toBeInstanceOf(
      BadRequestException,
    );
    expect(s.since(mark).filter((r) => r.startsWith('POST /api/v2/agreements/'))).toHaveLength(1);
  });

  it("does not fall back on a 500: one agreement attempt, the failure reported, the user's consent never shortened", async () => {
    const attempts: string[] = [];
    const failAgreements = (async (input: any, init?: any) => {
      const url = String(input);
      if ((init?.method ?? 'GET') === 'POST' && url.endsWith('/api/v2/agreements/enduser/')) {
        attempts.push(init.body);
        return new Response(JSON.stringify({ summary: 'Internal error', detail: 'Try again later', status_code: 500 }), {
          status: 500,
          headers: { 'Content-Type': 'application/json' },
        });
      }
      return fetch(input, init);
    }) as typeof fetch;
    const client = new BankAccountDataClient({ ...s.sandbox.credentials, baseUrl: s.sandbox.url, fetchApi: failAgreements, maxRetries: 0 });
    await expect(connect(client, { institution_id: SANDBOX_BANK, redirect: REDIRECT })).rejects.toBeInstanceOf(ServerException);
    expect(attempts.map((body) => JSON.parse(body).max_historical_days)).toEqual([90]);
  });

  it('deletes the agreement when the requisition cannot be made', async () => {
    await connect(s.client, { institution_id: SANDBOX_BANK, redirect: REDIRECT, reference: 'taken' });
    const before = (await s.client.agreements.retrieveAllAgreements()).count;
    await expect(connect(s.client, { institution_id: SANDBOX_BANK, redirect: REDIRECT, reference: 'taken' })).rejects.toBeInstanceOf(BadRequestException);
    expect((await s.client.agreements.retrieveAllAgreements()).count).toBe(before);
  });

  it.each([
    [{ redirect: REDIRECT }, /institution_id/],
    [{ institution_id: SANDBOX_BANK }, /redirect/],
    [{ institution_id: SANDBOX_BANK, redirect: REDIRECT, max_historical_days: 0 }, /max_historical_days/],
    [{ institution_id: SANDBOX_BANK, redirect: REDIRECT, access_valid_for_days: 'all' }, /access_valid_for_days/],
    [{ institution_id: SANDBOX_BANK, redirect: REDIRECT, max_historical_days: 731 }, /max_historical_days/],
  ])('refuses bad options before any request (%#)', async (options, message) => {
    const mark = s.sandbox.requestCount;
    await expect(connect(s.client, options as any)).rejects.toThrow(message);
    expect(s.sandbox.requestCount).toBe(mark);
  });
});

describe('waitForConsent', () => {
  it('resolves with the linked requisition once the end user consents', async () => {
    const { requisition, link } = await connect(s.client, { institution_id: SANDBOX_BANK, redirect: REDIRECT, reference: 'wait-ok' });
    const waiting = waitForConsent(s.client, requisition.id!, { intervalMs: 20, timeoutMs: 5_000 });
    setTimeout(() => void followLink(link), 50);
    const linked = await waiting;
    expect(linked).toMatchObject({ id: requisition.id, status: 'LN' });
    expect(linked.accounts).toHaveLength(2);
  });

  it('rejects with ConsentRejectedError (code ConsentRejected) when the end user cancels; the callback carries error and details', async () => {
    const { requisition } = await connect(s.client, { institution_id: SANDBOX_BANK, redirect: REDIRECT, reference: 'wait-rj' });
    const waiting = waitForConsent(s.client, requisition.id!, { intervalMs: 20, timeoutMs: 5_000 });
    await s.sandbox.completeRequisition(requisition.id!, { reject: true });
    const error = await waiting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConsentRejectedError);
    expect(error).toBeInstanceOf(ConsentError);
    expect(error).toMatchObject({ code: 'ConsentRejected', status: 'RJ', requisitionId: requisition.id });
  });

  it('rejects with ConsentTimeoutError when nobody decides in time', async () => {
    const { requisition } = await connect(s.client, { institution_id: SANDBOX_BANK, redirect: REDIRECT });
    const started = Date.now();
    const error = await waitForConsent(s.client, requisition.id!, { intervalMs: 30, timeoutMs: 150 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConsentTimeoutError);
    expect(error).toMatchObject({ code: 'ConsentTimeout', status: 'CR' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('stops at once on abort, between polls, without another request', async () => {
    const { requisition } = await connect(s.client, { institution_id: SANDBOX_BANK, redirect: REDIRECT });
    const controller = new AbortController();
    const mark = s.sandbox.requestCount;
    const waiting = waitForConsent(s.client, requisition.id!, { signal: controller.signal, intervalMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortedException);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(s.sandbox.requestCount - mark).toBe(1);
    // An already aborted signal: no request at all.
    await expect(waitForConsent(s.client, requisition.id!, { signal: controller.signal })).rejects.toBeInstanceOf(AbortedException);
    expect(s.sandbox.requestCount - mark).toBe(1);
  });

  it('polls gently by default (seconds, not milliseconds)', async () => {
    const { requisition } = await connect(s.client, { institution_id: SANDBOX_BANK, redirect: REDIRECT });
    const controller = new AbortController();
    const mark = s.sandbox.requestCount;
    const waiting = waitForConsent(s.client, requisition.id!, { signal: controller.signal }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 500));
    controller.abort();
    await waiting;
    expect(s.sandbox.requestCount - mark).toBe(1);
  });

  it.each([{ intervalMs: 0 }, { intervalMs: -1 }, { timeoutMs: Number.NaN }, { timeoutMs: 2 ** 31 }])('refuses %p before any request', async (options) => {
    const mark = s.sandbox.requestCount;
    await expect(waitForConsent(s.client, 'x', options)).rejects.toThrow(TypeError);
    expect(s.sandbox.requestCount).toBe(mark);
  });
});

describe('parseConsentCallback with the sandbox', () => {
  it('reads the reference the bank sends back', async () => {
    const { link } = await connect(s.client, { institution_id: SANDBOX_BANK, redirect: `${REDIRECT}?tab=banks`, reference: 'cb-ok' });
    expect(parseConsentCallback(await followLink(link))).toEqual({ reference: 'cb-ok', error: undefined, details: undefined });
  });

  it('reads error and details when the end user cancels at the bank (link + /cancel), and waitForConsent rejects', async () => {
    const { link, requisition } = await connect(s.client, { institution_id: SANDBOX_BANK, redirect: REDIRECT, reference: 'cb-rj' });
    const callback = parseConsentCallback(await followLink(`${link}/cancel`));
    expect(callback).toEqual({ reference: 'cb-rj', error: 'UserCancelledSession', details: expect.any(String) });
    expect(callback.details!.length).toBeGreaterThan(5);
    await expect(waitForConsent(s.client, requisition.id!, { intervalMs: 10 })).rejects.toBeInstanceOf(ConsentRejectedError);
  });
});

describe('consentStatus', () => {
  it('computes expiry and days left from acceptance and access_valid_for_days', async () => {
    const { requisition, link, agreement } = await connect(s.client, { institution_id: SANDBOX_BANK, redirect: REDIRECT, access_valid_for_days: 30 });
    const before = await consentStatus(s.client, requisition.id!, { now: s.clock.value });
    expect(before).toMatchObject({ status: 'CR', accounts: [], expiresAt: undefined, daysLeft: undefined, reconfirmable: false });
    await followLink(link);
    const accepted = s.clock.value;
    const now = await consentStatus(s.client, requisition.id!, { now: accepted + 10 * DAY_MS + 1 });
    expect(now.status).toBe('LN');
    expect(now.accounts).toHaveLength(2);
    expect(now.agreement.id).toBe(agreement.id);
    expect(now.expiresAt).toEqual(new Date(accepted + 30 * DAY_MS));
    expect(now.daysLeft).toBe(20);
    expect(now.reconfirmable).toBe(false);
  });
});

describe('consentStatus and reconfirm over months of the sandbox clock', () => {
  it('warns before the 90-day reconfirmation, reconfirms through the link, and pauses access when not reconfirmed', async () => {
    const t = await setup({ accessTtlSeconds: 400 * 86_400, refreshTtlSeconds: 400 * 86_400 });
    try {
      const { link, requisition, agreement } = await connect(t.client, { institution_id: 'MONZO_MONZGB2L', redirect: REDIRECT, reconfirmation: true });
      expect(agreement).toMatchObject({ access_valid_for_days: 180, reconfirmation: true });
      await followLink(link);
      const accepted = t.clock.value;
      const day = (n: number) => new Date(accepted + n * DAY_MS);

      let status = await consentStatus(t.client, requisition.id!, { now: t.clock.value });
      expect(status).toMatchObject({ status: 'LN', expiresAt: day(90), daysLeft: 90, reconfirmable: false });

      t.clock.advance(80 * DAY_MS);
      status = await consentStatus(t.client, requisition.id!, { now: t.clock.value });
      expect(status).toMatchObject({ status: 'LN', expiresAt: day(90), daysLeft: 10, reconfirmable: true });

      const { link: reconfirmLink } = await reconfirm(t.client, agreement.id!, { redirect: 'https://app.example/reconfirmed' });
      expect(await followLink(reconfirmLink)).toBe('https://app.example/reconfirmed');
      status = await consentStatus(t.client, requisition.id!, { now: t.clock.value });
      expect(status).toMatchObject({ status: 'LN', expiresAt: day(170), daysLeft: 90, reconfirmable: false });

      // Not reconfirmed again: access pauses at day 170, ten days before the agreement's own end.
      t.clock.advance(91 * DAY_MS);
      status = await consentStatus(t.client, requisition.id!, { now: t.clock.value });
      expect(status).toMatchObject({ status: 'EX', expiresAt: day(170), daysLeft: 0, reconfirmable: true });
      await expect(syncTransactions(t.client, status.accounts[0])).rejects.toMatchObject({ status: 401, code: 'EUAExpiredError', reconnectRequired: true });
    } finally {
      await t.close();
    }
  });

  it('reconfirmation is refused where the published spec does not allow it: outside GB, or access of 90 days or less', async () => {
    await expect(connect(s.client, { institution_id: 'DEUTSCHE_BANK_DEUTDEFF', redirect: REDIRECT, reconfirmation: true })).rejects.toMatchObject({
      status: 400,
      fieldErrors: { reconfirmation: expect.anything() },
    });
    await expect(
      connect(s.client, { institution_id: 'MONZO_MONZGB2L', redirect: REDIRECT, reconfirmation: true, access_valid_for_days: 90 }),
    ).rejects.toMatchObject({ status: 400, fieldErrors: { reconfirmation: expect.anything() } });
    const plain = await connect(s.client, { institution_id: 'MONZO_MONZGB2L', redirect: REDIRECT });
    await expect(reconfirm(s.client, plain.agreement.id!, { redirect: REDIRECT })).rejects.toMatchObject({ status: 400 });
  });
});
