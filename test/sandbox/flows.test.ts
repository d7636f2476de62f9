/**
 * State transitions and lists: the consent flow (link and completeRequisition),
 * deletes, agreement acceptance and reconfirmation, pagination, institution filters.
 */
import { readSpec } from '../../scripts/lib/spec';
import type { SandboxServer } from '../../src/sandbox/index';
import { DAY_MS, SANDBOX_BANK, accessToken, http, linkAccounts, startSandbox, testClock, type Call } from './helpers';

const clock = testClock();
let sandbox: SandboxServer;
let call: Call;
let token: string;

beforeAll(async () => {
  sandbox = await startSandbox({ now: clock.now });
  call = http(sandbox);
  token = await accessToken(sandbox, call);
});
afterAll(() => sandbox.close());

async function createRequisition(body: Record<string, unknown> = {}) {
  const result = await call('POST', '/api/v2/requisitions/', {
    token,
    body: { redirect: 'https://app.example/callback?tab=banks', institution_id: SANDBOX_BANK, ...body },
  });
  expect(result.status).toBe(201);
  return result.body;
}

describe('consent', () => {
  it('CR → LN through the consent page like a browser: Approve answers 303 to redirect with ref merged into its query', async () => {
    const requisition = await createRequisition({ reference: 'user-42' });
    expect(requisition).toMatchObject({ status: 'CR', accounts: [], reference: 'user-42', user_language: 'EN' });
    expect(requisition.link).toBe(`${sandbox.url}/psd2/start/${requisition.id}/${SANDBOX_BANK}`);

    const page = await fetch(requisition.link, { redirect: 'manual' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Sandbox Finance');
    expect(html).toMatch(/<button type="submit" name="decision" value="approve">Approve<\/button>/);
    expect((await call('GET', `/api/v2/requisitions/${requisition.id}/`, { token })).body.status).toBe('CR'); // looking changes nothing

    const response = await fetch(requisition.link, { method: 'POST', body: new URLSearchParams({ decision: 'approve' }), redirect: 'manual' });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe('https://app.example/callback');
    expect(Object.fromEntries(location.searchParams)).toEqual({ tab: 'banks', ref: 'user-42' });

    const linked = await call('GET', `/api/v2/requisitions/${requisition.id}/`, { token });
    expect(linked.body.status).toBe('LN');
    expect(linked.body.accounts).toHaveLength(2); // Sandbox Finance links two
    const agreement = await call('GET', `/api/v2/agreements/enduser/${requisition.agreement}/`, { token });
    expect(agreement.body.accepted).toBe(new Date(clock.value).toISOString());

    // Following the link again changes nothing and redirects again.
    const again = await fetch(requisition.link, { redirect: 'manual' });
    expect(again.status).toBe(302);
    expect((await call('GET', `/api/v2/requisitions/${requisition.id}/`, { token })).body.accounts).toEqual(linked.body.accounts);
  });

  it('CR → LN by completeRequisition, with one account for a single-account bank', async () => {
    const requisition = await createRequisition({ institution_id: 'MONZO_MONZGB2L' });
    const result = await sandbox.completeRequisition(requisition.id);
    expect(result.status).toBe('LN');
    expect(result.accounts).toHaveLength(1);
    const metadata = await call('GET', `/api/v2/accounts/${result.accounts![0]}/`, { token });
    expect(metadata.body).toMatchObject({ status: 'READY', institution_id: 'MONZO_MONZGB2L' });
  });

  it('CR → RJ when the end user cancels', async () => {
    const requisition = await createRequisition();
    const result = await sandbox.completeRequisition(requisition.id, { reject: true });
    expect(result).toMatchObject({ status: 'RJ', accounts: [] });
    const response = await fetch(requisition.link, { redirect: 'manual' });
    const location = new URL(response.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('UserCancelledSession');
    expect(location.searchParams.get('ref')).toBe(requisition.id); // reference defaults to the id
  });

  it('answers a page instead of a redirect when redirect is null, and 404 for unknown links', async () => {
    const requisition = await createRequisition({ redirect: null });
    const response = await fetch(requisition.link, { method: 'POST', body: new URLSearchParams({ decision: 'approve' }), redirect: 'manual' });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Accounts linked');
    expect((await fetch(`${sandbox.url}/psd2/start/${requisition.id}/OTHER_BANK`, { redirect: 'manual' })).status).toBe(404);
    await expect(sandbox.completeRequisition('00000000-0000-4000-8000-000000000000')).rejects.toThrow(/no requisition/);
  });
});

describe('requisitions', () => {
  it('creates a default agreement (90 days, all scopes) when none is given', async () => {
    const requisition = await createRequisition();
    const agreement = await call('GET', `/api/v2/agreements/enduser/${requisition.agreement}/`, { token });
    expect(agreement.body).toMatchObject({
      institution_id: SANDBOX_BANK,
      max_historical_days: 90,
      access_valid_for_days: 90,
      access_scope: ['balances', 'details', 'transactions'],
      accepted: null,
    });
  });

  it('deleting a requisition deletes its agreement and unlinks its accounts', async () => {
    const { requisition, agreement, accounts } = await linkAccounts(sandbox, call, token);
    const deleted = await call('DELETE', `/api/v2/requisitions/${requisition.id}/`, { token });
    expect(deleted.status).toBe(200);
    expect(deleted.body.summary).toBe('Requisition deleted');
    expect((await call('GET', `/api/v2/requisitions/${requisition.id}/`, { token })).status).toBe(404);
    expect((await call('GET', `/api/v2/agreements/enduser/${agreement.id}/`, { token })).status).toBe(404);
    expect((await call('GET', `/api/v2/accounts/${accounts[0]}/`, { token })).status).toBe(404);
    expect((await fetch(requisition.link, { redirect: 'manual' })).status).toBe(404);
  });

  it('refuses a duplicate reference with a field error, and frees it after delete', async () => {
    const first = await createRequisition({ reference: 'unique-ref' });
    const duplicate = await call('POST', '/api/v2/requisitions/', {
      token,
      body: { redirect: 'https://a.example', institution_id: SANDBOX_BANK, reference: 'unique-ref' },
    });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.reference.summary).toBe("Client reference 'unique-ref' already exists");
    await call('DELETE', `/api/v2/requisitions/${first.id}/`, { token });
    await createRequisition({ reference: 'unique-ref' });
  });

  it('refuses an agreement of another institution, one already in use, and an unknown one', async () => {
    const agreement = (await call('POST', '/api/v2/agreements/enduser/', { token, body: { institution_id: SANDBOX_BANK } })).body;
    const mismatch = await call('POST', '/api/v2/requisitions/', {
      token,
      body: { redirect: 'https://a.example', institution_id: 'MONZO_MONZGB2L', agreement: agreement.id },
    });
    expect(mismatch.body.agreement.summary).toBe('Institution mismatch');
    await createRequisition({ agreement: agreement.id });
    const reused = await call('POST', '/api/v2/requisitions/', {
      token,
      body: { redirect: 'https://a.example', institution_id: SANDBOX_BANK, agreement: agreement.id },
    });
    expect(reused.body.agreement.summary).toBe('End User Agreement in use');
    const unknown = await call('POST', '/api/v2/requisitions/', {
      token,
      body: { redirect: 'https://a.example', institution_id: SANDBOX_BANK, agreement: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknown.body.agreement.summary).toBe('Unknown End User Agreement');
  });

  it('maps each invalid field of a body to its own error', async () => {
    const result = await call('POST', '/api/v2/requisitions/', { token, body: { institution_id: 'NOPE', user_language: 'english', account_selection: 'yes' } });
    expect(result.status).toBe(400);
    expect(result.body.status_code).toBe(400);
    expect(Object.keys(result.body).sort()).toEqual(['account_selection', 'detail', 'institution_id', 'redirect', 'status_code', 'summary', 'user_language']);
    expect(result.body.redirect).toEqual({ summary: 'This field is required.', detail: 'This field is required.' });
    expect(result.body.institution_id).toEqual({
      summary: 'Unknown Institution ID NOPE',
      detail: 'Get Institution IDs from /institutions/?country={$COUNTRY_CODE}',
    });
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    expect((await call('GET', '/api/v2/requisitions/123/', { token })).body).toMatchObject({
      status_code: 400,
      summary: 'Invalid ID',
      detail: '123 is not a valid Requisition UUID.',
    });
    expect((await call('GET', '/api/v2/requisitions/00000000-0000-4000-8000-000000000000/', { token })).body).toMatchObject({
      status_code: 404,
      summary: 'Not found.',
    });
  });
});

describe('agreements', () => {
  it('validates against the institution: history days, access days, scopes', async () => {
    const result = await call('POST', '/api/v2/agreements/enduser/', {
      token,
      body: { institution_id: 'MONZO_MONZGB2L', max_historical_days: 91, access_valid_for_days: 181, access_scope: ['balances', 'payments'] },
    });
    expect(result.status).toBe(400);
    expect(result.body.max_historical_days.detail).toBe('max_historical_days must be > 0 and <= 90 for MONZO_MONZGB2L');
    expect(result.body.access_valid_for_days.detail).toBe('access_valid_for_days must be > 0 and <= 180 for MONZO_MONZGB2L');
    expect(result.body.access_scope.summary).toBe("Unknown value 'payments' in access_scope");
    const ok = await call('POST', '/api/v2/agreements/enduser/', {
      token,
      body: { institution_id: 'BARCLAYS_BUKBGB22', max_historical_days: 730, access_valid_for_days: 90, access_scope: ['details', 'details'] },
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ max_historical_days: 730, access_scope: ['details'], accepted: null, reconfirmation: false });
  });

  it('accept sets accepted once; a second accept is 405', async () => {
    const agreement = (await call('POST', '/api/v2/agreements/enduser/', { token, body: { institution_id: SANDBOX_BANK } })).body;
    const accepted = await call('PUT', `/api/v2/agreements/enduser/${agreement.id}/accept/`, {
      token,
      body: { user_agent: 'Mozilla/5.0', ip_address: '203.0.113.7' },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.accepted).toBe(new Date(clock.value).toISOString());
    const twice = await call('PUT', `/api/v2/agreements/enduser/${agreement.id}/accept/`, {
      token,
      body: { user_agent: 'Mozilla/5.0', ip_address: '203.0.113.7' },
    });
    expect(twice.status).toBe(405);
    expect(twice.body.summary).toBe('EUA cannot be accepted more than once');
    const missing = await call('PUT', `/api/v2/agreements/enduser/${agreement.id}/accept/`, { token, body: {} });
    expect(Object.keys(missing.body)).toEqual(expect.arrayContaining(['user_agent', 'ip_address']));
  });

  it('reconfirmation: create, read, follow its link to restart a paused access period', async () => {
    const { agreement, accounts } = await linkAccounts(sandbox, call, token, { reconfirmation: true, access_valid_for_days: 180 });
    const created = await call('POST', `/api/v2/agreements/enduser/${agreement.id}/reconfirm/`, { token, body: { redirect: 'https://app.example/done' } });
    expect(created.status).toBe(201);
    expect(created.body.reconfirmation_url).toBe(`${sandbox.url}/psd2/reconfirm/${agreement.id}`);
    expect(Object.keys(created.body.accounts)).toEqual(accounts);
    // Not yet reconfirmed or rejected: empty strings, as the published example shows them (not null).
    expect(created.body.accounts[accounts[0]]).toEqual({ reconfirmed: '', rejected: '' });

    clock.advance(91 * DAY_MS); // access paused at the end of the 90-day reconfirmation period…
    token = await accessToken(sandbox, call); // (the old access token expired on the way; later tests use this one)
    expect((await call('GET', `/api/v2/accounts/${accounts[0]}/details/`, { token })).status).toBe(401); // EUAExpiredError
    expect((await call('GET', `/api/v2/requisitions/?limit=1`, { token })).body.results[0].status).toBe('EX');
    clock.advance(-2 * DAY_MS); // …reconfirm while the link is valid
    const response = await fetch(created.body.reconfirmation_url, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://app.example/done');
    clock.advance(2 * DAY_MS);
    expect((await call('GET', `/api/v2/accounts/${accounts[0]}/details/`, { token })).status).toBe(200);
    const read = await call('GET', `/api/v2/agreements/enduser/${agreement.id}/reconfirm/`, { token });
    expect(read.body.last_submitted).not.toBeNull();
    expect(read.body.accounts[accounts[0]]).toEqual({ reconfirmed: read.body.last_submitted, rejected: '' });
  });
});

describe('lists', () => {
  it('pages agreements with limit/offset and absolute next/previous URLs', async () => {
    const fresh = await startSandbox({ now: clock.now });
    try {
      const freshCall = http(fresh);
      const t = await accessToken(fresh, freshCall);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++)
        ids.push((await freshCall('POST', '/api/v2/agreements/enduser/', { token: t, body: { institution_id: SANDBOX_BANK } })).body.id);

      const first = await freshCall('GET', '/api/v2/agreements/enduser/?limit=2', { token: t });
      expect(first.body.count).toBe(5);
      expect(first.body.results.map((a: any) => a.id)).toEqual([ids[4], ids[3]]); // newest first
      expect(first.body.previous).toBeNull();
      expect(first.body.next).toBe(`${fresh.url}/api/v2/agreements/enduser/?limit=2&offset=2`);

      // Walk the pages by following `next`, bounded.
      const seen: string[] = [];
      let url: string | null = `${fresh.url}/api/v2/agreements/enduser/?limit=2`;
      for (let page = 0; url && page < 10; page++) {
        const result: any = await freshCall('GET', url.slice(fresh.url.length), { token: t });
        seen.push(...result.body.results.map((a: any) => a.id));
        url = result.body.next;
      }
      expect(seen).toEqual([...ids].reverse());

      const last = await freshCall('GET', '/api/v2/agreements/enduser/?limit=2&offset=4', { token: t });
      expect(last.body).toMatchObject({ next: null, previous: `${fresh.url}/api/v2/agreements/enduser/?limit=2&offset=2` });
      const second = await freshCall('GET', '/api/v2/agreements/enduser/?limit=2&offset=2', { token: t });
      expect(second.body.previous).toBe(`${fresh.url}/api/v2/agreements/enduser/?limit=2`);
      const beyond = await freshCall('GET', '/api/v2/agreements/enduser/?offset=10', { token: t });
      expect(beyond.body).toMatchObject({ count: 5, results: [] });
      const invalid = await freshCall('GET', '/api/v2/agreements/enduser/?limit=0&offset=x', { token: t });
      expect(invalid.body.results).toHaveLength(5); // DRF: invalid values fall back to the defaults

      for (let i = 0; i < 3; i++)
        await freshCall('POST', '/api/v2/requisitions/', { token: t, body: { redirect: 'https://a.example', institution_id: SANDBOX_BANK } });
      const requisitions = await freshCall('GET', '/api/v2/requisitions/?limit=1&offset=1', { token: t });
      expect(requisitions.body).toMatchObject({
        count: 3,
        next: `${fresh.url}/api/v2/requisitions/?limit=1&offset=2`,
        previous: `${fresh.url}/api/v2/requisitions/?limit=1`,
      });
    } finally {
      await fresh.close();
    }
  });

  it('filters institutions by country and by every feature flag', async () => {
    const all = (await call('GET', '/api/v2/institutions/', { token })).body as any[];
    for (const country of ['GB', 'DE', 'FR', 'ES', 'NL']) {
      const listed = (await call('GET', `/api/v2/institutions/?country=${country.toLowerCase()}`, { token })).body as any[];
      expect(listed.length).toBeGreaterThanOrEqual(4);
      expect(listed.every((i) => i.countries.includes(country))).toBe(true);
      expect(listed.map((i) => i.id)).toContain(SANDBOX_BANK);
    }
    // Every `<feature>_supported` filter our document gives the list operation.
    const parameters = (readSpec().paths['/api/v2/institutions/'].get.parameters ?? []) as Array<{ name: string }>;
    const flags = parameters.map((parameter) => /^(.+)_supported$/.exec(parameter.name)?.[1]).filter((flag): flag is string => flag !== undefined);
    expect(flags.length).toBeGreaterThanOrEqual(11);
    for (const flag of flags) {
      const yes = (await call('GET', `/api/v2/institutions/?${flag}_supported=true`, { token })).body as any[];
      const no = (await call('GET', `/api/v2/institutions/?${flag}_supported=false`, { token })).body as any[];
      expect([flag, yes.length + no.length]).toEqual([flag, all.length]);
      expect([flag, yes.length > 0, no.length > 0]).toEqual([flag, true, true]);
      for (const institution of yes.slice(0, 3)) {
        const detail = (await call('GET', `/api/v2/institutions/${institution.id}/`, { token })).body;
        expect(detail.supported_features).toContain(flag);
      }
    }
    const combined = (await call('GET', '/api/v2/institutions/?country=GB&business_accounts_supported=true&account_selection_supported=false', { token }))
      .body as any[];
    expect(combined.map((i) => i.id).sort()).toEqual(['MONZO_MONZGB2L', 'STARLING_SRLGGB3L', 'WISE_TRWIGB22']);
    expect((await call('GET', '/api/v2/institutions/?country=IT', { token })).body.map((i: any) => i.id).sort()).toEqual([
      'BUNQ_BUNQNL2A',
      'INTESA_SANPAOLO_BCITITMM',
      'N26_NTSBDEB1',
      'REVOLUT_REVOGB21',
      'UNICREDIT_UNCRITMM',
      'WISE_TRWIGB22',
    ]);
    const bad = await call('GET', '/api/v2/institutions/?country=ZZ&private_accounts_supported=1', { token });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body)).toEqual(expect.arrayContaining(['country', 'private_accounts_supported']));
  });

  it('retrieves an institution with supported_features and identification_codes', async () => {
    const result = await call('GET', `/api/v2/institutions/${SANDBOX_BANK}/`, { token });
    expect(result.body).toMatchObject({
      id: SANDBOX_BANK,
      name: 'Sandbox Finance',
      bic: 'SFIN0000',
      transaction_total_days: '90',
      identification_codes: ['SFIN0000'],
    });
    expect(result.body.countries).toEqual(expect.arrayContaining(['GB', 'DE', 'FR', 'ES', 'NL']));
    expect(result.body.supported_features).toContain('pending_transactions');
    expect((await call('GET', '/api/v2/institutions/NOPE/', { token })).status).toBe(404);
  });
});
