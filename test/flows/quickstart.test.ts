/** `npm start` runs the whole life of a connection on the sandbox and exits cleanly. */
import { execFile } from 'child_process';
import path from 'path';

const ROOT = path.resolve(__dirname, '../..');

it('connects, waits, syncs, syncs again a day later (new rows = confirmed pending), reports consent status, and after consent ends reconnects without importing anything twice', async () => {
  const env = { ...process.env };
  for (const name of ['SECRET_ID', 'SECRET_KEY', 'BASE_URL', 'INSTITUTION_ID']) delete env[name];
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [require.resolve('tsx/cli'), 'examples/quickstart.ts'], { cwd: ROOT, env, timeout: 60_000 }, (error, out, err) =>
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
  // Consent ends on the sandbox clock: the app reconnects, matches both accounts, and its next syncs import nothing twice.
  expect(stdout).toMatch(/access ended on \S+: status EX/);
  expect(stdout).toMatch(/matched 2 of 2 accounts \(by iban\); 0 lost, 0 new/);
  const afterReconnect = [...stdout.matchAll(/: (\d+) booked since \S+, (\d+) already held \(their keys kept\), (\d+) new; (\d+) imported twice/g)];
  expect(afterReconnect).toHaveLength(4); // two accounts, two syncs
  for (const [, returned, alreadyHeld, fresh, twice] of afterReconnect) {
    expect(Number(alreadyHeld)).toBeGreaterThan(0);
    expect(Number(alreadyHeld) + Number(fresh)).toBe(Number(returned));
    expect(twice).toBe('0');
  }
}, 70_000);
