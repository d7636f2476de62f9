/**
 * `client.close()` closes the keep-alive connections the default transport
 * holds, so a script or a test runner can exit at once; a later call opens a
 * new connection.
 */
import { BankAccountDataClient } from '../src';
import { FaultServer, json } from './faults/fault-server';
import { jwt } from './fixtures/jwt';

const ACCESS = jwt('access');

let server: FaultServer;
beforeAll(async () => {
  // Idle connections outlive the test: only the client may close them.
  server = await FaultServer.start();
  server.script('GET /api/v2/accounts/acc-1/', json(200, { id: 'x' }));
});
afterAll(() => server.close());

it('close() ends the idle keep-alive connection; the next call opens another', async () => {
  const client = new BankAccountDataClient({ baseUrl: server.baseUrl, accessToken: ACCESS });
  await client.accounts.retrieveAccountMetadata({ id: 'acc-1' });
  await client.accounts.retrieveAccountMetadata({ id: 'acc-1' });
  expect(server.connectionsOpened).toBe(1); // kept alive and reused
  expect(server.openConnections).toBe(1);

  client.close();
  const until = Date.now() + 3_000;
  while (server.openConnections > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(server.openConnections).toBe(0);

  await client.accounts.retrieveAccountMetadata({ id: 'acc-1' });
  expect(server.connectionsOpened).toBe(2);
  client.close();
});

it('close() on a client with its own fetchApi does nothing and throws nothing', () => {
  const client = new BankAccountDataClient({ accessToken: ACCESS, fetchApi: globalThis.fetch });
  expect(() => client.close()).not.toThrow();
});
