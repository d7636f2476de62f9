/**
 * Waiting for the end user: polls the requisition until it is linked or
 * nothing more can happen. The first check is immediate; then one every
 * `intervalMs` (default 5 s: the end user is at their bank for minutes, and
 * each poll is a request against the company's rate limit).
 */
import type { Requisition } from '../../generated/models/index';
import { flowAbortedException, type AbortedException } from '../errors';
import { sleep } from '../timeout';
import type { FlowClient } from './client';
import { ConsentExpiredError, ConsentFailedError, ConsentRejectedError, ConsentTimeoutError } from './errors';

export interface WaitForConsentOptions {
  /** Stops waiting at once, even between polls; the promise rejects with `AbortedException`. */
  signal?: AbortSignal;
  /** Time between polls; default 5000 ms. */
  intervalMs?: number;
  /** How long to wait for a decision; default 15 minutes. */
  timeoutMs?: number;
}

export const DEFAULT_CONSENT_POLL_MS = 5_000;
export const DEFAULT_CONSENT_TIMEOUT_MS = 15 * 60_000;

function positive(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 2_147_483_647) {
    throw new TypeError(
      `waitForConsent: ${name} must be a number of milliseconds > 0 (at most 2^31 - 1), got ${typeof value === 'number' ? value : typeof value}`,
    );
  }
  return value;
}

function aborted(signal: AbortSignal): AbortedException {
  return flowAbortedException('waitForConsent', signal.reason);
}

/**
 * Resolves with the requisition once it is linked (`LN` with accounts); rejects
 * with `ConsentRejectedError` (RJ), `ConsentExpiredError` (EX),
 * `ConsentFailedError` (ER, SU), `ConsentTimeoutError`, or `AbortedException`.
 * A failed poll (an `ApiException` the client did not retry away) rejects as it is.
 */
export async function waitForConsent(client: FlowClient, requisitionId: string, options: WaitForConsentOptions = {}): Promise<Requisition> {
  if (typeof requisitionId !== 'string' || requisitionId === '') throw new TypeError('waitForConsent: requisitionId must be a non-empty string');
  const intervalMs = positive('intervalMs', options.intervalMs, DEFAULT_CONSENT_POLL_MS);
  const timeoutMs = positive('timeoutMs', options.timeoutMs, DEFAULT_CONSENT_TIMEOUT_MS);
  const { signal } = options;
  if (signal?.aborted) throw aborted(signal);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const requisition = await client.requisitions.requisitionById({ id: requisitionId }, signal ? { signal } : undefined);
    switch (requisition.status) {
      case 'LN':
        if ((requisition.accounts ?? []).length > 0) return requisition;
        break;
      case 'RJ':
        throw new ConsentRejectedError(requisition);
      case 'EX':
        throw new ConsentExpiredError(requisition);
      case 'ER':
      case 'SU':
        throw new ConsentFailedError(requisition);
    }
    const left = deadline - Date.now();
    if (left <= 0) throw new ConsentTimeoutError(requisition, timeoutMs);
    await sleep(Math.min(intervalMs, left), signal, () => aborted(signal!));
  }
}
