/**
 * Many app processes sharing one Redis store, against the sandbox behind a
 * counting front: every count asserted here is what the server side saw.
 *
 * Each scenario starts its processes with a fresh key prefix, so none inherits
 * another's tokens or budgets.
 */
import IORedis from 'ioredis';
import { DAY_MS } from '../../src/account-data';
import { BankAccountDataClient, RateLimitException } from '../../src/index';
import { createSandboxServer, type SandboxServer } from '../../src/sandbox/index';
import { accessToken, http, linkAccounts } from '../sandbox/helpers';
import { CountingFront } from './front';
import { startProcesses, stopAll, type AppProcess } from './processes';
import { startRedisServer, type RedisServer } from './redis-server';
import type { WorkerConfig } from './worker';

jest.setTimeout(60_000);

const TOKEN_NEW = '/api/v2/token/new/';
const TOKEN_REFRESH = '/api/v2/token/refresh/';
const INSTITUTION = '/api/v2/institutions/SANDBOXFINANCE_SFIN0000/';

let redis: RedisServer;
let inspector: IORedis;
let sandbox: SandboxServer;
let front: CountingFront;
/** The sandbox clock runs this far ahead of real time; app processes are moved with it. */
let clockOffsetMs = 0;
let scenario = 0;
let apps: AppProcess[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  inspector = new IORedis(redis.port, '127.0.0.1');
  sandbox = await createSandboxServer({ now: () => Date.now() + clockOffsetMs });
  front = await CountingFront.start(sandbox.url);
});
afterEach(async () => {
  await stopAll(apps);
  apps = [];
});
afterAll(async () => {
  inspector.disconnect();
  await Promise.all([front?.close(), sandbox?.close(), redis?.stop()]);
});

function config(overrides: Partial<WorkerConfig> = {}): WorkerConfig {
  scenario += 1;
  return { baseUrl: front.url, ...sandbox.credentials, redisPort: redis.port, prefix: `scenario-${scenario}:`, ...overrides };
}

async function moveClocks(byMs: number): Promise<void> {
  clockOffsetMs += byMs;
  await Promise.all(apps.map((app) => app.clock(clockOffsetMs)));
}

const allOk = (results: { ok: boolean }[][]) => results.flat().filter((r) => !r.ok);

describe('tokens shared through Redis', () => {
  it('8 processes × 50 concurrent calls from cold make 1 token request; at access expiry, 1 refresh; after an InvalidToken 401, 1 renewal', async () => {
    // A store call that outlasts its timeout lets that process renew alone, as it should
    // (the last scenario below); on a starved machine one Redis call can be that slow, so
    // this one, about sharing, gives the store time enough.
    const settings = config({ callTimeoutMs: 10_000 });
    apps = await startProcesses(8, settings);
    await moveClocks(0);

    let since = front.arrivals.length;
    expect(allOk(await Promise.all(apps.map((app) => app.calls('institution', 50))))).toEqual([]);
    expect(front.count(TOKEN_NEW, since)).toBe(1);
    expect(front.count(TOKEN_REFRESH, since)).toBe(0);
    expect(front.count(INSTITUTION, since)).toBe(400);

    // 30 s before the access token expires: inside the client's renewal margin, still valid at the API.
    await moveClocks(DAY_MS - 30_000);
    since = front.arrivals.length;
    expect(allOk(await Promise.all(apps.map((app) => app.calls('institution', 50))))).toEqual([]);
    expect(front.count(TOKEN_REFRESH, since)).toBe(1);
    expect(front.count(TOKEN_NEW, since)).toBe(0);
    expect(front.count(INSTITUTION, since)).toBe(400);

    // The API stops accepting the current access token: every process gets a 401 for it.
    const [key] = await inspector.keys(`${settings.prefix}tokens:*`);
    front.refusedToken = JSON.parse((await inspector.get(key))!).access;
    since = front.arrivals.length;
    try {
      expect(allOk(await Promise.all(apps.map((app) => app.calls('institution', 50))))).toEqual([]);
    } finally {
      front.refusedToken = undefined;
    }
    expect(front.count(TOKEN_REFRESH, since) + front.count(TOKEN_NEW, since)).toBe(1);
    expect(front.count(INSTITUTION, since)).toBeGreaterThanOrEqual(400 + 8);
  });

  it('recovers within the lock time to live when the lock holder dies mid-renewal', async () => {
    const lockTtlMs = 2_000;
    const settings = config({ lockTtlMs });
    const since = front.arrivals.length;
    front.holdNewTokens = true;
    try {
      const [holder] = (apps = await startProcesses(1, settings));
      const pending = holder.calls('institution', 1).catch(() => []);
      await until(() => front.count(TOKEN_NEW, since) === 1, 10_000);
      const others = await startProcesses(3, settings);
      apps.push(...others);
      const calls = others.map((app) => app.calls('institution', 10));
      await new Promise((resolve) => setTimeout(resolve, 300)); // the others are now waiting for the lock
      const killedAt = Date.now();
      await holder.kill();
      void pending;
      front.holdNewTokens = false;

      expect(allOk(await Promise.all(calls))).toEqual([]);
      const tokenRequests = front.arrivals.slice(since).filter((a) => a.path === TOKEN_NEW);
      expect(tokenRequests).toHaveLength(2); // the dead holder's, and one for all the others
      // The lock lapses at most one TTL after the holder's last extension; polling and a loaded machine add a little.
      expect(tokenRequests[1].at - killedAt).toBeLessThanOrEqual(lockTtlMs + 1_500);
      expect(front.count(INSTITUTION, since)).toBe(30);
    } finally {
      front.holdNewTokens = false;
    }
  });
});

describe('account budgets shared through Redis', () => {
  it('refuses a 5th call in another process before sending, as the API would; after the reset, sends again', async () => {
    const call = http(sandbox);
    const { accounts } = await linkAccounts(sandbox, call, await accessToken(sandbox, call));
    const accountId = accounts[0];
    const balances = `/api/v2/accounts/${accountId}/balances/`;
    const settings = config();
    apps = await startProcesses(2, settings);
    await moveClocks(0);
    const [first, second] = apps;

    let since = front.arrivals.length;
    expect(allOk([await first.calls('balances', 4, accountId)])).toEqual([]);
    expect(front.count(balances, since)).toBe(4);

    since = front.arrivals.length;
    const [refused] = await second.calls('balances', 1, accountId);
    expect(front.count(balances, since)).toBe(0);
    expect(front.count(/^\/api\/v2\/token\//, since)).toBe(0);

    // What the API itself answers to the same call now.
    const direct = new BankAccountDataClient({ ...sandbox.credentials, baseUrl: sandbox.url, maxRetries: 0 });
    const answered = await direct.accounts.retrieveAccountBalances({ id: accountId }).then(
      () => undefined,
      (error: RateLimitException) => error,
    );
    expect(answered).toBeInstanceOf(RateLimitException);
    expect(refused).toMatchObject({ ok: false, name: answered!.name, status: 429 });
    expect(refused.code).toBe((answered as { code?: string }).code);
    const apiAccount = answered!.rateLimit!.account!;
    const ours = (refused.rateLimit as { account: typeof apiAccount }).account;
    expect({ ...ours, resetSeconds: 0 }).toEqual({ ...apiAccount, resetSeconds: 0 });
    // Both count whole seconds to the same reset; the client rounds up from when it sent the 4th call.
    expect(Math.abs(ours.resetSeconds! - apiAccount.resetSeconds!)).toBeLessThanOrEqual(1);
    expect(Math.abs(refused.retryAfterSeconds! - answered!.retryAfterSeconds!)).toBeLessThanOrEqual(1);

    // A day later the window has reset at the API: the stored budget is ignored and the call is sent.
    await moveClocks(DAY_MS);
    since = front.arrivals.length;
    expect(allOk([await second.calls('balances', 1, accountId)])).toEqual([]);
    expect(front.count(balances, since)).toBe(1);
  });
});

describe('Redis stopped mid-run', () => {
  it('carries on per process, with a warning, without hanging', async () => {
    const own = await startRedisServer();
    try {
      apps = await startProcesses(4, config({ redisPort: own.port, callTimeoutMs: 300 }));
      await moveClocks(0);
      let since = front.arrivals.length;
      expect(allOk(await Promise.all(apps.map((app) => app.calls('institution', 10))))).toEqual([]);
      expect(front.count(TOKEN_NEW, since)).toBe(1);

      await own.stop();
      await moveClocks(DAY_MS - 30_000); // every process must now renew its access token
      since = front.arrivals.length;
      const started = Date.now();
      expect(allOk(await Promise.all(apps.map((app) => app.calls('institution', 10))))).toEqual([]);
      expect(Date.now() - started).toBeLessThan(10_000);
      // Without the store each process renews on its own, once.
      expect(front.count(TOKEN_REFRESH, since)).toBe(4);
      expect(front.count(INSTITUTION, since)).toBe(40);
      for (const app of apps) expect((await app.warnings()).filter((w) => w.startsWith('StoreWarning'))).toHaveLength(1);
    } finally {
      await own.stop();
    }
  });
});

async function until(condition: () => boolean, withinMs: number): Promise<void> {
  const giveUpAt = Date.now() + withinMs;
  while (!condition()) {
    if (Date.now() > giveUpAt) throw new Error(`condition not met within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
