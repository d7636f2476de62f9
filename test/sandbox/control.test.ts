/**
 * The control paths under /_sandbox/ and the consent page's buttons, driven
 * over plain HTTP as a test in another language would.
 */
import type { SandboxServer } from '../../src/sandbox/index';
import { accessToken, DAY_MS, http, SANDBOX_BANK, startSandbox, testClock, type Call } from './helpers';

let sandbox: SandboxServer;
let call: Call;
let token: string;
const clock = testClock();

beforeEach(async () => {
  sandbox = await startSandbox({ now: clock.now });
  call = http(sandbox);
  token = await accessToken(sandbox, call);
});
afterEach(() => sandbox.close());

async function createRequisition(extra: Record<string, unknown> = {}) {
  const created = await call('POST', '/api/v2/requisitions/', { token, body: { redirect: 'https://app.example/cb', institution_id: SANDBOX_BANK, ...extra } });
  expect(created.status).toBe(201);
  return created.body;
}

describe('POST /_sandbox/requisitions/{id}/link and /reject', () => {
  it('links a requisition and returns it (a user may be named)', async () => {
    const requisition = await createRequisition();
    const linked = await call('POST', `/_sandbox/requisitions/${requisition.id}/link`, { body: { user: 'user-7' } });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ id: requisition.id, status: 'LN' });
    expect(linked.body.accounts).toHaveLength(2);
    expect((await call('GET', `/api/v2/accounts/${linked.body.accounts[0]}/details/`, { token })).status).toBe(200);
  });

  it('rejects with the given error and details, which the redirect carries', async () => {
    const requisition = await createRequisition();
    const rejected = await call('POST', `/_sandbox/requisitions/${requisition.id}/reject/`, { body: { error: 'UserRefused', details: 'No thanks' } });
    expect(rejected.body).toMatchObject({ status: 'RJ', accounts: [] });
    const redirect = await fetch(requisition.link, { redirect: 'manual' });
    const location = new URL(redirect.headers.get('location')!);
    expect(Object.fromEntries(location.searchParams)).toEqual({ ref: requisition.id, error: 'UserRefused', details: 'No thanks' });
  });

  it('answers 404 for an unknown requisition and 400 naming a bad field', async () => {
    const unknown = await call('POST', '/_sandbox/requisitions/00000000-0000-4000-8000-000000000000/link', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toMatch(/no requisition/);
    const requisition = await createRequisition();
    const bad = await call('POST', `/_sandbox/requisitions/${requisition.id}/link`, { body: { user: 5 } });
    expect(bad.status).toBe(400);
    expect(bad.body.user.summary).toBe('Not a valid string.');
    expect((await call('GET', `/_sandbox/requisitions/${requisition.id}/link`, {})).status).toBe(405);
  });
});

describe('POST /_sandbox/clock', () => {
  it('moves the clock by days or to an instant, and reset undoes it', async () => {
    const moved = await call('POST', '/_sandbox/clock', { body: { advanceDays: 2 } });
    expect(moved.body.now).toBe(new Date(clock.value + 2 * DAY_MS).toISOString());
    const set = await call('POST', '/_sandbox/clock', { body: { now: '2025-01-01T00:00:00Z' } });
    expect(set.body.now).toBe('2025-01-01T00:00:00.000Z');
    // The sandbox's time moved: a token issued a day ago (sandbox time, long before) has expired.
    expect((await call('GET', '/api/v2/requisitions/', { token })).status).toBe(401);
    expect((await call('POST', '/_sandbox/reset', {})).status).toBe(200);
    expect((await call('GET', '/api/v2/requisitions/', { token })).status).toBe(200);
  });

  it('refuses a body with neither or a bad value, naming the field', async () => {
    expect((await call('POST', '/_sandbox/clock', { body: {} })).body.advanceDays.summary).toBe('Give advanceDays or now.');
    expect((await call('POST', '/_sandbox/clock', { body: { now: 'soon' } })).body.now.summary).toBe('Not a valid date.');
    expect((await call('POST', '/_sandbox/clock', { body: { advanceDays: 'x' } })).body.advanceDays.summary).toBe('A valid number is required.');
  });
});

describe('POST /_sandbox/errors, POST /_sandbox/reset, GET /_sandbox/requests', () => {
  it('injects a documented error for the next matching requests', async () => {
    const injected = await call('POST', '/_sandbox/errors', { body: { code: 'ServiceError', operation: 'retrieveAllRequisitions', times: 2 } });
    expect(injected.status).toBe(201);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call('GET', '/api/v2/requisitions/', { token })).status);
    expect(statuses).toEqual([503, 503, 200]);
    const unknown = await call('POST', '/_sandbox/errors', { body: { code: 'NoSuchError' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toMatch(/unknown code "NoSuchError"/);
    expect((await call('POST', '/_sandbox/errors', { body: {} })).body.code.summary).toBe('This field is required.');
  });

  it('lists the requests the app made (not the control ones), and reset forgets them and the state', async () => {
    const requisition = await createRequisition();
    const log = await call('GET', '/_sandbox/requests', {});
    expect(log.body.map((entry: any) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
      'POST /api/v2/token/new/ 200',
      'POST /api/v2/requisitions/ 201',
    ]);
    expect(log.body[1]).toMatchObject({ query: '', operation: 'Create requisition' });
    await call('POST', '/_sandbox/reset', {});
    expect((await call('GET', '/_sandbox/requests', {})).body).toEqual([]);
    expect((await call('GET', `/api/v2/requisitions/${requisition.id}/`, { token })).status).toBe(404);
    expect((await call('GET', '/_sandbox/nothing', {})).status).toBe(404);
  });
});

describe('the consent page', () => {
  it('shows the bank and the access asked for; Reject does what /reject does', async () => {
    const agreement = await call('POST', '/api/v2/agreements/enduser/', {
      token,
      body: { institution_id: 'MONZO_MONZGB2L', access_scope: ['balances'], max_historical_days: 30, access_valid_for_days: 60 },
    });
    const requisition = await createRequisition({ institution_id: 'MONZO_MONZGB2L', agreement: agreement.body.id });
    const html = await (await fetch(requisition.link)).text();
    expect(html).toContain('<h1>Connect to Monzo Bank</h1>');
    expect(html).toContain('balances');
    expect(html).toContain('30 days');
    expect(html).toContain('60 days');
    const action = /<form method="post" action="([^"]+)">/.exec(html)![1];
    expect(new URL(action, sandbox.url).href).toBe(requisition.link);
    expect(html).toContain('<button type="submit" name="decision" value="reject">Reject</button>');

    const answer = await fetch(new URL(action, sandbox.url), { method: 'POST', body: new URLSearchParams({ decision: 'reject' }), redirect: 'manual' });
    expect(answer.status).toBe(303);
    expect(new URL(answer.headers.get('location')!).searchParams.get('error')).toBe('UserCancelledSession');
    expect((await call('GET', `/api/v2/requisitions/${requisition.id}/`, { token })).body.status).toBe('RJ');
    const unanswered = await fetch(requisition.link, { method: 'POST', body: new URLSearchParams({ decision: 'maybe' }), redirect: 'manual' });
    expect(unanswered.status).toBe(400);
  });
});
