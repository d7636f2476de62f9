/**
 * Hostile request bodies against the sandbox: an unauthenticated request is
 * refused without its body being read, and no body is read past the limit.
 * Each request below announces far more than it sends and then stalls, so an
 * answer can only come from a server that stopped reading.
 */
import http from 'http';
import type { SandboxServer } from '../../src/sandbox/index';
import { accessToken, startSandbox } from '../sandbox/helpers';

const ANNOUNCED = 50 * 1024 * 1024;
/** More than the sandbox's 1 MiB body limit. */
const OVER_LIMIT = 2 * 1024 * 1024;

let sandbox: SandboxServer;
let token: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  token = await accessToken(sandbox);
});
afterAll(() => sandbox.close());

interface StalledAnswer {
  status: number;
  body: unknown;
  /** Whether the server closed the connection after answering. */
  closed: boolean;
}

/**
 * POSTs `sent` bytes of a body (announced with `contentLength`, or chunked when
 * undefined), never finishes it, and waits at most 5 s for the answer.
 */
function stalledPost(path: string, sent: number, headers: Record<string, string>, contentLength?: number): Promise<StalledAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port: sandbox.port,
      method: 'POST',
      path,
      agent: false,
      headers: { 'Content-Type': 'application/json', ...(contentLength === undefined ? {} : { 'Content-Length': String(contentLength) }), ...headers },
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error('no answer within 5 s: the server is still waiting for the body'));
    }, 5_000);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(timer);
        const closed = res.headers.connection === 'close';
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), closed });
      });
    });
    // The server may close while the body is still being written: that is the point.
    req.on('error', () => undefined);
    req.flushHeaders();
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    for (let written = 0; written < sent; written += chunk.length) req.write(chunk);
  });
}

it('refuses an unauthenticated request with 401 before reading its body, and closes the connection', async () => {
  const answer = await stalledPost('/api/v2/agreements/enduser/', 64 * 1024, {}, ANNOUNCED);
  expect(answer.status).toBe(401);
  expect(answer.body).toMatchObject({ status_code: 401, summary: expect.any(String), detail: expect.any(String) });
  expect(answer.closed).toBe(true);
});

it('refuses a request with an invalid token before reading its body', async () => {
  const answer = await stalledPost('/api/v2/requisitions/', 64 * 1024, { Authorization: 'Bearer not-a-token' }, ANNOUNCED);
  expect(answer.status).toBe(401);
});

it('refuses a body announced larger than the limit without reading it', async () => {
  const answer = await stalledPost('/api/v2/agreements/enduser/', 0, { Authorization: `Bearer ${token}` }, ANNOUNCED);
  expect(answer.status).toBe(400);
  expect(answer.body).toMatchObject({ summary: 'Request body too large', status_code: 400 });
  expect(answer.closed).toBe(true);
});

it('stops reading a chunked body at the limit', async () => {
  const answer = await stalledPost('/api/v2/agreements/enduser/', OVER_LIMIT, { Authorization: `Bearer ${token}` });
  expect(answer.status).toBe(400);
  expect(answer.body).toMatchObject({ summary: 'Request body too large', status_code: 400 });
});

it('stops reading a token request body at the limit (token endpoints need no bearer token)', async () => {
  const answer = await stalledPost('/api/v2/token/new/', OVER_LIMIT, {});
  expect(answer.status).toBe(400);
  expect(answer.body).toMatchObject({ summary: 'Request body too large' });
});

it('still reads a body within the limit, on a connection kept alive', async () => {
  const agent = new http.Agent({ keepAlive: true });
  try {
    const post = () =>
      new Promise<number>((resolve, reject) => {
        const body = JSON.stringify({ institution_id: 'SANDBOXFINANCE_SFIN0000' });
        const req = http.request(
          {
            host: '127.0.0.1',
            port: sandbox.port,
            method: 'POST',
            path: '/api/v2/agreements/enduser/',
            agent,
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    expect([await post(), await post()]).toEqual([201, 201]);
  } finally {
    agent.destroy();
  }
});
