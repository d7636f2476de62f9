/**
 * One app process of the multi-process tests: a client over a Redis store,
 * driven by its parent through IPC. Bundled once per run (see processes.ts).
 *
 * The process clock (`Date.now`) can be moved forward by the parent, so token
 * expiry and budget resets happen "on the clock" without waiting.
 */
import IORedis from 'ioredis';
import { ApiException, BankAccountDataClient } from '../../src/index';
import { createRedisStore } from '../../src/redis/index';

export interface WorkerConfig {
  baseUrl: string;
  secretId: string;
  secretKey: string;
  redisPort: number;
  prefix: string;
  lockTtlMs?: number;
  callTimeoutMs?: number;
}

export type WorkerCommand =
  | { id: number; cmd: 'calls'; op: 'institution' | 'balances'; count: number; accountId?: string }
  | { id: number; cmd: 'clock'; offsetMs: number }
  | { id: number; cmd: 'warnings' };

export interface CallResult {
  ok: boolean;
  name?: string;
  status?: number;
  code?: string;
  retryAfterSeconds?: number;
  rateLimit?: unknown;
  message?: string;
}

const realNow = Date.now;
let offsetMs = 0;
Date.now = () => realNow() + offsetMs;

const config = JSON.parse(process.env.STORE_WORKER_CONFIG ?? '{}') as WorkerConfig;
const warnings: string[] = [];
process.on('warning', (warning) => warnings.push(`${warning.name}: ${warning.message}`));

const redis = new IORedis(config.redisPort, '127.0.0.1', { maxRetriesPerRequest: 1 });
// A real app logs these; the store's own warning is what the tests read.
redis.on('error', () => undefined);
const client = new BankAccountDataClient({
  baseUrl: config.baseUrl,
  secretId: config.secretId,
  secretKey: config.secretKey,
  maxRetries: 0,
  store: createRedisStore(redis, { prefix: config.prefix, lockTtlMs: config.lockTtlMs, callTimeoutMs: config.callTimeoutMs }),
});

async function one(command: Extract<WorkerCommand, { cmd: 'calls' }>): Promise<CallResult> {
  try {
    if (command.op === 'institution') await client.institutions.retrieveInstitution({ id: 'SANDBOXFINANCE_SFIN0000' });
    else await client.accounts.retrieveAccountBalances({ id: command.accountId! });
    return { ok: true };
  } catch (error) {
    if (!(error instanceof ApiException)) return { ok: false, name: (error as Error)?.name, message: String((error as Error)?.message ?? error) };
    const { name, status, retryAfterSeconds, rateLimit, message } = error;
    return { ok: false, name, status, code: (error as { code?: string }).code, retryAfterSeconds, rateLimit, message };
  }
}

async function handle(command: WorkerCommand): Promise<void> {
  if (command.cmd === 'clock') {
    offsetMs = command.offsetMs;
    process.send!({ id: command.id });
  } else if (command.cmd === 'warnings') {
    process.send!({ id: command.id, warnings });
  } else {
    const results = await Promise.all(Array.from({ length: command.count }, () => one(command)));
    process.send!({ id: command.id, results });
  }
}

process.on('message', (command: WorkerCommand) => void handle(command));
process.on('disconnect', () => process.exit(0));
process.send!({ ready: true });
