/**
 * The sandbox as a non-Node app meets it: `gocardless-bankaccountdata sandbox
 * --port 0 --json` started as a child process, then plain HTTP only (fetch,
 * no client, no in-process handle), the control paths under /_sandbox/
 * included. SIGTERM ends it with exit code 0.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const BIN = path.join(__dirname, '..', '..', 'bin', 'gocardless-bankaccountdata.js');
// Started through tsx from the source tree, the process can take a while on a busy machine.
jest.setTimeout(60_000);

let child: ChildProcessWithoutNullStreams;
let stderr = '';

function start(args: string[]): Promise<{ url: string; secretId: string; secretKey: string }> {
  child = spawn(process.execPath, [BIN, 'sandbox', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) => reject(new Error(`exited ${code} before its first line: ${stderr}`)));
  });
}

function exitCode(): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

afterEach(() => {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

it('runs on its own and is driven over HTTP only, then exits 0 on SIGTERM', async () => {
  const { url, secretId, secretKey } = await start(['--port', '0', '--json', '--seed', '3', '--start', '2024-05-01T10:00:00Z']);
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const send = async (method: string, target: string, body?: unknown, token?: string) => {
    const response = await fetch(`${url}${target}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token && { Authorization: `Bearer ${token}` }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };

  const { access } = (await send('POST', '/api/v2/token/new/', { secret_id: secretId, secret_key: secretKey })).body;
  const lv = await send('GET', '/api/v2/institutions/?country=LV', undefined, access);
  expect(lv.body.map((institution: { id: string }) => institution.id)).toContain('REVOLUT_REVOGB21');

  const requisition = (await send('POST', '/api/v2/requisitions/', { redirect: 'https://app.example/cb', institution_id: 'SANDBOXFINANCE_SFIN0000' }, access))
    .body;
  const linked = await send('POST', `/_sandbox/requisitions/${requisition.id}/link`, { user: 'user-1' });
  expect(linked.body).toMatchObject({ id: requisition.id, status: 'LN' });
  const accountId = linked.body.accounts[0];
  expect((await send('GET', `/api/v2/accounts/${accountId}/balances/`, undefined, access)).status).toBe(200);

  expect((await send('POST', '/_sandbox/errors', { code: 'AccountSuspendedError', accountId })).status).toBe(201);
  expect((await send('GET', `/api/v2/accounts/${accountId}/details/`, undefined, access)).status).toBe(409);

  // The clock started where --start put it; 91 days on, the agreement has expired.
  const moved = await send('POST', '/_sandbox/clock', { advanceDays: 91 });
  expect(moved.body.now.slice(0, 10)).toBe('2024-07-31');
  const fresh = (await send('POST', '/api/v2/token/new/', { secret_id: secretId, secret_key: secretKey })).body.access;
  const expired = await send('GET', `/api/v2/accounts/${accountId}/transactions/`, undefined, fresh);
  expect(expired.status).toBe(401);
  expect(expired.body.detail).toMatch(/^EUA was valid for 90 days and it expired at 2024-07-30\./);

  const log = (await send('GET', '/_sandbox/requests')).body;
  expect(log.map((entry: { status: number; path: string }) => `${entry.status} ${entry.path}`)).toContain(`409 /api/v2/accounts/${accountId}/details/`);
  expect((await send('POST', '/_sandbox/reset')).status).toBe(200);
  expect((await send('GET', '/_sandbox/requests')).body).toEqual([]);

  child.kill('SIGTERM');
  expect(await exitCode()).toBe(0);
});

it('prints how to drive it without --json, and refuses a bad flag naming it (exit 2)', async () => {
  const lines: string[] = [];
  child = spawn(process.execPath, [BIN, 'sandbox', '--port', '0'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const reader = createInterface({ input: child.stdout });
  await new Promise<void>((resolve) => reader.on('line', (line) => (lines.push(line), /Ctrl-C/.test(line) && resolve())));
  const text = lines.join('\n');
  expect(text).toMatch(/sandbox on http:\/\/127\.0\.0\.1:\d+/);
  expect(text).toContain('secret id:  sandbox-secret-id');
  expect(text).toContain('/_sandbox/requisitions/{id}/link');
  child.kill('SIGINT');
  expect(await exitCode()).toBe(0);

  stderr = '';
  child = spawn(process.execPath, [BIN, 'sandbox', '--failure-rate', 'often'], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  expect(await exitCode()).toBe(2);
  expect(stderr).toContain('--failure-rate must be a number, got "often"');
});
