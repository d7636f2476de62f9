/**
 * Hostile request targets against the sandbox: paths that do not parse as a
 * URL path or hold invalid percent-encoding get an answer (400 or 404 in the
 * API's error shape; an HTML page under /psd2/), never a reset connection, and
 * the sandbox keeps serving.
 */
import http from 'http';
import type { SandboxServer } from '../../src/sandbox/index';
import { accessToken, startSandbox } from '../sandbox/helpers';

let sandbox: SandboxServer;
let token: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  token = await accessToken(sandbox);
});
afterAll(() => sandbox.close());

interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
}

/** Sends `target` as the request target, byte for byte; at most 5 s. */
function rawGet(target: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: sandbox.port, method: 'GET', path: target, headers, agent: false, timeout: 5_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type']), text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer to ${target} within 5 s`)));
    req.on('error', reject);
    req.end();
  });
}

describe.each([
  ['//'],
  ['///'],
  ['//api/v2/requisitions/'],
  ['/api/v2/accounts/%ZZ/'],
  ['/api/v2/requisitions/%E0%A4%A/'],
  ['/api/v2/agreements/enduser/%/'],
  ['/api/v2/institutions/%C0%AF/'],
])('API path %s', (target) => {
  it('answers 400 or 404 with the API error body', async () => {
    const answer = await rawGet(target, { Authorization: `Bearer ${token}` });
    expect([400, 404]).toContain(answer.status);
    expect(answer.contentType).toMatch(/^application\/json/);
    const body = JSON.parse(answer.text);
    expect(body).toEqual({ summary: expect.any(String), detail: expect.any(String), status_code: answer.status });
  });
});

describe.each([['/psd2/start/%ZZ/x'], ['/psd2/start/x/%ZZ'], ['/psd2/reconfirm/%E0%A4%A/'], ['//psd2/start/x/y']])('consent path %s', (target) => {
  it('answers 400 or 404, not a reset connection', async () => {
    const answer = await rawGet(target);
    expect([400, 404]).toContain(answer.status);
  });
});

it('a request target that is not a path (no leading slash) is a 400 in the API error shape', async () => {
  const answer = await rawGet('*');
  expect(answer.status).toBe(400);
  expect(JSON.parse(answer.text)).toMatchObject({ status_code: 400 });
});

it('keeps serving after the hostile paths', async () => {
  for (const target of ['//', '/psd2/start/%ZZ/x', '/api/v2/accounts/%ZZ/']) await rawGet(target).catch(() => undefined);
  const answer = await rawGet('/api/v2/requisitions/', { Authorization: `Bearer ${token}` });
  expect(answer.status).toBe(200);
  expect(sandbox.requests.map((r) => r.status)).not.toContain(0);
});
