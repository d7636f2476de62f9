/**
 * `node bench/endless-body.js`: how the built client fares against a server that
 * streams an endless JSON body as fast as the socket takes it. Prints the time to
 * fail, the exception, and the process's peak RSS above its RSS before the call,
 * for the default transport and for `fetchApi: globalThis.fetch`.
 * ENDLESS_TIMEOUT_MS bounds each call (default 30 000, the client's default).
 */
'use strict';
const http = require('http');
const { BankAccountDataClient } = require(process.env.DIST || '../dist/index.js');

const ACCESS = 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDB9.bench-signature';
const CHUNK = Buffer.alloc(64 * 1024, 'x');
const MB = 1024 * 1024;

async function main() {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"transactions":{"booked":[');
    const pump = () => {
      while (!res.destroyed && res.write(CHUNK));
      if (!res.destroyed) res.once('drain', pump);
    };
    pump();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  const timeoutMs = Number(process.env.ENDLESS_TIMEOUT_MS ?? 30_000);

  for (const { name, extra } of [
    { name: 'default transport', extra: {} },
    { name: 'globalThis.fetch', extra: { fetchApi: globalThis.fetch } },
  ]) {
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const client = new BankAccountDataClient({ baseUrl, accessToken: ACCESS, maxRetries: 0, timeoutMs, totalTimeoutMs: timeoutMs + 1_000, ...extra });
    const started = Date.now();
    const outcome = await client.accounts.retrieveAccountTransactions({ id: 'acc-1' }).then(
      () => 'resolved',
      (error) => `${error.name}: ${error.message}`,
    );
    const elapsed = Date.now() - started;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(
      `${name}: failed after ${elapsed} ms, peak RSS +${((peak - before) / MB).toFixed(0)} MB (${(peak / MB).toFixed(0)} MB total) — ${outcome.slice(0, 140)}`,
    );
    client.close?.();
  }
  server.closeAllConnections();
  server.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
