/**
 * Starts app processes (worker.ts) for the multi-process tests. The worker and
 * the package's sources are bundled once with esbuild into one file, so each
 * process starts with plain `node` in a fraction of what a TypeScript loader
 * would take; ioredis and node-fetch load from the project's node_modules.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import type { CallResult, WorkerCommand, WorkerConfig } from './worker';

const ROOT = resolve(__dirname, '../..');
let bundle: string | undefined;

function workerBundle(): string {
  if (bundle) return bundle;
  const out = join(mkdtempSync(join(tmpdir(), 'gcbad-store-')), 'worker.js');
  buildSync({
    entryPoints: [join(__dirname, 'worker.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    packages: 'external',
    logLevel: 'error',
  });
  bundle = out;
  return out;
}

type Command = WorkerCommand extends infer C ? (C extends { id: number } ? Omit<C, 'id'> : never) : never;

export class AppProcess {
  private next = 0;
  private readonly waiting = new Map<number, { resolve(reply: any): void; reject(error: Error): void; timer: NodeJS.Timeout }>();
  readonly exited: Promise<void>;

  private constructor(readonly child: ChildProcess) {
    child.on('message', (reply: any) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (waiter) clearTimeout(waiter.timer);
      waiter?.resolve(reply);
    });
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        for (const waiter of this.waiting.values()) {
          clearTimeout(waiter.timer);
          waiter.reject(new Error('app process exited before answering'));
        }
        this.waiting.clear();
        resolve();
      }),
    );
  }

  static async start(config: WorkerConfig): Promise<AppProcess> {
    const child = fork(workerBundle(), [], {
      cwd: ROOT,
      // The tests read warnings through IPC (AppProcess.warnings) instead.
      execArgv: ['--no-warnings'],
      env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules'), STORE_WORKER_CONFIG: JSON.stringify(config) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('app process did not start within 15 s')), 15_000);
      child.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
      child.once('exit', (code) => reject(new Error(`app process exited at start (${code})`)));
    });
    const app = new AppProcess(child);
    await ready;
    return app;
  }

  private send(command: Command, withinMs = 30_000): Promise<any> {
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`app process did not answer ${command.cmd} within ${withinMs} ms`));
      }, withinMs);
      this.waiting.set(id, { resolve, reject, timer });
      this.child.send({ ...command, id });
    });
  }

  /** Makes `count` concurrent calls; resolves to each call's outcome. */
  async calls(op: 'institution' | 'balances', count: number, accountId?: string): Promise<CallResult[]> {
    return (await this.send({ cmd: 'calls', op, count, accountId })).results;
  }

  /** Moves the process clock to real time + `offsetMs`. */
  async clock(offsetMs: number): Promise<void> {
    await this.send({ cmd: 'clock', offsetMs });
  }

  async warnings(): Promise<string[]> {
    return (await this.send({ cmd: 'warnings' })).warnings;
  }

  /** Kills the process at once (as a crash would), and waits for it to be gone. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    if (this.child.connected) this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
  }
}

export async function startProcesses(count: number, config: WorkerConfig): Promise<AppProcess[]> {
  return Promise.all(Array.from({ length: count }, () => AppProcess.start(config)));
}

export async function stopAll(apps: AppProcess[]): Promise<void> {
  await Promise.all(apps.map((app) => app.stop()));
}
