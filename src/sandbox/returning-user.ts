/**
 * An end user who connects the same bank again, as every user does once
 * consent ends. What the API does then, played here:
 *
 * - the same person's accounts: consent given for the same `user` (an option of
 *   `completeRequisition` and of `POST /_sandbox/requisitions/{id}/link`; one
 *   default user when none is named) links accounts with the same IBANs,
 *   owners and transactions, under new account ids;
 * - `internalTransactionId` is promised unique only within one account
 *   resource, so the sandbox re-issues it for each account id: the worst case
 *   the API allows, which apps' tests should meet. A bank's `transactionId` is
 *   the bank's own and stays (where the bank sends one at all);
 * - at Tidewater Bank (`TIDEWATER_TDWRGB2L`) the user's account set changes
 *   between connections: from the second consent of a user on, their third
 *   account is closed and a new one is open in its place.
 */
import { createHash } from 'node:crypto';
import { accountProfile, type AccountProfile } from './account-data';
import type { SandboxInstitution } from './institutions';
import type { SandboxState } from './state';

/** The bank whose account set changes between a user's connections. */
export const ACCOUNT_SET_BANK: SandboxInstitution = {
  id: 'TIDEWATER_TDWRGB2L',
  name: 'Tidewater Bank',
  bic: 'TDWRGB2L',
  countries: ['GB'],
  transactionTotalDays: 365,
  maxAccessValidForDays: 90,
  features: ['access_scopes', 'card_accounts', 'pending_transactions', 'private_accounts'],
  accounts: 3,
  currency: 'GBP',
  iban: { country: 'GB', bank: 'TDWR309634' },
};

/**
 * The profiles of the accounts a consent links for `user` at `institution`,
 * counting the consent (a user's consents per bank are counted until the
 * sandbox is reset).
 */
export function consentProfiles(state: SandboxState, seed: string, institution: SandboxInstitution, user: string | undefined): AccountProfile[] {
  const counter = `${institution.id}\u0000${user ?? ''}`;
  const earlier = state.consentCounts.get(counter) ?? 0;
  state.consentCounts.set(counter, earlier + 1);
  const positions = Array.from({ length: institution.accounts }, (_, index) => index);
  // The last account closed, a new one (the next position) opened.
  if (institution.id === ACCOUNT_SET_BANK.id && earlier > 0) positions[positions.length - 1] = institution.accounts;
  return positions.map((index) => accountProfile(seed, institution, index, user));
}

/** The `internalTransactionId` a row has under account resource `accountId` (32 hex digits, as the bank's). */
export function reissuedId(internalTransactionId: string, accountId: string): string {
  return createHash('sha256').update(`${accountId}\u0000${internalTransactionId}`).digest('hex').slice(0, 32);
}
