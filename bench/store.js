/**
 * `npm run bench:store`: the latency the Redis store adds to a call, against the
 * default in-memory store, in one run on one loopback API server and a local
 * redis-server (started here on a free port; the Debian package `redis-server`).
 *
 * Two kinds of call:
 * - balances: an account-data call, which reads its budget from the store
 *   before sending and writes it after the response (2 Redis round trips);
 * - metadata: a call without a per-account budget (its token is held in
 *   memory either way: no Redis round trip).
 *
 * 1,000 sequential calls per store and kind, in alternating blocks of 100 so
 * drift in machine load hits both; the figure is the median per call.
 * Not part of the bench guard (`npm run bench`).
 */
'use strict';
const http = require('http');
const net = require('net');
const { spawn, spawnSync } = require('child_process');
const IORedis = require('ioredis');
// The built package, as apps load it (`npm run bench:store` builds first).
const { BankAccountDataClient } = require('../dist/index.js');
const { createRedisStore } = require('../dist/redis/index.js');

const CALLS = Number(process.env.BENCH_STORE_CALLS ?? 1000);
const BLOCK = 100;
const ACCOUNT_ID = '7e944232-bda9-40bc-b784-660c7ab5fe78';
const ACCESS = 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDB9.bench-signature';
const BALANCES = Buffer.from(JSON.stringify({ balances: [{ balanceAmount: { amount: '1.00', currency: 'EUR' }, balanceType: 'expected' }] }));
const METADATA = Buffer.from(JSON.stringify({ id: ACCOUNT_ID, status: 'READY', institution_id: 'SANDBOXFINANCE_SFIN0000' }));

function apiServer() {
  const server = http.createServer((req, res) => {
    if (req.url.endsWith('/balances/')) {
      res.writeHead(200, {
        'content-type': 'application/json',
        HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_LIMIT: '1000000',
        HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_REMAINING: '999999',
        HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_RESET: '86400',
      });
      res.end(BALANCES);
    } else {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(METADATA);
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function listening(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function redisServer() {
  if (!spawnSync('sh', ['-c', 'command -v redis-server']).stdout.toString().trim()) {
    throw new Error('redis-server is not installed: apt-get install -y redis-server');
  }
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let tries = 0; !(await listening(port)); tries++) {
    if (tries > 250) throw new Error(`redis-server did not listen on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const redis = new IORedis(port, '127.0.0.1');
  const info = (await redis.info('server')).match(/redis_version:(\S+)/)[1];
  return { port, redis, version: info, stop: () => (redis.disconnect(), child.kill('SIGKILL')) };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main() {
  const server = await apiServer();
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  const redis = await redisServer();
  const clients = {
    memory: new BankAccountDataClient({ baseUrl, accessToken: ACCESS }),
    redis: new BankAccountDataClient({ baseUrl, accessToken: ACCESS, store: createRedisStore(redis.redis, { prefix: 'bench:' }) }),
  };
  const kinds = {
    balances: (client) => client.accounts.retrieveAccountBalances({ id: ACCOUNT_ID }),
    metadata: (client) => client.accounts.retrieveAccountMetadata({ id: ACCOUNT_ID }),
  };
  const samples = {};
  for (const kind of Object.keys(kinds)) for (const store of Object.keys(clients)) samples[`${kind}/${store}`] = [];

  // Warm-up: connections, JIT.
  for (const kind of Object.keys(kinds)) for (const client of Object.values(clients)) for (let i = 0; i < 200; i++) await kinds[kind](client);

  for (let block = 0; block < CALLS / BLOCK; block++) {
    for (const kind of Object.keys(kinds)) {
      const order = block % 2 ? ['redis', 'memory'] : ['memory', 'redis'];
      for (const store of order) {
        for (let i = 0; i < BLOCK; i++) {
          const started = process.hrtime.bigint();
          await kinds[kind](clients[store]);
          samples[`${kind}/${store}`].push(Number(process.hrtime.bigint() - started) / 1e3);
        }
      }
    }
  }

  console.log(
    `Redis store vs in-memory store: median µs per call over ${CALLS} sequential calls each (redis-server ${redis.version} on loopback, Node ${process.versions.node})`,
  );
  for (const kind of Object.keys(kinds)) {
    const memory = median(samples[`${kind}/memory`]);
    const withRedis = median(samples[`${kind}/redis`]);
    console.log(
      `  ${kind.padEnd(9)} memory ${memory.toFixed(0).padStart(6)} µs   redis ${withRedis.toFixed(0).padStart(6)} µs   added ${(withRedis - memory).toFixed(0).padStart(5)} µs (×${(withRedis / memory).toFixed(2)})`,
    );
  }
  redis.stop();
  server.close();
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
