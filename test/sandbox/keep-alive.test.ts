/**
 * Connections stay open after every complete exchange, so a keep-alive client
 * reuses them; only a request whose body was left unread (refused before or
 * while reading it) closes its connection.
 */
import http from 'node:http';
import { BankAccountDataClient } from '../../src/index';
import type { SandboxServer } from '../../src/sandbox/index';
import { accessToken, startSandbox } from './helpers';

interface Answer {
  status: number;
  connection?: string;
  body: string;
}

/** One request over `agent`, with an optional raw body. */
function request(
  sandbox: SandboxServer,
  agent: http.Agent,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${sandbox.url}${path}`, { method, agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('keep-alive', () => {
  let sandbox: SandboxServer;
  let agent: http.Agent;
  beforeEach(async () => {
    sandbox = await startSandbox();
    agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  });
  afterEach(async () => {
    agent.destroy();
    await sandbox.close();
  });

  it('answers several GETs, POSTs and errors over one connection', async () => {
    const token = await accessToken(sandbox);
    const auth = { Authorization: `Bearer ${token}` };
    const answers: Answer[] = [];
    for (let i = 0; i < 3; i++) answers.push(await request(sandbox, agent, 'GET', '/api/v2/institutions/?country=GB', auth));
    answers.push(await request(sandbox, agent, 'GET', '/api/v2/requisitions/00000000-0000-4000-8000-000000000000/', auth)); // 404
    answers.push(await request(sandbox, agent, 'GET', '/api/v2/institutions/', {})); // 401, no token
    const body = JSON.stringify({ institution_id: 'SANDBOXFINANCE_SFIN0000' });
    answers.push(await request(sandbox, agent, 'POST', '/api/v2/agreements/enduser/', { ...auth, 'Content-Type': 'application/json' }, body));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 404, 401, 201]);
    expect(answers.map((answer) => answer.connection)).toEqual(Array(6).fill('keep-alive'));
    // The token request (fetch's own connection) and this agent's one.
    expect(sandbox.connectionCount).toBe(2);
  });

  it('closes the connection when a body is refused unread, and only then', async () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    const refused = await request(sandbox, agent, 'POST', '/api/v2/token/new/', { 'Content-Type': 'application/json' }, big);
    expect(refused.status).toBe(400);
    expect(refused.connection).toBe('close');
    const after = await request(sandbox, agent, 'GET', '/api/v2/institutions/', {});
    expect(after.status).toBe(401);
    expect(after.connection).toBe('keep-alive');
    expect(sandbox.connectionCount).toBe(2);
  });
});

describe('a load run with faults', () => {
  it('uses about as many connections as calls run at once, plus one per connection cut', async () => {
    const calls = 1_000;
    const concurrency = 20;
    const sandbox = await startSandbox({ seed: 5, rateLimit: 100_000, failureRate: 0.05, resetRate: 0.02 });
    const client = new BankAccountDataClient({ ...sandbox.credentials, baseUrl: sandbox.url, maxRetries: 10, retryBaseDelayMs: 1, retryMaxDelayMs: 5 });
    try {
      let next = 0;
      const worker = async () => {
        while (next < calls) {
          next++;
          await client.institutions.retrieveInstitution({ id: 'MONZO_MONZGB2L' });
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      const cut = sandbox.requests.filter((entry) => entry.fault === 'reset').length;
      expect(cut).toBeGreaterThan(0);
      // Before keep-alive was fixed, every GET opened its own connection (over 1,000 here).
      expect(sandbox.connectionCount).toBeLessThanOrEqual(concurrency + cut + 5);
    } finally {
      client.close();
      await sandbox.close();
    }
  });
});
