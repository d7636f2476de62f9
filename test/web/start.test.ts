/** `npm start -- --web` (examples/quickstart.ts → examples/web/main.ts) serves the picker on the sandbox and stops on SIGTERM. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const READY = /ready at (http:\/\/localhost:\d+\/)/;

function start(args: string[]): ChildProcessWithoutNullStreams {
  const env = { ...process.env };
  for (const name of ['SECRET_ID', 'SECRET_KEY', 'BASE_URL', 'PUBLIC_URL']) delete env[name];
  return spawn(process.execPath, [require.resolve('tsx/cli'), 'examples/quickstart.ts', ...args], { cwd: ROOT, env });
}

function output(child: ChildProcessWithoutNullStreams) {
  const text = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (text.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (text.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { text, exited };
}

it('prints the address when ready, serves the bank picker there, and exits cleanly on SIGTERM', async () => {
  const child = start(['--web', '--port', '0']);
  const { text, exited } = output(child);
  try {
    const deadline = Date.now() + 40_000;
    while (!READY.test(text.stdout) && Date.now() < deadline && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 50));
    const [, url] = READY.exec(text.stdout) ?? [];
    expect({ url, stderr: text.stderr }).toEqual({ url: expect.any(String), stderr: '' });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<label for="search">Search banks</label>');
    expect(page).toContain('Connect </span>Sandbox Finance');
  } finally {
    child.kill('SIGTERM');
  }
  await expect(exited).resolves.toBe(0);
}, 60_000);

it('refuses a --port that is not a port number, naming the option', async () => {
  const child = start(['--web', '--port', 'eighty']);
  const { text, exited } = output(child);
  await expect(exited).resolves.toBe(1);
  expect(text.stderr).toContain('--port must be a port number from 0 to 65535, got "eighty"');
}, 60_000);
