/**
 * Fault injection: which requests are delayed, failed or cut off. Decisions come
 * from their own seeded stream, so a run with the same seed and the same
 * sequence of requests fails the same requests.
 */
import { apiError, type SandboxHttpError } from './errors';
import { checkNumber, type SandboxFaults } from './options';
import type { Random } from './prng';

export type FaultKind = 'reset' | 'failure';

const LIMITS: Record<keyof SandboxFaults, [number, number]> = { latencyMs: [0, 60_000], failureRate: [0, 1], resetRate: [0, 1] };

/** A `SandboxFaults` whose properties check every assignment (`sandbox.faults.failureRate = 2` throws). */
export function liveFaults(initial: SandboxFaults): SandboxFaults {
  const values = { ...initial };
  const faults = {} as SandboxFaults;
  for (const key of Object.keys(LIMITS) as Array<keyof SandboxFaults>) {
    Object.defineProperty(faults, key, {
      enumerable: true,
      get: () => values[key],
      set: (value: unknown) => {
        values[key] = checkNumber(`faults.${key}`, value, ...LIMITS[key]);
      },
    });
  }
  return faults;
}

/** Copies the given settings onto `faults` (each checked); unknown keys are refused. */
export function assignFaults(faults: SandboxFaults, changes: Partial<SandboxFaults>): void {
  for (const [key, value] of Object.entries(changes ?? {})) {
    if (!(key in LIMITS)) throw new TypeError(`gocardless-bankaccountdata/sandbox: unknown fault "${key}" (use latencyMs, failureRate, resetRate)`);
    if (value !== undefined) faults[key as keyof SandboxFaults] = value;
  }
}

/** One draw per eligible request: below `resetRate` cuts the connection, the next `failureRate` fails it. */
export function decideFault(faults: SandboxFaults, random: Random): FaultKind | undefined {
  if (faults.resetRate === 0 && faults.failureRate === 0) return undefined;
  const roll = random();
  if (roll < faults.resetRate) return 'reset';
  if (roll < faults.resetRate + faults.failureRate) return 'failure';
  return undefined;
}

/** The injected failure: a 500 or a 503, chosen by the same seeded stream. */
export function injectedFailure(random: Random): SandboxHttpError {
  return random() < 0.5
    ? apiError(500, 'Internal Server Error', 'Injected by the sandbox (failureRate): a simulated server error.', 'sandbox_fault')
    : apiError(503, 'Service Unavailable', 'Injected by the sandbox (failureRate): the institution is temporarily unavailable.', 'sandbox_fault');
}
