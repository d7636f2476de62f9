/**
 * The default transport is loaded on a client's first request, and never when
 * the app gives its own `fetchApi` (src/default-transport.ts); where Node's
 * modules do not exist, the runtime's fetch stands in (src/global-fetch.ts).
 */
import { createKeepAliveFetch as createGlobalFetch } from '../src/global-fetch';
import { attemptLimit } from '../src/timeout';

let mockLoads = 0;
const mockRequests: string[] = [];

// Stands in for node-fetch and its agents, and counts how often the module is loaded.
jest.mock('../src/default-fetch', () => {
  mockLoads++;
  return {
    createKeepAliveFetch: () => ({
      send: async (url: string) => {
        mockRequests.push(url);
        return new Response('[]', { status: 200, headers: { 'content-type': 'application/json' } });
      },
      readText: (response: Response) => response.text(),
      close: () => undefined,
    }),
  };
});

type ClientModule = typeof import('../src');

/** The client from a fresh module registry, so each test sees the loads it causes. */
async function freshClientModule(): Promise<ClientModule> {
  let loaded: ClientModule | undefined;
  await jest.isolateModulesAsync(async () => {
    loaded = await import('../src');
  });
  return loaded!;
}

const options = { accessToken: 'app-held-token', baseUrl: 'http://127.0.0.1:9' };

beforeEach(() => {
  mockLoads = 0;
  mockRequests.length = 0;
});

describe('the default transport', () => {
  it('is not loaded when the app gives fetchApi, before or after requests', async () => {
    const { BankAccountDataClient } = await freshClientModule();
    const fetchApi = jest.fn(async () => new Response('[]', { status: 200, headers: { 'content-type': 'application/json' } }));
    const client = new BankAccountDataClient({ ...options, fetchApi });
    await client.institutions.retrieveAllSupportedInstitutionsInAGivenCountry({ country: 'GB' });
    client.close();
    expect(fetchApi).toHaveBeenCalledTimes(1);
    expect(mockLoads).toBe(0);
  });

  it('is loaded on the first request of a client without fetchApi, once', async () => {
    const { BankAccountDataClient } = await freshClientModule();
    const client = new BankAccountDataClient(options);
    expect(mockLoads).toBe(0);
    await client.institutions.retrieveAllSupportedInstitutionsInAGivenCountry({ country: 'GB' });
    await client.institutions.retrieveAllSupportedInstitutionsInAGivenCountry({ country: 'DE' });
    expect(mockLoads).toBe(1);
    expect(mockRequests).toEqual(['http://127.0.0.1:9/api/v2/institutions/?country=GB', 'http://127.0.0.1:9/api/v2/institutions/?country=DE']);
  });

  it('is not loaded by close() before any request', async () => {
    const { BankAccountDataClient } = await freshClientModule();
    new BankAccountDataClient(options).close();
    expect(mockLoads).toBe(0);
  });
});

describe("outside Node, the runtime's fetch", () => {
  it('is looked up on each request, so a fetch installed after the client was made is used', async () => {
    const transport = createGlobalFetch(1024);
    const installed = jest.fn(async () => new Response('ok'));
    const original = globalThis.fetch;
    globalThis.fetch = installed;
    const limit = attemptLimit(1_000, undefined);
    try {
      const response = await transport.send('http://127.0.0.1:9/x', { method: 'GET' }, limit);
      expect(await transport.readText(response)).toBe('ok');
      expect(installed).toHaveBeenCalledWith('http://127.0.0.1:9/x', expect.objectContaining({ method: 'GET', redirect: 'manual' }));
    } finally {
      limit.dispose();
      globalThis.fetch = original;
    }
  });

  it('is missing: the request fails with a TypeError that names the fetchApi option', async () => {
    const transport = createGlobalFetch(1024);
    const original = globalThis.fetch;
    (globalThis as { fetch?: unknown }).fetch = undefined;
    const limit = attemptLimit(1_000, undefined);
    try {
      await expect(transport.send('http://127.0.0.1:9/x', {}, limit)).rejects.toThrow(/"fetchApi"/);
    } finally {
      limit.dispose();
      globalThis.fetch = original;
    }
  });
});
