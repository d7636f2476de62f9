/**
 * How long access under an agreement lasts, and when it can be reconfirmed.
 * One place for these rules: `consentStatus` applies them, and the sandbox
 * enforces the same ones.
 *
 * - Access runs for `access_valid_for_days` from acceptance.
 * - An agreement made with `reconfirmation: true` (GB banks, access over 90
 *   days) must also be reconfirmed by the end user every 90 days, counted from
 *   acceptance or the latest reconfirmation. Unconfirmed, access pauses at the
 *   end of the period.
 * - A reconfirmation can be made from 14 days before the period ends until 14
 *   days after, as long as the agreement's own access has time left.
 */
import type { EndUserAgreement, ReconfirmationRetrieve } from '../../generated/models/index';
import { DAY_MS } from '../account-data';

/** Days between reconfirmations. */
export const RECONFIRMATION_PERIOD_DAYS = 90;
/** Days before and after the end of a period in which it can be reconfirmed. */
export const RECONFIRMATION_WINDOW_DAYS = 14;

export interface ConsentTiming {
  /** When access lapses unless the end user acts (reconfirms, or connects again); `undefined` until accepted. */
  expiresAt: Date | undefined;
  /** Whole days from `now` until `expiresAt`, rounded up; 0 once it has passed; `undefined` until accepted. */
  daysLeft: number | undefined;
  /** Whether `reconfirm` can be started now. */
  reconfirmable: boolean;
}

function time(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * When the current reconfirmation period ends (epoch ms): a period after the latest
 * reconfirmation, or after acceptance when there was none. Only for an accepted
 * agreement; `consentTiming` gives no timing at all for one that is not.
 */
export function reconfirmationPeriodEnd(acceptedMs: number, lastSubmittedMs: number | undefined): number {
  return (lastSubmittedMs ?? acceptedMs) + RECONFIRMATION_PERIOD_DAYS * DAY_MS;
}

/** Whether a reconfirmation may be made at `now` for a period ending at `periodEnd` within access ending at `accessEnd`. */
export function inReconfirmationWindow(now: number, periodEnd: number, accessEnd: number): boolean {
  return periodEnd < accessEnd && now >= periodEnd - RECONFIRMATION_WINDOW_DAYS * DAY_MS && now <= periodEnd + RECONFIRMATION_WINDOW_DAYS * DAY_MS;
}

/** The rules above, applied to an agreement (and its reconfirmation, if one was made) at `now` (epoch ms). */
export function consentTiming(
  agreement: Pick<EndUserAgreement, 'accepted' | 'access_valid_for_days' | 'reconfirmation'>,
  reconfirmation: Pick<ReconfirmationRetrieve, 'last_submitted'> | undefined,
  now: number,
): ConsentTiming {
  const accepted = time(agreement.accepted);
  if (accepted === undefined) return { expiresAt: undefined, daysLeft: undefined, reconfirmable: false };
  const accessEnd = accepted + (agreement.access_valid_for_days ?? 90) * DAY_MS;
  let expires = accessEnd;
  let reconfirmable = false;
  if (agreement.reconfirmation) {
    const periodEnd = reconfirmationPeriodEnd(accepted, time(reconfirmation?.last_submitted));
    expires = Math.min(accessEnd, periodEnd);
    reconfirmable = inReconfirmationWindow(now, periodEnd, accessEnd);
  }
  return { expiresAt: new Date(expires), daysLeft: Math.max(0, Math.ceil((expires - now) / DAY_MS)), reconfirmable };
}
