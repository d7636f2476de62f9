/**
 * `createRedisStore` against a real redis-server, through both clients it
 * accepts (ioredis and node-redis 4): the store contract every store keeps
 * (src/testing/store-contract.ts), and what is Redis's own: keys under the
 * prefix, values that expire with what they hold, values it cannot parse.
 */
import IORedis from 'ioredis';
import { createClient } from 'redis';
import { createRedisStore, DEFAULT_REDIS_PREFIX } from '../../src/redis/index';
import type { ClientStore } from '../../src/store/types';
import { storeContract } from '../../src/testing/index';
import { startRedisServer, type RedisServer } from './redis-server';

let server: RedisServer;
let inspector: IORedis;

beforeAll(async () => {
  server = await startRedisServer();
  inspector = new IORedis(server.port, '127.0.0.1', { lazyConnect: true });
  await inspector.connect();
});
afterAll(async () => {
  inspector.disconnect();
  await server.stop();
});

interface Flavour {
  name: string;
  open(): Promise<{ client: any; close: () => Promise<void> }>;
}
const flavours: Flavour[] = [
  {
    name: 'ioredis',
    async open() {
      const client = new IORedis(server.port, '127.0.0.1', { lazyConnect: true });
      await client.connect();
      return { client, close: async () => client.disconnect() };
    },
  },
  {
    name: 'node-redis 4',
    async open() {
      const client = createClient({ url: server.url });
      await client.connect();
      return { client, close: async () => void (await client.quit()) };
    },
  },
];

describe.each(flavours)('with $name', (flavour) => {
  let store: ClientStore;
  let close: () => Promise<void>;
  let connection: any;
  const prefix = `test-${flavour.name.replace(/\W/g, '')}:`;

  beforeAll(async () => {
    const opened = await flavour.open();
    close = () => opened.close();
    connection = opened.client;
    store = createRedisStore(connection, { prefix });
  });
  afterAll(() => close());

  // What every store must do (the suite third-party stores run), against this client.
  storeContract({ describe, it }, `createRedisStore (${flavour.name})`, () => createRedisStore(connection, { prefix }));

  it('keeps the token pair under the prefix until the refresh token expires', async () => {
    const now = Date.now();
    const pair = { access: 'a.b.c', accessExpiresAt: now + 60_000, refresh: 'd.e.f', refreshExpiresAt: now + 120_000 };
    await store.setTokens('k1', pair);
    expect(await store.getTokens('k1')).toEqual(pair);
    expect(await store.getTokens('other')).toBeUndefined();
    const ttl = await inspector.pttl(`${prefix}tokens:k1`);
    expect(ttl).toBeGreaterThan(110_000);
    expect(ttl).toBeLessThanOrEqual(120_000);
  });

  it('keeps a budget until its reset, and never stores one already past it', async () => {
    const now = Date.now();
    await store.setBudget('acc-1', 'balances', { limit: 4, remaining: 0, resetAt: now + 30_000 });
    expect(await store.getBudget('acc-1', 'balances')).toEqual({ limit: 4, remaining: 0, resetAt: now + 30_000 });
    expect(await store.getBudget('acc-1', 'details')).toBeUndefined();
    const ttl = await inspector.pttl(`${prefix}budget:acc-1:balances`);
    expect(ttl).toBeGreaterThan(25_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
    await store.setBudget('acc-2', 'balances', { remaining: 0, resetAt: now - 1 });
    expect(await inspector.exists(`${prefix}budget:acc-2:balances`)).toBe(0);
  });

  it('keeps its locks under the prefix, holding the fence', async () => {
    const fence = await store.acquireLock('renew', 5_000);
    expect(await inspector.get(`${prefix}lock:renew`)).toBe(fence);
    expect(await store.extendLock('renew', fence!, 9_000)).toBe(true);
    expect(await inspector.pttl(`${prefix}lock:renew`)).toBeGreaterThan(8_000);
    await store.releaseLock('renew', fence!);
    expect(await inspector.exists(`${prefix}lock:renew`)).toBe(0);
  });

  it('reads a value it cannot parse as absent', async () => {
    await inspector.set(`${prefix}tokens:junk`, 'not json');
    await inspector.set(`${prefix}budget:acc-3:details`, '{"remaining":"x"}');
    expect(await store.getTokens('junk')).toBeUndefined();
    expect(await store.getBudget('acc-3', 'details')).toBeUndefined();
  });
});

describe('options', () => {
  it('defaults the prefix and the lock time to live (at most 10 s)', () => {
    const store = createRedisStore({ call: async () => null });
    expect(DEFAULT_REDIS_PREFIX).toBe('gocardless-bankaccountdata:');
    expect(store.lockTtlMs).toBeLessThanOrEqual(10_000);
    expect(store.callTimeoutMs).toBeGreaterThan(0);
  });

  it('names the bad option', () => {
    expect(() => createRedisStore({} as never)).toThrow(/option "redis" must be an ioredis or node-redis client/);
    expect(() => createRedisStore({ call: async () => null }, { lockTtlMs: 60_000 })).toThrow(/option "lockTtlMs"/);
    expect(() => createRedisStore({ call: async () => null }, { prefix: 3 as never })).toThrow(/option "prefix"/);
  });
});
