/**
 * Requisitions: create (with the consent `link`), list, get, delete.
 *
 * Without an `agreement` a default one is made (90 days or the institution's
 * maximum, all scopes), as the API does. An agreement serves one requisition
 * and must be for the same institution. `reference` defaults to the
 * requisition's id and must be unique among the company's requisitions.
 * With `requisitionQuota` set, a creation past the month's quota is refused
 * (requisition-quota.ts).
 * Deleting a requisition deletes its agreement and unlinks its accounts.
 */
import type { Requisition } from '../../index';
import { iso, type Handler, type SandboxContext } from '../context';
import { findInstitution } from '../institutions';
import { paginate } from '../pagination';
import { spendRequisitionQuota } from '../requisition-quota';
import { agreementExpiry, requisitionStatus, type RequisitionRecord } from '../state';
import { BodyChecker, bodyObject } from '../validate';
import { defaultAgreementValues, storeAgreement } from './agreements';
import { requisitionFromPath } from './lookup';

/** The end user's consent page for a requisition (served by the sandbox itself). */
export function consentLink(sandbox: SandboxContext, requisition: RequisitionRecord): string {
  return `${sandbox.baseUrl()}/psd2/start/${requisition.id}/${encodeURIComponent(requisition.institutionId)}`;
}

export function presentRequisition(sandbox: SandboxContext, requisition: RequisitionRecord): Requisition {
  return {
    id: requisition.id,
    created: iso(requisition.created),
    redirect: requisition.redirect,
    status: requisitionStatus(sandbox.state, requisition, sandbox.now()),
    institution_id: requisition.institutionId,
    agreement: requisition.agreementId,
    reference: requisition.reference,
    accounts: [...requisition.accountIds],
    user_language: requisition.userLanguage,
    link: consentLink(sandbox, requisition),
    ...(requisition.ssn !== undefined ? { ssn: requisition.ssn } : {}),
    account_selection: requisition.accountSelection,
    redirect_immediate: requisition.redirectImmediate,
  };
}

export const createRequisition: Handler = ({ sandbox, body }) => {
  const { state } = sandbox;
  const check = new BodyChecker(bodyObject(body));
  const redirect = check.string('redirect', { required: true, nullable: true, maxLength: 1024, format: 'uri' });
  const institutionId = check.string('institution_id', { required: true });
  const agreementId = check.string('agreement', { format: 'uuid' })?.toLowerCase();
  const reference = check.string('reference', { minLength: 1, maxLength: 256 });
  const userLanguage = check.string('user_language', { minLength: 1, maxLength: 5 });
  const ssn = check.string('ssn', { maxLength: 64 });
  const accountSelection = check.boolean('account_selection');
  const redirectImmediate = check.boolean('redirect_immediate');

  const institution = institutionId ? findInstitution(institutionId) : undefined;
  if (institutionId && !institution) {
    check.fail('institution_id', `Unknown Institution ID ${institutionId}`, 'Get Institution IDs from /institutions/?country={$COUNTRY_CODE}');
  }
  if (institution && accountSelection && !institution.features.includes('account_selection')) {
    check.fail('account_selection', 'Account selection not supported', `${institution.id} does not support account selection`);
  }
  if (institution && ssn !== undefined && !institution.features.includes('ssn_verification')) {
    check.fail('ssn', 'SSN verification not supported', `${institution.id} does not support SSN verification`);
  }
  if (agreementId) {
    const agreement = state.agreements.get(agreementId);
    if (!agreement) {
      check.fail('agreement', 'Unknown End User Agreement', `End User Agreement ${agreementId} not found`);
    } else if (institution && agreement.institutionId !== institution.id) {
      check.fail(
        'agreement',
        'Institution mismatch',
        `Provided institution_id ${institution.id} differs from ${agreement.institutionId} of End User Agreement ${agreementId}`,
      );
    } else if (agreement.requisitionId !== undefined) {
      check.fail('agreement', 'End User Agreement in use', `End User Agreement ${agreementId} is already used by requisition ${agreement.requisitionId}`);
    } else if (sandbox.now() >= agreementExpiry(agreement)) {
      check.fail('agreement', 'End User Agreement expired', `End User Agreement ${agreementId} has expired`);
    }
  }
  if (reference !== undefined && state.findRequisitionByReference(reference)) {
    check.fail('reference', `Client reference '${reference}' already exists`, 'Provide a unique reference for each requisition');
  }
  check.done();
  spendRequisitionQuota(sandbox);

  const agreement = agreementId ? state.agreements.get(agreementId)! : storeAgreement(sandbox, defaultAgreementValues(institution!));
  const id = state.newId();
  const requisition: RequisitionRecord = {
    id,
    created: sandbox.now(),
    redirect: redirect ?? null,
    institutionId: institution!.id,
    agreementId: agreement.id,
    reference: reference ?? id,
    // Echoed as sent, as the API does.
    userLanguage: userLanguage ?? 'EN',
    ...(ssn !== undefined ? { ssn } : {}),
    accountSelection: accountSelection ?? false,
    redirectImmediate: redirectImmediate ?? false,
    consent: 'pending',
    accountIds: [],
  };
  agreement.requisitionId = id;
  state.requisitions.set(id, requisition);
  return { status: 201, body: presentRequisition(sandbox, requisition) };
};

export const listRequisitions: Handler = ({ sandbox, query, path }) => {
  const newestFirst = [...sandbox.state.requisitions.values()].reverse().map((requisition) => presentRequisition(sandbox, requisition));
  return { status: 200, body: paginate(newestFirst, query, `${sandbox.baseUrl()}${path}`) };
};

export const retrieveRequisition: Handler = (request) => ({ status: 200, body: presentRequisition(request.sandbox, requisitionFromPath(request)) });

export const deleteRequisition: Handler = (request) => {
  const requisition = requisitionFromPath(request);
  request.sandbox.state.deleteRequisition(requisition);
  return { status: 200, body: { summary: 'Requisition deleted', detail: `Requisition ${requisition.id} deleted with all its End User Agreements` } };
};
