/**
 * `client.close()` closes the keep-alive connections the default transport
 * holds, so a script or a test runner can exit at once; a later call opens a
 * new connection.
 */
import http from 'http';
import type { AddressInfo } from 'net';
import type { Socket } from 'net';
import { BankAccountDataClient } from '../src';

const ACCESS = 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDB9.close-test-signature';

it('close() ends the idle keep-alive connection; the next call opens another', async () => {
  const open = new Set<Socket>();
  let connections = 0;
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"id":"x"}');
  });
  server.keepAliveTimeout = 60_000;
  server.on('connection', (socket: Socket) => {
    connections++;
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const client = new BankAccountDataClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, accessToken: ACCESS });
    await client.accounts.retrieveAccountMetadata({ id: 'acc-1' });
    await client.accounts.retrieveAccountMetadata({ id: 'acc-1' });
    expect(connections).toBe(1); // kept alive and reused
    expect(open.size).toBe(1);

    client.close();
    const until = Date.now() + 3_000;
    while (open.size > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(open.size).toBe(0);

    await client.accounts.retrieveAccountMetadata({ id: 'acc-1' });
    expect(connections).toBe(2);
    client.close();
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

it('close() on a client with its own fetchApi does nothing and throws nothing', () => {
  const client = new BankAccountDataClient({ accessToken: ACCESS, fetchApi: globalThis.fetch });
  expect(() => client.close()).not.toThrow();
});
