/**
 * A server that sends more than `maxResponseBytes`: the call fails at once with
 * a ResponseTooLargeException (not retried), the connection is closed, and no
 * more than the limit is held - with the default transport and with an app's
 * own fetch alike.
 */
import { BankAccountDataClient, InvalidResponseException, ResponseTooLargeException, type ClientOptions } from '../../src';
import { endless, json, type Behaviour } from '../faults/fault-server';
import { server, useFaultServer } from '../faults/helpers';
import { jwt } from '../fixtures/jwt';

const ACCESS_TOKEN = jwt('access');
const LIMIT = 256 * 1024;
const GET_TRANSACTIONS = 'GET /api/v2/accounts/acc-1/transactions/';
const TRANSACTIONS_OPENING = '{"transactions":{"booked":[';

useFaultServer();

let closedResponses: number;
beforeEach(() => {
  closedResponses = 0;
});

/**
 * `endless()`, counting the responses that closed before their end: the client
 * hung up on them. (A socket count would not do: Node's own fetch may open a
 * fresh idle connection once it dropped the one that carried the request.)
 */
function endlessCounted(status: number): Behaviour {
  const send = endless(status, TRANSACTIONS_OPENING);
  return (context) => {
    context.res.on('close', () => closedResponses++);
    send(context);
  };
}

/** Announces a body one byte over the limit, sends its first bytes, and holds the rest back for good. */
const announcedOverLimit: Behaviour = ({ res }) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(LIMIT + 1) });
  res.write('{"a":"'); // the rest never comes: only the header can have failed the call
};

const transports: Array<[string, Partial<ClientOptions>]> = [
  ['the default transport', {}],
  ["the app's own fetch (globalThis.fetch)", { fetchApi: globalThis.fetch }],
];

describe.each(transports)('%s', (_name, transport) => {
  it('an endless 200 body fails at once with ResponseTooLargeException, one request, connection closed', async () => {
    server.script(GET_TRANSACTIONS, endlessCounted(200));
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
    expect(server.requests).toHaveLength(1); // a GET, yet not retried: the same request would get the same body
    expect(elapsedMs).toBeLessThan(5_000); // at once, not at the 10 s attempt timeout
    await waitFor(() => closedResponses === 1);
    client.close();
  });

  it('an endless 500 body is not retried either', async () => {
    server.script(GET_TRANSACTIONS, endless(500, TRANSACTIONS_OPENING));
    const client = new BankAccountDataClient({
      baseUrl: server.baseUrl,
      accessToken: ACCESS_TOKEN,
      maxResponseBytes: LIMIT,
      retryBaseDelayMs: 1,
      ...transport,
    });
    await expect(client.accounts.retrieveAccountTransactions({ id: 'acc-1' })).rejects.toBeInstanceOf(ResponseTooLargeException);
    expect(server.requests).toHaveLength(1);
    client.close();
  });

  it('a Content-Length over the limit fails before the body is read', async () => {
    server.script(GET_TRANSACTIONS, announcedOverLimit);
    const client = new BankAccountDataClient({ baseUrl: server.baseUrl, accessToken: ACCESS_TOKEN, maxResponseBytes: LIMIT, timeoutMs: 10_000, ...transport });
    const started = Date.now();
    await expect(client.accounts.retrieveAccountTransactions({ id: 'acc-1' })).rejects.toBeInstanceOf(ResponseTooLargeException);
    expect(Date.now() - started).toBeLessThan(5_000);
    client.close();
  });

  it('a body of exactly the limit is read', async () => {
    const body = JSON.stringify({ pad: 'y'.repeat(LIMIT - 10) });
    expect(Buffer.byteLength(body)).toBe(LIMIT);
    server.script(GET_TRANSACTIONS, json(200, body));
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
