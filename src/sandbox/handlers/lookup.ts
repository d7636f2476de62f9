/**
 * Finding records by the id in the path. Agreement and requisition ids are
 * UUIDs: a malformed one is a 400 (those operations declare it), an unknown one
 * a 404. Account ids too are UUIDs; details, balances and transactions document
 * a 400 for a malformed one, while metadata documents none, so there any
 * account id that is not known - malformed or not - is a 404.
 */
import type { RequestContext } from '../context';
import { apiError } from '../errors';
import type { AccountRecord, AgreementRecord, RequisitionRecord } from '../state';
import { isUuid } from '../validate';

function uuidParam(request: RequestContext, kind: string): string {
  const id = request.params.id;
  // Summary as documented (the catalogue's InvalidID); the detail names the kind.
  if (!isUuid(id)) throw apiError(400, 'Invalid ID', `${id} is not a valid ${kind} UUID.`);
  return id.toLowerCase();
}

export function agreementFromPath(request: RequestContext): AgreementRecord {
  const id = uuidParam(request, 'EndUserAgreement');
  const agreement = request.sandbox.state.agreements.get(id);
  if (!agreement) throw apiError(404, 'Not found.', `End User Agreement ${id} not found`);
  return agreement;
}

export function requisitionFromPath(request: RequestContext): RequisitionRecord {
  const id = uuidParam(request, 'Requisition');
  const requisition = request.sandbox.state.requisitions.get(id);
  if (!requisition) throw apiError(404, 'Not found.', `Requisition ${id} not found`);
  return requisition;
}

export function accountFromPath(request: RequestContext): AccountRecord {
  const id = request.params.id;
  const account = request.sandbox.state.accounts.get(id.toLowerCase());
  if (!account) throw apiError(404, `Account ID ${id} not found`, 'Please check whether you specified a valid Account ID');
  return account;
}

/** The account of a data call (details, balances, transactions): a 400 for an id that is not a UUID. */
export function dataAccountFromPath(request: RequestContext): AccountRecord {
  const id = request.params.id;
  if (!isUuid(id)) throw apiError(400, 'Invalid Account ID', `Account ids are UUIDs, and ${JSON.stringify(id)} is not one.`);
  return accountFromPath(request);
}
