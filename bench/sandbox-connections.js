/**
 * `npm run build && node bench/sandbox-connections.js [calls] [concurrency]`: how many TCP
 * connections the sandbox accepts while the client makes `calls` calls (default 10,000),
 * `concurrency` at a time (default 100), with faults on: some answers are injected 500/503s
 * (the client retries them) and some connections are cut (the client retries those too).
 *
 * With keep-alive working, the count is the client's pool (up to its maxSockets) plus one new
 * connection per cut; every other exchange reuses a connection. Prints one JSON line.
 */
'use strict';
const path = require('path');

const DIST = path.join(__dirname, '..', 'dist');
const { BankAccountDataClient } = require(path.join(DIST, 'index.js'));
const { createSandboxServer } = require(path.join(DIST, 'sandbox', 'index.js'));

const CALLS = Number(process.argv[2] ?? 10_000);
const CONCURRENCY = Number(process.argv[3] ?? 100);
const FAULTS = { failureRate: 0.05, resetRate: 0.02 };

async function main() {
  const sandbox = await createSandboxServer({ seed: 7, rateLimit: 1_000_000, ...FAULTS });
  const client = new BankAccountDataClient({ ...sandbox.credentials, baseUrl: sandbox.url, maxRetries: 10, retryBaseDelayMs: 1, retryMaxDelayMs: 5 });
  const started = Date.now();
  let next = 0;
  let failed = 0;
  const ids = ['MONZO_MONZGB2L', 'BARCLAYS_BUKBGB22', 'SANDBOXFINANCE_SFIN0000'];
  const worker = async () => {
    while (next < CALLS) {
      const index = next++;
      try {
        if (index % 2 === 0) await client.institutions.retrieveInstitution({ id: ids[index % ids.length] });
        else await client.requisitions.retrieveAllRequisitions({ limit: 10 });
      } catch {
        failed++;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const requests = sandbox.requestCount;
    const cut = sandbox.requests.filter((r) => r.fault === 'reset').length;
    console.log(
      JSON.stringify({
        calls: CALLS,
        concurrency: CONCURRENCY,
        ...FAULTS,
        failed,
        requests,
        cut,
        connections: sandbox.connectionCount,
        ms: Date.now() - started,
      }),
    );
  } finally {
    client.close?.();
    await sandbox.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
