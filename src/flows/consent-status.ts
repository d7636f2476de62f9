/**
 * Keeping consent alive: where a connection stands (so an app can warn its
 * users before access lapses), and starting a reconfirmation.
 */
import type { EndUserAgreement, ReconfirmationRetrieve, StatusEnum } from '../../generated/models/index';
import { NotFoundException } from '../errors';
import type { FlowClient } from './client';
import { consentTiming } from './consent-rules';

export interface ConsentStatusOptions {
  /** The moment to compute `daysLeft` and `reconfirmable` at (epoch ms or Date); default now. */
  now?: number | Date;
}

export interface ConsentStatus {
  /** The requisition's status (`LN` linked, `EX` expired, `CR` waiting, …). */
  status: StatusEnum | undefined;
  /** The linked account ids. */
  accounts: string[];
  /** The agreement behind the requisition. */
  agreement: EndUserAgreement;
  /** When access lapses unless the end user acts; `undefined` until the agreement is accepted. */
  expiresAt: Date | undefined;
  /** Whole days until `expiresAt`, rounded up (0 once passed); `undefined` until accepted. */
  daysLeft: number | undefined;
  /** Whether `reconfirm(agreement.id, …)` can extend access now. */
  reconfirmable: boolean;
}

function nowOf(value: unknown): number {
  if (value === undefined) return Date.now();
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new TypeError('consentStatus: now must be a Date or epoch milliseconds');
  return ms;
}

/**
 * Reads the requisition and its agreement (and, for an agreement made with
 * `reconfirmation: true`, its latest reconfirmation) and applies the rules of
 * `consent-rules.ts`. Two or three requests, none of them against an account's
 * daily limit.
 */
export async function consentStatus(client: FlowClient, requisitionId: string, options: ConsentStatusOptions = {}): Promise<ConsentStatus> {
  if (typeof requisitionId !== 'string' || requisitionId === '') throw new TypeError('consentStatus: requisitionId must be a non-empty string');
  const now = nowOf(options.now);
  const requisition = await client.requisitions.requisitionById({ id: requisitionId });
  if (!requisition.agreement) throw new TypeError(`consentStatus: requisition ${requisitionId} has no agreement`);
  const agreement = await client.agreements.retrieveEUAById({ id: requisition.agreement });
  let reconfirmation: ReconfirmationRetrieve | undefined;
  if (agreement.reconfirmation && agreement.accepted) {
    try {
      reconfirmation = await client.agreements.retrieveEUAReconfirmation({ id: requisition.agreement });
    } catch (error) {
      // None made yet.
      if (!(error instanceof NotFoundException)) throw error;
    }
  }
  return { status: requisition.status, accounts: [...(requisition.accounts ?? [])], agreement, ...consentTiming(agreement, reconfirmation, now) };
}

export interface ReconfirmOptions {
  /** Where the end user's browser goes after reconfirming; default the requisition's redirect. */
  redirect?: string;
}

export interface Reconfirmation {
  /** The page to send the end user to. */
  link: string;
  reconfirmation: ReconfirmationRetrieve;
}

/** Starts a reconfirmation of an agreement made with `reconfirmation: true`; the end user completes it at `link`. */
export async function reconfirm(client: FlowClient, agreementId: string, options: ReconfirmOptions = {}): Promise<Reconfirmation> {
  if (typeof agreementId !== 'string' || agreementId === '') throw new TypeError('reconfirm: agreementId must be a non-empty string');
  if (options.redirect !== undefined && (typeof options.redirect !== 'string' || options.redirect === ''))
    throw new TypeError('reconfirm: redirect must be a non-empty URL string');
  const reconfirmation = await client.agreements.createEUAReconfirmation({
    id: agreementId,
    body: options.redirect !== undefined ? { redirect: options.redirect } : {},
  });
  return { link: reconfirmation.reconfirmation_url!, reconfirmation };
}
