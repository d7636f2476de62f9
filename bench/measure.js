/**
 * One process of `npm run bench` (bench/run.js starts several and takes medians):
 * the client against raw node-fetch with a keep-alive agent (the floor), on one
 * loopback server in this process.
 *
 * - per call: a small account-metadata response, sequential and 32 concurrent
 *   (a round: 400 calls, or 25 batches of 32, on each side);
 * - decode: a 20,000-transaction response, fetched and decoded (a round: one call
 *   on each side, each on a heap collected just before).
 *
 * Each round runs the floor and the client back to back (alternating which goes
 * first) so drift in machine load hits both; a scenario's figures are medians over
 * its rounds, and its ratio is the median of the rounds' client ÷ floor.
 *
 * Both run in this process against an in-process server, so a call's whole cost
 * is CPU time of this process: that is what the ratios compare (wall time is
 * reported beside it). Prints one JSON line: the scenarios and their figures.
 */
'use strict';
const http = require('http');
const nodeFetch = require('node-fetch');
// The built package, as apps load it (run `npm run build` first; `npm run bench` does).
// Plain JavaScript on purpose: no loader transforms either side of the comparison.
const { BankAccountDataClient } = require('../dist/index.js');

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 21);
const DECODE_ROUNDS = Number(process.env.BENCH_DECODE_ROUNDS ?? 100);
const SEQUENTIAL_CALLS = Number(process.env.BENCH_SEQUENTIAL ?? 400);
const CONCURRENT_BATCHES = Number(process.env.BENCH_BATCHES ?? 25);
const CONCURRENCY = 32;
const TRANSACTIONS = 20_000;
const ACCOUNT_ID = '7e944232-bda9-40bc-b784-660c7ab5fe78';
const ACCESS = 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDB9.bench-signature';

function transactionsBody(count) {
  const booked = [];
  for (let i = 0; i < count; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    booked.push({
      transactionId: `tx-${i}`,
      internalTransactionId: `internal-${i}`,
      bookingDate: `2026-0${1 + (i % 9)}-${day}`,
      valueDate: `2026-0${1 + (i % 9)}-${day}`,
      transactionAmount: { amount: (i % 2 ? '-' : '') + (i % 997) + '.' + String(i % 100).padStart(2, '0'), currency: 'GBP' },
      creditorName: i % 2 ? `Merchant ${i % 113}` : undefined,
      debtorName: i % 2 ? undefined : `Employer ${i % 7}`,
      creditorAccount: { iban: 'GB33BUKB20201555555555' },
      remittanceInformationUnstructured: `Card payment ${i} reference ${i * 7}`,
      bankTransactionCode: 'PMNT',
      proprietaryBankTransactionCode: 'CARD',
      balanceAfterTransaction: { balanceAmount: { amount: String(10_000 - (i % 5000)), currency: 'GBP' }, balanceType: 'interimBooked' },
    });
  }
  return Buffer.from(JSON.stringify({ transactions: { booked, pending: [] }, last_updated: '2026-11-25T10:00:00Z' }));
}

const METADATA = Buffer.from(
  JSON.stringify({
    id: ACCOUNT_ID,
    created: '2026-01-01T00:00:00Z',
    last_accessed: '2026-11-25T10:00:00Z',
    iban: 'GB33BUKB20201555555555',
    status: 'READY',
    institution_id: 'SANDBOXFINANCE_SFIN0000',
    owner_name: 'Jane Doe',
    name: 'Main account',
  }),
);

async function main() {
  const transactions = transactionsBody(TRANSACTIONS);
  const server = http.createServer((req, res) => {
    const body = req.url.includes('/transactions/') ? transactions : METADATA;
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': body.length,
      HTTP_X_RATELIMIT_LIMIT: '1000',
      HTTP_X_RATELIMIT_REMAINING: '999',
      HTTP_X_RATELIMIT_RESET: '60',
    });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${server.address().port}`;

  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const headers = { Authorization: `Bearer ${ACCESS}`, Accept: 'application/json' };
  const floor = {
    metadata: () => nodeFetch(`${baseUrl}/api/v2/accounts/${ACCOUNT_ID}/`, { agent, headers }).then((r) => r.json()),
    transactions: () => nodeFetch(`${baseUrl}/api/v2/accounts/${ACCOUNT_ID}/transactions/`, { agent, headers }).then(async (r) => JSON.parse(await r.text())),
  };
  const sdk = new BankAccountDataClient({ baseUrl, accessToken: ACCESS });
  const client = {
    metadata: () => sdk.accounts.retrieveAccountMetadata({ id: ACCOUNT_ID }),
    transactions: () => sdk.accounts.retrieveAccountTransactions({ id: ACCOUNT_ID }),
  };

  // Both sides must decode the same thing, or the comparison is meaningless.
  const [a, b] = await Promise.all([floor.transactions(), client.transactions()]);
  if (JSON.stringify(a) !== JSON.stringify(b) || b.transactions.booked.length !== TRANSACTIONS) throw new Error('client and floor disagree');

  /** CPU ms (user + system) and wall ms of one run. */
  const time = async (fn) => {
    const cpu = process.cpuUsage();
    const wall = process.hrtime.bigint();
    await fn();
    const used = process.cpuUsage(cpu);
    return { cpu: (used.user + used.system) / 1e3, wall: Number(process.hrtime.bigint() - wall) / 1e6 };
  };
  const sequential = (call) =>
    time(async () => {
      for (let i = 0; i < SEQUENTIAL_CALLS; i++) await call();
    });
  const concurrent = (call) =>
    time(async () => {
      for (let i = 0; i < CONCURRENT_BATCHES; i++) await Promise.all(Array.from({ length: CONCURRENCY }, call));
    });
  // One call a round: a 10 MB response leaves tens of MB of garbage, and a full
  // collection of it costs several calls' worth of CPU. Left to chance, it lands on
  // whichever side runs when the heap fills, and the ratio swings by more than its
  // budget; so the heap is collected before each call, untimed (node --expose-gc, as
  // `npm run bench` runs it), and each side is timed on a clean heap.
  const decode = (call) => {
    globalThis.gc?.();
    return time(call);
  };
  const scenarios = [
    { name: 'per call, sequential', calls: SEQUENTIAL_CALLS, rounds: ROUNDS, warmUps: 1, measure: sequential, pick: 'metadata', budget: 1.2 },
    {
      name: `per call, ${CONCURRENCY} concurrent`,
      calls: CONCURRENT_BATCHES * CONCURRENCY,
      rounds: ROUNDS,
      warmUps: 1,
      measure: concurrent,
      pick: 'metadata',
      budget: 1.2,
    },
    {
      name: `fetch + decode ${TRANSACTIONS.toLocaleString('en')} transactions`,
      calls: 1,
      rounds: DECODE_ROUNDS,
      // One call warms up little: the first several decodes after start run slower than later ones.
      warmUps: 10,
      measure: decode,
      pick: 'transactions',
      budget: 1.02,
    },
  ];

  const results = [];
  for (const scenario of scenarios) {
    // Warm-up: JIT, sockets, token.
    for (let i = 0; i < scenario.warmUps; i++) {
      await scenario.measure(floor[scenario.pick]);
      await scenario.measure(client[scenario.pick]);
    }
    const floorCpu = [];
    const clientCpu = [];
    const cpuRatios = [];
    const wallRatios = [];
    for (let round = 0; round < scenario.rounds; round++) {
      const order = round % 2 === 0 ? ['floor', 'client'] : ['client', 'floor'];
      const t = {};
      for (const side of order) t[side] = await scenario.measure((side === 'floor' ? floor : client)[scenario.pick]);
      floorCpu.push(t.floor.cpu);
      clientCpu.push(t.client.cpu);
      cpuRatios.push(t.client.cpu / t.floor.cpu);
      wallRatios.push(t.client.wall / t.floor.wall);
    }
    results.push({
      name: scenario.name,
      budget: scenario.budget,
      floorCpuPerCallMs: median(floorCpu) / scenario.calls,
      clientCpuPerCallMs: median(clientCpu) / scenario.calls,
      ratio: median(cpuRatios),
      wallRatio: median(wallRatios),
    });
  }
  process.stdout.write(
    JSON.stringify({
      node: process.version,
      gc: Boolean(globalThis.gc),
      rounds: ROUNDS,
      decodeRounds: DECODE_ROUNDS,
      responseBytes: transactions.length,
      results,
    }) + '\n',
  );
  sdk.close();
  agent.destroy();
  server.close();
  server.closeAllConnections();
}

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
