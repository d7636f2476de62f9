/**
 * The server itself: options, routing (404, 405, trailing slash), body parsing,
 * the request log, reset() and close().
 */
import { createSandboxServer, MAX_LOGGED_REQUESTS } from '../../src/sandbox/index';
import { SANDBOX_BANK, accessToken, http, startSandbox } from './helpers';

describe('options', () => {
  it('rejects bad values with a TypeError naming the option', async () => {
    await expect(createSandboxServer({ failureRate: 1.5 })).rejects.toThrow(/"failureRate"/);
    await expect(createSandboxServer({ accountDailyLimit: 0 })).rejects.toThrow(/"accountDailyLimit"/);
    await expect(createSandboxServer({ now: 5 as never })).rejects.toThrow(/"now"/);
    await expect(createSandboxServer({ secretKey: '' })).rejects.toThrow(/"secretKey"/);
    await expect(createSandboxServer({ port: 70_000 })).rejects.toThrow(/"port"/);
  });

  it('listens on 127.0.0.1 on a free port by default, with default credentials', async () => {
    const sandbox = await createSandboxServer();
    try {
      expect(sandbox.url).toBe(`http://127.0.0.1:${sandbox.port}`);
      expect(sandbox.port).toBeGreaterThan(0);
      expect(sandbox.credentials).toEqual({ secretId: 'sandbox-secret-id', secretKey: 'sandbox-secret-key' });
      expect(sandbox.faults).toEqual({ latencyMs: 0, failureRate: 0, resetRate: 0 });
    } finally {
      await sandbox.close();
    }
  });
});

describe('routing and parsing', () => {
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  let token: string;
  beforeAll(async () => {
    sandbox = await startSandbox();
    token = await accessToken(sandbox);
  });
  afterAll(() => sandbox.close());

  it('404 for unknown routes and POSTs without their trailing slash; 405 with Allow for a wrong method', async () => {
    const call = http(sandbox);
    for (const [method, path] of [
      ['GET', '/api/v2/nothing/'],
      ['POST', '/api/v2/requisitions'],
      ['GET', '/'],
      ['GET', '/api/v3/requisitions/'],
      ['GET', '/api/v2/nothing'],
    ]) {
      const result = await call(method, path, { token });
      expect([path, result.status, result.body]).toEqual([path, 404, { summary: 'Not found.', detail: 'Not found.', status_code: 404 }]);
    }
    const wrong = await call('PATCH', '/api/v2/agreements/enduser/', { token });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, POST');
    expect(wrong.body).toEqual({ summary: 'Method Not Allowed', detail: 'Method "PATCH" not allowed.', status_code: 405 });
    expect((await call('POST', '/api/v2/token/refresh/x/', {})).status).toBe(404);
  });

  it('400 for invalid JSON and for JSON that is not an object', async () => {
    const call = http(sandbox);
    const invalid = await call('POST', '/api/v2/agreements/enduser/', { token, rawBody: '{"institution_id": ' });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ summary: 'Invalid JSON', status_code: 400 });
    const array = await call('POST', '/api/v2/requisitions/', { token, body: [SANDBOX_BANK] });
    expect(array.body).toMatchObject({ summary: 'Invalid data', detail: 'Expected a JSON object, but got array.' });
    const big = await call('POST', '/api/v2/agreements/enduser/', { token, rawBody: JSON.stringify({ institution_id: 'x'.repeat(1_100_000) }) });
    expect(big.body.summary).toBe('Request body too large');
  });

  it('ignores a body on GET and DELETE, and answers JSON with a content type', async () => {
    const result = await fetch(`${sandbox.url}/api/v2/institutions/${SANDBOX_BANK}/`, { headers: { Authorization: `Bearer ${token}` } });
    expect(result.headers.get('content-type')).toBe('application/json');
    expect(result.status).toBe(200);
  });
});

describe('request log, reset, close', () => {
  it('logs method, path, query, status and operation; counts requests', async () => {
    const sandbox = await startSandbox();
    try {
      const call = http(sandbox);
      const token = await accessToken(sandbox, call);
      await call('GET', '/api/v2/institutions/?country=GB', { token });
      await call('GET', '/api/v2/nope/', { token });
      expect(sandbox.requestCount).toBe(3);
      expect(sandbox.requests.map(({ time, ...rest }) => rest)).toEqual([
        {
          method: 'POST',
          path: '/api/v2/token/new/',
          query: '',
          body: '{"secret_id":"[redacted]","secret_key":"[redacted]"}',
          status: 200,
          operation: 'Obtain new access/refresh token pair',
        },
        { method: 'GET', path: '/api/v2/institutions/', query: 'country=GB', status: 200, operation: 'retrieve all supported Institutions in a given country' },
        { method: 'GET', path: '/api/v2/nope/', query: '', status: 404 },
      ]);
      expect(MAX_LOGGED_REQUESTS).toBe(10_000);
    } finally {
      await sandbox.close();
    }
  });

  it('logs the body of a POST or PUT as sent, with token and secret values replaced and a long body cut', async () => {
    const sandbox = await startSandbox();
    try {
      const call = http(sandbox);
      const token = await accessToken(sandbox, call);
      await call('POST', '/api/v2/token/refresh/', { rawBody: '{"refresh": "abc\\"def", "x": 1}' });
      await call('POST', '/api/v2/agreements/enduser/', { token, body: { institution_id: SANDBOX_BANK, max_historical_days: 30 } });
      await call('POST', '/api/v2/agreements/enduser/', { token, rawBody: `{"institution_id": "${'x'.repeat(5000)}"}` });
      await call('GET', '/api/v2/agreements/enduser/', { token });
      const [obtain, refresh, create, long, list] = sandbox.requests;
      expect(obtain.body).toBe('{"secret_id":"[redacted]","secret_key":"[redacted]"}');
      expect(JSON.stringify(sandbox.requests)).not.toContain(sandbox.credentials.secretKey);
      expect(refresh.body).toBe('{"refresh": "[redacted]", "x": 1}');
      expect(JSON.parse(create.body!)).toEqual({ institution_id: SANDBOX_BANK, max_historical_days: 30 });
      expect(long.body).toHaveLength(4097);
      expect(list.body).toBeUndefined();
    } finally {
      await sandbox.close();
    }
  });

  it('reset() forgets state and restarts ids from the seed; tokens stay valid', async () => {
    const sandbox = await startSandbox({ seed: 'reset' });
    try {
      const call = http(sandbox);
      const token = await accessToken(sandbox, call);
      const create = () => call('POST', '/api/v2/agreements/enduser/', { token, body: { institution_id: SANDBOX_BANK } });
      const first = (await create()).body.id;
      await create();
      sandbox.reset();
      expect(sandbox.requestCount).toBe(0);
      expect((await call('GET', '/api/v2/agreements/enduser/', { token })).body.count).toBe(0);
      expect((await create()).body.id).toBe(first);
    } finally {
      await sandbox.close();
    }
  });

  it('close() stops the server, cuts keep-alive connections, and can be called twice', async () => {
    const sandbox = await startSandbox();
    await http(sandbox)('GET', '/api/v2/institutions/'); // leaves a keep-alive connection open
    await sandbox.close();
    await sandbox.close();
    await expect(fetch(`${sandbox.url}/api/v2/institutions/`)).rejects.toThrow();
  });
});
