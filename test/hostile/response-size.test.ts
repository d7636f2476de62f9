/**
 * A server that sends more than `maxResponseBytes`: the call fails at once with
 * a ResponseTooLargeException (not retried), the connection is closed, and no
 * more than the limit is held - with the default transport and with an app's
 * own fetch alike.
 */
import type http from 'http';
import { BankAccountDataClient, InvalidResponseException, ResponseTooLargeException, type ClientOptions } from '../../src';
import { ACCESS_TOKEN, startLoopback, type Loopback } from './loopback';

const LIMIT = 256 * 1024;
const CHUNK = Buffer.alloc(16 * 1024, 'x');
let server: Loopback;
let closedConnections: number;

/** Answers every request with an endless chunked body, as fast as the socket takes it (stops when the client hangs up). */
function endless(status = 200) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.write('{"transactions":{"booked":[');
    const pump = () => {
      while (!res.destroyed && res.write(CHUNK));
      if (!res.destroyed) res.once('drain', pump);
    };
    res.on('close', () => closedConnections++);
    pump();
  };
}

beforeEach(() => {
  closedConnections = 0;
});
afterEach(() => server.close());

const transports: Array<[string, Partial<ClientOptions>]> = [
  ['the default transport', {}],
  ["the app's own fetch (globalThis.fetch)", { fetchApi: globalThis.fetch }],
];

describe.each(transports)('%s', (_name, transport) => {
  it('an endless 200 body fails at once with ResponseTooLargeException, one request, connection closed', async () => {
    server = await startLoopback(endless());
    const client = new BankAccountDataClient({ baseUrl: server.baseUrl, accessToken: ACCESS_TOKEN, maxResponseBytes: LIMIT, timeoutMs: 10_000, ...transport });
    const started = Date.now();
    const error = await client.accounts.retrieveAccountTransactions({ id: 'acc-1' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    const elapsedMs = Date.now() - started;

    expect(error).toBeInstanceOf(ResponseTooLargeException);
    expect(error).toBeInstanceOf(InvalidResponseException);
    expect(error).toMatchObject({ status: 200, body: '', retryable: false, method: 'GET', path: '/api/v2/accounts/acc-1/transactions/' });
    expect((error as Error).message).toMatch(/larger than maxResponseBytes \(262144 bytes\)/);
    expect(server.seen).toHaveLength(1); // a GET, yet not retried: the same request would get the same body
    expect(elapsedMs).toBeLessThan(5_000); // at once, not at the 10 s attempt timeout
    await waitFor(() => closedConnections === 1);
    client.close();
  });

  it('an endless 500 body is not retried either', async () => {
    server = await startLoopback(endless(500));
    const client = new BankAccountDataClient({
      baseUrl: server.baseUrl,
      accessToken: ACCESS_TOKEN,
      maxResponseBytes: LIMIT,
      retryBaseDelayMs: 1,
      ...transport,
    });
    await expect(client.accounts.retrieveAccountTransactions({ id: 'acc-1' })).rejects.toBeInstanceOf(ResponseTooLargeException);
    expect(server.seen).toHaveLength(1);
    client.close();
  });

  it('a Content-Length over the limit fails before the body is read', async () => {
    server = await startLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(LIMIT + 1) });
      res.write('{"a":"'); // the rest never comes: only the header can have failed the call
    });
    const client = new BankAccountDataClient({ baseUrl: server.baseUrl, accessToken: ACCESS_TOKEN, maxResponseBytes: LIMIT, timeoutMs: 10_000, ...transport });
    const started = Date.now();
    await expect(client.accounts.retrieveAccountTransactions({ id: 'acc-1' })).rejects.toBeInstanceOf(ResponseTooLargeException);
    expect(Date.now() - started).toBeLessThan(5_000);
    client.close();
  });

  it('a body of exactly the limit is read', async () => {
    const body = JSON.stringify({ pad: 'y'.repeat(LIMIT - 10) });
    expect(Buffer.byteLength(body)).toBe(LIMIT);
    server = await startLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
    const client = new BankAccountDataClient({ baseUrl: server.baseUrl, accessToken: ACCESS_TOKEN, maxResponseBytes: LIMIT, ...transport });
    await expect(client.accounts.retrieveAccountTransactions({ id: 'acc-1' })).resolves.toEqual(JSON.parse(body));
    client.close();
  });
});

async function waitFor(condition: () => boolean, ms = 3_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
