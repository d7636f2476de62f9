/**
 * Path parameters reach the server as exactly the value given, in exactly one
 * segment; a value that cannot (empty, `.`, `..`, a lone surrogate, not a
 * string) fails with a `RequiredError` naming the parameter before any request.
 * Bad arguments of other kinds (no parameters object, a body JSON cannot hold)
 * fail the same way, never as a raw TypeError or URIError.
 */
import fc from 'fast-check';
import { BankAccountDataClient, RequiredError } from '../../src';
import { FaultServer, json } from '../faults/fault-server';
import { jwt } from '../fixtures/jwt';

const ACCESS_TOKEN = jwt('access');
let server: FaultServer;
let client: BankAccountDataClient;

/** No request logged; any path answered 200 (the ids sent are generated, so no route can be scripted for them). */
function freshServer(): void {
  server.reset();
  server.otherwise(json(200, { id: 'ok' }));
}

beforeAll(async () => {
  server = await FaultServer.start();
  client = new BankAccountDataClient({ baseUrl: server.baseUrl, accessToken: ACCESS_TOKEN, maxRetries: 0 });
});
afterAll(async () => {
  client.close();
  await server.close();
});
beforeEach(freshServer);

async function requiredErrorOf(call: () => Promise<unknown>): Promise<RequiredError> {
  const error = await call().then(
    (value) => {
      throw new Error(`expected a RequiredError, the call resolved with ${JSON.stringify(value)}`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RequiredError);
  return error as RequiredError;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('a path parameter that cannot be one segment → RequiredError naming it, nothing sent', () => {
  const cases: Array<[string, unknown]> = [
    ['"." (resolved away: the institution list would come back as one institution)', '.'],
    ['".." (resolved away: the token would go to another endpoint)', '..'],
    ['an empty string', ''],
    ['a lone high surrogate', 'abc\uD800'],
    ['a lone low surrogate', '\uDC00x'],
    ['a number', 42],
    ['an object', { id: 'x' }],
  ];
  it.each(cases)('institutions.retrieveInstitution with %s', async (_name, id) => {
    const error = await requiredErrorOf(() => client.institutions.retrieveInstitution({ id: id as string }));
    expect(error.field).toBe('id');
    expect(error.message).toContain('retrieveInstitution');
    expect(server.requests).toEqual([]);
  });
  it.each(cases)('accounts.retrieveAccountTransactions with %s', async (_name, id) => {
    const error = await requiredErrorOf(() => client.accounts.retrieveAccountTransactions({ id: id as string }));
    expect(error.field).toBe('id');
    expect(server.requests).toEqual([]);
  });
});

describe('other bad arguments → RequiredError before any request', () => {
  it('a method called without its parameters object', async () => {
    const retrieve = client.institutions.retrieveInstitution.bind(client.institutions) as unknown as () => Promise<unknown>;
    const error = await requiredErrorOf(() => retrieve());
    expect(error.field).toBe('requestParameters');
    expect(server.requests).toEqual([]);
  });

  it('a parameters object that is null', async () => {
    const error = await requiredErrorOf(() => client.accounts.retrieveAccountMetadata(null as never));
    expect(error.field).toBe('requestParameters');
  });

  it('a circular body', async () => {
    const body: Record<string, unknown> = { institution_id: 'SANDBOXFINANCE_SFIN0000' };
    body.self = body;
    const error = await requiredErrorOf(() => client.agreements.createEUA({ body: body as never }));
    expect(error.field).toBe('body');
    expect(error.message).toMatch(/cannot be sent as JSON/);
    expect(server.requests).toEqual([]);
  });

  it('a body holding a BigInt', async () => {
    const error = await requiredErrorOf(() =>
      client.agreements.createEUA({ body: { institution_id: 'SANDBOXFINANCE_SFIN0000', max_historical_days: 90n } as never }),
    );
    expect(error.field).toBe('body');
    expect(server.requests).toEqual([]);
  });
});

test('property: any unicode id reaches a loopback server as exactly itself in one segment, or fails before sending', async () => {
  const surrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
  const id = fc.oneof(
    { weight: 6, arbitrary: fc.fullUnicodeString({ maxLength: 24 }) },
    { weight: 2, arbitrary: fc.stringOf(fc.constantFrom('.', '/', '%', '?', '#', '\\', ' ', '2', 'e', 'f', ';', '&', '+', "'"), { maxLength: 8 }) },
    { weight: 1, arbitrary: fc.constantFrom('', '.', '..', '%2e', '%2e%2e', '.%2e', './', '/..', '..%2f') },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.fullUnicodeString({ maxLength: 6 }), surrogate, fc.fullUnicodeString({ maxLength: 6 })).map((parts) => parts.join('')),
    },
  );
  await fc.assert(
    fc.asyncProperty(id, async (value) => {
      freshServer();
      const cannotBeSent = value === '' || value === '.' || value === '..' || LONE_SURROGATE.test(value);
      const outcome = await client.accounts.retrieveAccountMetadata({ id: value }).then(
        () => 'sent',
        (error: unknown) => error,
      );
      if (cannotBeSent) {
        expect(outcome).toBeInstanceOf(RequiredError);
        expect((outcome as RequiredError).field).toBe('id');
        expect(server.requests).toEqual([]);
        return;
      }
      expect(outcome).toBe('sent');
      expect(server.requests).toHaveLength(1);
      const match = /^\/api\/v2\/accounts\/([^/?#]+)\/$/.exec(server.requests[0].url);
      expect(match).not.toBeNull();
      expect(decodeURIComponent(match![1])).toBe(value);
    }),
    { numRuns: 200, interruptAfterTimeLimit: 10_000 },
  );
});
