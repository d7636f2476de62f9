/**
 * What an account is, independent of the account id a requisition gave it.
 * A reconnect gives the same bank accounts new ids; apps key their own
 * accounts on this identity instead. Pure: no requests.
 *
 * The identity uses the first field the bank sends, in this order:
 *   1. `iban` → `iban:<IBAN>` (spaces removed, upper case);
 *   2. `bban` → `bban:<BBAN>` (same);
 *   3. `maskedPan` → `maskedPan:<masked PAN>:<currency>`;
 *   4. `ownerName` → `ownerName:<owner>|<product>|<currency>` (owner and
 *      product compared without case or extra spaces).
 */
import type { AccountDetail, DetailSchema } from '../../generated/models/index';

/** The field an identity was built from. */
export type IdentityField = 'iban' | 'bban' | 'maskedPan' | 'ownerName';

export interface IdentityCandidate {
  by: IdentityField;
  identity: string;
}

function compact(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/\s+/g, '').toUpperCase();
  return text === '' ? undefined : text;
}

function words(value: unknown): string {
  return typeof value === 'string' ? value.trim().replace(/\s+/g, ' ').toLowerCase() : '';
}

function accountOf(details: AccountDetail | DetailSchema, caller: string): DetailSchema {
  if (details === null || typeof details !== 'object') throw new TypeError(`${caller}: details must be the account details (or their \`account\`)`);
  const account = 'account' in details && details.account && typeof details.account === 'object' ? details.account : (details as DetailSchema);
  return account;
}

/** Every identity the details allow, most specific first (the first is `accountIdentity`). */
export function identityCandidates(details: AccountDetail | DetailSchema, caller = 'accountIdentity'): IdentityCandidate[] {
  const account = accountOf(details, caller);
  const currency = compact(account.currency) ?? '';
  const out: IdentityCandidate[] = [];
  const iban = compact(account.iban);
  if (iban) out.push({ by: 'iban', identity: `iban:${iban}` });
  const bban = compact(account.bban);
  if (bban) out.push({ by: 'bban', identity: `bban:${bban}` });
  const pan = compact(account.maskedPan);
  if (pan) out.push({ by: 'maskedPan', identity: `maskedPan:${pan}:${currency}` });
  const owner = words(account.ownerName);
  if (owner) out.push({ by: 'ownerName', identity: `ownerName:${owner}|${words(account.product)}|${currency}` });
  return out;
}

/** The field an identity string was built from, or undefined when it is not one. */
export function identityField(identity: string): IdentityField | undefined {
  const field = identity.slice(0, identity.indexOf(':'));
  return field === 'iban' || field === 'bban' || field === 'maskedPan' || field === 'ownerName' ? field : undefined;
}

/**
 * A stable string for the account the details describe, for an app to store
 * and key its own accounts on (see the file comment for the fields used).
 * Throws a `TypeError` when the details carry none of them.
 */
export function accountIdentity(details: AccountDetail | DetailSchema): string {
  const [first] = identityCandidates(details);
  if (!first) throw new TypeError('accountIdentity: the details carry no iban, bban, maskedPan or ownerName to identify the account by');
  return first.identity;
}
