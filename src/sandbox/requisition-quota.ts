/**
 * The monthly requisition quota (`requisitionQuota`, off by default). Each
 * requisition created counts against the calendar month (UTC, sandbox clock)
 * it was created in, whether or not it is later linked, rejected or deleted:
 * this is how apps that retry the consent link burn their quota. Past the
 * quota, creation answers the API's documented 402 (PaymentRequired).
 */
import type { SandboxContext } from './context';
import { documentedError } from './documented-errors';

/** Counts one requisition against this month, or throws the 402 when the month's quota is spent. */
export function spendRequisitionQuota(sandbox: SandboxContext): void {
  const quota = sandbox.options.requisitionQuota;
  if (quota === Infinity) return;
  const month = new Date(sandbox.now()).toISOString().slice(0, 7);
  const spent = sandbox.state.requisitionsByMonth.get(month) ?? 0;
  if (spent >= quota) throw documentedError('PaymentRequired');
  sandbox.state.requisitionsByMonth.set(month, spent + 1);
}
