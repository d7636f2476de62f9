/**
 * What the sandbox remembers: agreements, requisitions and linked accounts of
 * its one company, and the rules that follow from them (when an agreement
 * expires, what status a requisition has). Ids come from a seeded stream.
 */
import type { AccountProfile } from './account-data';
import { randomUuid, seeded, type Random } from './prng';
import { DAY_MS, reconfirmationPeriodEnd, type AccountScope } from './api-facts';

export interface ReconfirmationRecord {
  created: number;
  validFrom: number;
  validTo: number;
  redirect: string | null;
  lastAccessed: number | null;
  lastSubmitted: number | null;
}

export interface AgreementRecord {
  id: string;
  created: number;
  institutionId: string;
  maxHistoricalDays: number;
  accessValidForDays: number;
  accessScope: AccountScope[];
  reconfirmation: boolean;
  /** When the end user accepted (consent or the accept endpoint); access runs from then. */
  accepted: number | null;
  acceptance?: { userAgent: string; ipAddress: string };
  /** The requisition using it; an agreement serves one requisition. */
  requisitionId?: string;
  reconfirmationRecord?: ReconfirmationRecord;
}

export type Consent = 'pending' | 'linked' | 'rejected';

export interface RequisitionRecord {
  id: string;
  created: number;
  redirect: string | null;
  institutionId: string;
  agreementId: string;
  reference: string;
  userLanguage: string;
  ssn?: string;
  accountSelection: boolean;
  redirectImmediate: boolean;
  consent: Consent;
  accountIds: string[];
  /** Why the end user refused, as the redirect reports it (`error`, `details`). */
  rejection?: { error: string; details: string };
  /** Who consented, when the caller named them (`completeRequisition`'s `user`). */
  endUser?: string;
}

export interface AccountRecord {
  id: string;
  created: number;
  lastAccessed: number;
  requisitionId: string;
  profile: AccountProfile;
}

export class SandboxState {
  // Maps keep insertion order, which the lists use (newest first).
  readonly agreements = new Map<string, AgreementRecord>();
  readonly requisitions = new Map<string, RequisitionRecord>();
  readonly accounts = new Map<string, AccountRecord>();
  /** Consents given per bank and end user (returning-user.ts); never forgotten but by `clear()`. */
  readonly consentCounts = new Map<string, number>();
  /** Requisitions created per calendar month (`YYYY-MM`, UTC), deleted ones included, for the quota. */
  readonly requisitionsByMonth = new Map<string, number>();
  private ids: Random;

  constructor(private readonly seed: string) {
    this.ids = seeded(seed, 'ids');
  }

  newId(): string {
    return randomUuid(this.ids);
  }

  /** Forgets everything and restarts the id stream. */
  clear(): void {
    this.agreements.clear();
    this.requisitions.clear();
    this.accounts.clear();
    this.consentCounts.clear();
    this.requisitionsByMonth.clear();
    this.ids = seeded(this.seed, 'ids');
  }

  findRequisitionByReference(reference: string): RequisitionRecord | undefined {
    for (const requisition of this.requisitions.values()) if (requisition.reference === reference) return requisition;
    return undefined;
  }

  /** Deletes a requisition with its agreement and the accounts it linked. */
  deleteRequisition(requisition: RequisitionRecord): void {
    this.requisitions.delete(requisition.id);
    this.agreements.delete(requisition.agreementId);
    for (const accountId of requisition.accountIds) this.accounts.delete(accountId);
  }
}

/**
 * When access under an agreement ends: `access_valid_for_days` after acceptance;
 * never while not accepted. An agreement made with `reconfirmation: true` also
 * pauses at the end of each reconfirmation period until the end user
 * reconfirms (flows/consent-rules.ts).
 */
export function agreementExpiry(agreement: AgreementRecord): number {
  if (agreement.accepted === null) return Infinity;
  const accessEnd = agreement.accepted + agreement.accessValidForDays * DAY_MS;
  if (!agreement.reconfirmation) return accessEnd;
  return Math.min(accessEnd, reconfirmationPeriodEnd(agreement.accepted, agreement.reconfirmationRecord?.lastSubmitted ?? undefined));
}

/**
 * CR until the end user answers; then RJ (rejected) or LN (linked), and EX once
 * the agreement behind a linked requisition has expired or was deleted.
 */
export function requisitionStatus(state: SandboxState, requisition: RequisitionRecord, now: number): 'CR' | 'LN' | 'RJ' | 'EX' {
  if (requisition.consent === 'pending') return 'CR';
  if (requisition.consent === 'rejected') return 'RJ';
  const agreement = state.agreements.get(requisition.agreementId);
  return !agreement || now >= agreementExpiry(agreement) ? 'EX' : 'LN';
}
