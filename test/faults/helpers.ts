/**
 * Shared pieces of the fault suite: the secrets, a client aimed at a fault
 * server, a logger that keeps every line, and the leak check.
 */
import { appendFileSync } from 'fs';
import { inspect } from 'util';
import { BankAccountDataClient, type ClientOptions } from '../../src';
import { FaultServer } from './fault-server';

/** The fault server of the running test (a live binding: each test gets a fresh one). */
export let server: FaultServer;

/** Starts a fresh fault server before each test of the calling file and closes it after. */
export function useFaultServer(): void {
  beforeEach(async () => {
    server = await FaultServer.start();
  });
  afterEach(async () => {
    await server.close();
  });
}

export const SECRET_ID = 'f1e2d3c4-fault-suite-secret-id';
/** Distinctive and not JWT-shaped: only the client's secret registry can redact it. */
export const SECRET_KEY = 'sk_live_SECRET_fault_suite_0123456789';

export { ACCOUNT_ID, AGREEMENT_ID, INSTITUTION_ID } from '../fixtures/operations';
import { ACCOUNT_ID, AGREEMENT_ID, INSTITUTION_ID } from '../fixtures/operations';

export const INSTITUTION = {
  id: INSTITUTION_ID,
  name: 'Sandbox Finance',
  bic: 'SFIN0000',
  transaction_total_days: '90',
  countries: ['XX'],
  logo: 'https://example.invalid/logo.png',
};
export const GET_INSTITUTION = `GET /api/v2/institutions/${INSTITUTION_ID}/`;
export const GET_BALANCES = `GET /api/v2/accounts/${ACCOUNT_ID}/balances/`;
export const POST_AGREEMENT = 'POST /api/v2/agreements/enduser/';
export const POST_REQUISITION = 'POST /api/v2/requisitions/';
export const PUT_ACCEPT = `PUT /api/v2/agreements/enduser/${AGREEMENT_ID}/accept/`;
export const DELETE_AGREEMENT = `DELETE /api/v2/agreements/enduser/${AGREEMENT_ID}/`;

export type LogLine = { level: 'debug' | 'info' | 'warn' | 'error'; message: string; fields?: Record<string, unknown> };

/** A `logger` that keeps every line it receives. */
export function captureLogger(): { lines: LogLine[]; logger: NonNullable<ClientOptions['logger']> } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (message: string, fields?: Record<string, unknown>) => {
    lines.push({ level, message, fields });
  };
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

/** The `debug` lines the transport writes once per attempt. */
export function attemptLines(lines: LogLine[]): LogLine[] {
  return lines.filter((line) => line.level === 'debug' && typeof line.fields?.attempt === 'number');
}

/**
 * A client holding the fault suite's secrets, pointed at `server`, with 1-5 ms
 * backoff steps (tests that measure a wait set their own) and a capturing logger.
 */
export function faultClient(server: FaultServer | string, options: Partial<ClientOptions> = {}): { client: BankAccountDataClient; lines: LogLine[] } {
  const { lines, logger } = captureLogger();
  const client = new BankAccountDataClient({
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    baseUrl: typeof server === 'string' ? server : server.baseUrl,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 5,
    timeoutMs: 5_000,
    totalTimeoutMs: 10_000,
    logger,
    ...options,
  });
  return { client, lines };
}

/** Runs `call`, returns what it threw (failing the test when it resolves) and how long it took. */
export async function failure<T>(call: () => Promise<T>): Promise<{ error: Error; elapsedMs: number }> {
  const started = Date.now();
  try {
    const value = await call();
    throw new Error(`expected the call to fail, it resolved with ${JSON.stringify(value)}`);
  } catch (error) {
    return { error: error as Error, elapsedMs: Date.now() - started };
  }
}

/** Runs `call` and returns its value and how long it took. */
export async function timed<T>(call: () => Promise<T>): Promise<{ value: T; elapsedMs: number }> {
  const started = Date.now();
  const value = await call();
  return { value, elapsedMs: Date.now() - started };
}

/** The secrets of a run: the secret key and every token the server issued, with their distinctive parts. */
export function secretsOf(server?: FaultServer, extra: string[] = []): string[] {
  const tokens = [...(server?.issued.access ?? []), ...(server?.issued.refresh ?? []), ...extra];
  // A JWT's payload and signature are unique to it; a leak of either is a leak.
  const parts = tokens.flatMap((token) =>
    token
      .split('.')
      .slice(1)
      .filter((part) => part.length >= 16),
  );
  return [SECRET_KEY, ...tokens, ...parts];
}

/**
 * Every rendering of an error a log or a crash report could show. `raw` adds
 * `util.inspect` without the custom inspector - every own field, `cause`
 * included - which the fault server's errors must pass too.
 */
export function renderings(error: unknown, options: { raw?: boolean } = {}): Record<string, string> {
  const e = error as Error;
  return {
    message: String(e?.message),
    stack: String(e?.stack),
    inspect: inspect(error, { depth: 6 }),
    ...(options.raw === false ? {} : { 'inspect (raw fields)': inspect(error, { depth: 6, customInspect: false }) }),
    json: JSON.stringify(error) ?? '',
    string: String(error),
  };
}

/**
 * The places a secret showed up: renderings of the error and log lines. Empty
 * when nothing leaked. Log lines are compared as JSON of their message and fields.
 */
export function leaks(error: unknown, lines: LogLine[], secrets: string[], options: { raw?: boolean } = {}): string[] {
  const found: string[] = [];
  const texts: Array<[string, string]> = Object.entries(error === undefined ? {} : renderings(error, options));
  lines.forEach((line, i) => texts.push([`log line ${i + 1}`, JSON.stringify(line)]));
  for (const [where, text] of texts) {
    for (const secret of secrets) {
      if (text.includes(secret)) found.push(`${where} contains ${secret.slice(0, 12)}…`);
    }
  }
  return found;
}

/** Asserts nothing secret leaked; returns the number of leaks found (always 0 when it returns). */
export function expectNoLeaks(error: unknown, lines: LogLine[], server?: FaultServer, extra: string[] = []): number {
  const secrets = secretsOf(server, extra);
  expect(secrets.length).toBeGreaterThan(0);
  const found = leaks(error, lines, secrets);
  expect(found).toEqual([]);
  return found.length;
}

/**
 * Records the figures of a fault case (for the suite's report) when
 * FAULTS_REPORT names a file; a no-op otherwise.
 */
export function record(name: string, figures: Record<string, unknown>): void {
  const file = process.env.FAULTS_REPORT;
  if (file) appendFileSync(file, `${JSON.stringify({ name, ...figures })}\n`);
}
