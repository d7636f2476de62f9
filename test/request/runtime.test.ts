/**
 * How the runtime the generated API classes extend (src/request/runtime.ts)
 * builds a request: URL and query string, headers, per-call init, JSON body,
 * and what it hands to the transport. No sockets: the transport is a double.
 */
import { querystring } from '../../src/request/query-string';
import type { OperationFacts } from '../../src/request/fetch-types';
import { BaseAPI, Configuration, JSONApiResponse, type InitOverrideFunction, type RequestOpts } from '../../src/request/runtime';
import { RequiredError } from '../../src/request/required-error';

interface Sent {
  url: string;
  init: RequestInit;
  operation: OperationFacts;
}

/** A generated class in miniature: it sends what it is given. */
class TestApi extends BaseAPI {
  send(context: RequestOpts, initOverrides?: RequestInit | InitOverrideFunction): Promise<Response> {
    return this.request(context, initOverrides);
  }
}

function setUp(headers?: Record<string, string>) {
  const sent: Sent[] = [];
  const reply = new Response('{}');
  const fetchApi = jest.fn(async (url: string, init: RequestInit, operation: OperationFacts) => {
    sent.push({ url, init, operation });
    return reply;
  });
  const api = new TestApi(new Configuration({ basePath: 'https://api.test/base', fetchApi, headers }));
  return { api, sent, fetchApi, reply };
}

const GET: RequestOpts = { path: '/api/v2/institutions/', method: 'GET', headers: {}, auth: true };
const POST: RequestOpts = { path: '/api/v2/agreements/enduser/', method: 'POST', headers: { 'Content-Type': 'application/json' }, auth: true };

describe('the URL', () => {
  it('is the base path then the path, without `?` when there is no query', async () => {
    const { api, sent } = setUp();
    await api.send(GET);
    await api.send({ ...GET, query: {} });
    expect(sent.map((s) => s.url)).toEqual(['https://api.test/base/api/v2/institutions/', 'https://api.test/base/api/v2/institutions/']);
  });

  it('carries the query string after `?`', async () => {
    const { api, sent } = setUp();
    await api.send({ ...GET, query: { country: 'GB', limit: 5, payments_enabled: true } });
    expect(sent[0].url).toBe('https://api.test/base/api/v2/institutions/?country=GB&limit=5&payments_enabled=true');
  });
});

describe('querystring', () => {
  it('percent-encodes names and values', () => {
    expect(querystring({ 'a b': 'x&y=z', q: 'ä/€ ?#+' })).toBe('a%20b=x%26y%3Dz&q=%C3%A4%2F%E2%82%AC%20%3F%23%2B');
  });

  it('repeats the name for each item of an array or a set, and keeps an empty array as the bare name', () => {
    expect(querystring({ id: ['1', 'a b', 3], none: [] })).toBe('id=1&id=a%20b&id=3&none=');
    expect(querystring({ id: new Set(['x', 'y']) })).toBe('id=x&id=y');
  });

  it('writes null as text', () => {
    expect(querystring({ gone: null })).toBe('gone=null');
  });
});

describe('headers', () => {
  it("are the configured ones with the operation's over them", async () => {
    const { api, sent } = setUp({ Accept: 'application/json', 'Content-Type': 'text/plain', 'X-Team': 'a' });
    await api.send(POST);
    expect(sent[0].init.headers).toEqual({ Accept: 'application/json', 'Content-Type': 'application/json', 'X-Team': 'a' });
  });

  it("merge a call's own over those, whatever the case of the names", async () => {
    const { api, sent } = setUp({ Accept: 'application/json', 'X-Team': 'a' });
    await api.send(GET, { headers: { 'x-team': 'b', 'X-Request-Id': 'r1' } });
    expect(sent[0].init.headers).toEqual({ Accept: 'application/json', 'x-team': 'b', 'X-Request-Id': 'r1' });
  });

  it("that cannot be sent fail as a RequiredError naming them, before the transport's call", async () => {
    const { api, fetchApi } = setUp();
    const sending = api.send(GET, { headers: { 'X-Note': 'a\r\nX-Injected: 1' } });
    await expect(sending).rejects.toBeInstanceOf(RequiredError);
    await expect(sending).rejects.toMatchObject({ field: 'headers.X-Note' });
    expect(fetchApi).not.toHaveBeenCalled();
  });
});

describe('the per-call init', () => {
  it('as an object, its fields replace the built ones', async () => {
    const { api, sent } = setUp();
    const signal = new AbortController().signal;
    await api.send(GET, { signal, cache: 'no-store' });
    expect(sent[0].init).toMatchObject({ method: 'GET', signal, cache: 'no-store' });
  });

  it('as a function, it gets the built init and the request, and its result is applied as an object would be', async () => {
    const { api, sent } = setUp({ Accept: 'application/json' });
    const override = jest.fn<ReturnType<InitOverrideFunction>, Parameters<InitOverrideFunction>>(async ({ init }) => ({
      headers: { 'X-Method': init.method },
      keepalive: true,
    }));
    const context = { ...POST, body: { institution_id: 'X' } };
    await api.send(context, override);
    expect(override).toHaveBeenCalledWith({
      init: { method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, body: { institution_id: 'X' } },
      context,
    });
    expect(sent[0].init).toMatchObject({
      method: 'POST',
      keepalive: true,
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'X-Method': 'POST' },
      body: '{"institution_id":"X"}',
    });
  });
});

describe('the body', () => {
  it('of an operation that sends one (it sets Content-Type) goes out as JSON text, a per-call body too', async () => {
    const { api, sent } = setUp();
    await api.send({ ...POST, body: { max_historical_days: 90, access_scope: ['balances'] } });
    await api.send({ ...POST, body: { a: 1 } }, { body: 'plain' });
    expect(sent.map((s) => s.init.body)).toEqual(['{"max_historical_days":90,"access_scope":["balances"]}', '"plain"']);
  });

  it('of an operation that sends none is left as the call gives it', async () => {
    const { api, sent } = setUp();
    await api.send(GET);
    await api.send({ ...GET, method: 'DELETE' }, { body: 'as-is' });
    expect(sent.map((s) => s.init.body)).toEqual([undefined, 'as-is']);
  });

  it('that JSON cannot hold is a RequiredError naming `body`, before the transport is called', async () => {
    const { api, fetchApi } = setUp();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const sending = api.send({ ...POST, body: circular });
    await expect(sending).rejects.toBeInstanceOf(RequiredError);
    await expect(sending).rejects.toMatchObject({ field: 'body' });
    expect(fetchApi).not.toHaveBeenCalled();
  });
});

it("hands the transport the request as the operation's facts, and returns its response", async () => {
  const { api, sent, reply } = setUp();
  const context: RequestOpts = { ...GET, auth: false };
  await expect(api.send(context)).resolves.toBe(reply);
  expect(sent[0].operation).toBe(context);
  expect(sent[0].operation.auth).toBe(false);
});

it('JSONApiResponse keeps the response and decodes its body as JSON', async () => {
  const raw = new Response('{"id":"SANDBOXFINANCE_SFIN0000","countries":["GB"]}');
  const response = new JSONApiResponse<{ id: string; countries: string[] }>(raw);
  expect(response.raw).toBe(raw);
  await expect(response.value()).resolves.toEqual({ id: 'SANDBOXFINANCE_SFIN0000', countries: ['GB'] });
});
