/** `npm start` runs the whole life of a connection on the sandbox and exits cleanly. */
import { execFile } from 'child_process';
import path from 'path';

const ROOT = path.resolve(__dirname, '../..');

it('connects, waits, syncs, syncs again a day later (new rows = confirmed pending), reports consent status', async () => {
  const env = { ...process.env };
  for (const name of ['SECRET_ID', 'SECRET_KEY', 'BASE_URL', 'INSTITUTION_ID']) delete env[name];
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [require.resolve('tsx/cli'), 'examples/quickstart.ts'], { cwd: ROOT, env, timeout: 30_000 }, (error, out, err) =>
      resolve({ code: error ? Number((error as NodeJS.ErrnoException).code ?? 1) : 0, stdout: out, stderr: err }),
    );
  });
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  const secondSyncs = [...stdout.matchAll(/(\d+) new; (\d+) pending confirmed, \d+ still pending, (\d+) dropped/g)];
  expect(secondSyncs).toHaveLength(2); // Sandbox Finance links two accounts
  for (const [, fresh, confirmed, dropped] of secondSyncs) {
    expect(Number(fresh)).toBeGreaterThan(0);
    expect(fresh).toBe(confirmed);
    expect(dropped).toBe('0');
  }
  expect(stdout).toMatch(/status LN, 2 account\(s\); access until \S+ \(\d+ days left\)/);
}, 40_000);
