/**
 * After a reconnect: which of the new requisition's accounts are the ones the
 * app held before. The API gives the same bank accounts new ids, and once the
 * old agreement has expired their details can no longer be read, so the app
 * passes the identities it stored while access was valid
 * (`accountIdentity(details)`).
 *
 * A previous account matches a current one whose identity is the same; where
 * the bank now sends a field it did not before (an IBAN where the app stored a
 * BBAN), the stored identity is compared with the current account's other
 * identities too, the most specific first. Each current account matches at
 * most one previous account.
 */
import type { AccountDetail } from '../../generated/models/index';
import { identityCandidates, identityField, type IdentityField } from './account-identity';
import type { FlowClient } from './client';

export interface PreviousAccount {
  /** The account id under the old requisition. */
  id: string;
  /** `accountIdentity(details)`, stored while access was valid. */
  identity: string;
}

export interface CurrentAccount {
  /** The account id under the new requisition. */
  id: string;
  /** `accountIdentity(details)`: store it with the account. */
  identity: string;
  /** The details just read (owner, currency, and what the bank adds such as a card's credit limit). */
  details: AccountDetail;
}

export interface AccountMatch<P extends PreviousAccount> {
  /** The previous accounts found again, each with its current account and the identity field that matched. */
  matched: Array<{ previous: P; current: CurrentAccount; by: IdentityField }>;
  /** Previous accounts the new requisition does not have (closed, or not selected by the end user). */
  lost: P[];
  /** Current accounts that match no previous one. */
  added: CurrentAccount[];
}

function checkPrevious(previous: unknown): void {
  if (!Array.isArray(previous)) throw new TypeError('matchAccounts: previousAccounts must be an array of { id, identity }');
  previous.forEach((account: unknown, at) => {
    const { id, identity } = (account ?? {}) as { id?: unknown; identity?: unknown };
    if (typeof id !== 'string' || typeof identity !== 'string' || identityField(identity) === undefined) {
      throw new TypeError(`matchAccounts: previousAccounts[${at}] must be { id, identity } with identity from accountIdentity(details)`);
    }
  });
}

/**
 * Matches the accounts of `requisitionId` (which must be linked) to
 * `previousAccounts`; see the file comment. Reads the requisition, then each
 * current account's details: one call per account against its daily
 * `details` budget (never its `transactions` one).
 */
export async function matchAccounts<P extends PreviousAccount>(
  client: FlowClient,
  previousAccounts: readonly P[],
  requisitionId: string,
): Promise<AccountMatch<P>> {
  checkPrevious(previousAccounts);
  if (typeof requisitionId !== 'string' || requisitionId.trim() === '') throw new TypeError('matchAccounts: requisitionId must be a non-empty string');
  const requisition = await client.requisitions.requisitionById({ id: requisitionId });
  if (requisition.status !== 'LN') {
    throw new TypeError(
      `matchAccounts: requisition ${requisitionId} is not linked (status ${String(requisition.status)}); its accounts are known once it is LN`,
    );
  }
  const current: Array<CurrentAccount & { candidates: string[] }> = [];
  for (const id of requisition.accounts ?? []) {
    const details = await client.accounts.retrieveAccountDetails({ id });
    const candidates = identityCandidates(details, 'matchAccounts');
    current.push({ id, identity: candidates[0]?.identity ?? `account:${id}`, details, candidates: candidates.map((c) => c.identity) });
  }

  const used = new Set<number>();
  const matched: AccountMatch<P>['matched'] = [];
  const lost: P[] = [];
  const pending = [...previousAccounts];
  // First the accounts whose identity is unchanged, then those the bank now describes more specifically.
  for (const sameIdentityOnly of [true, false]) {
    for (const previous of [...pending]) {
      const at = current.findIndex(
        (account, index) => !used.has(index) && (sameIdentityOnly ? account.identity === previous.identity : account.candidates.includes(previous.identity)),
      );
      if (at < 0) continue;
      used.add(at);
      const { candidates: _candidates, ...account } = current[at];
      matched.push({ previous, current: account, by: identityField(previous.identity)! });
      pending.splice(pending.indexOf(previous), 1);
    }
  }
  lost.push(...pending);
  const added = current.filter((_, index) => !used.has(index)).map(({ candidates: _candidates, ...account }) => account);
  // In the order the app gave its accounts.
  matched.sort((a, b) => previousAccounts.indexOf(a.previous) - previousAccounts.indexOf(b.previous));
  return { matched, lost, added };
}
