/**
 * End-user agreements: create, list, get, delete, accept, and reconfirmation.
 *
 * Creating checks the body against the institution: `max_historical_days` up to
 * the institution's `transaction_total_days`, `access_valid_for_days` up to its
 * `max_access_valid_for_days` (both 1..730), `access_scope` a non-empty subset
 * of balances/details/transactions. Accepting answers as the API documents: 405
 * EUAAccepted when the agreement was already accepted (through this endpoint or by
 * the end user's consent), 403 InsufficientPermissions with `acceptanceEnabled: false`.
 */
import { isIP } from 'node:net';
import type { EndUserAgreement, ReconfirmationRetrieve } from '../../index';
import { iso, type Handler, type SandboxContext } from '../context';
import { documentedError } from '../documented-errors';
import { apiError } from '../errors';
import { findInstitution, type SandboxInstitution } from '../institutions';
import { paginate } from '../pagination';
import { ACCOUNT_SCOPES, DAY_MS, RECONFIRMATION_PERIOD_DAYS, RECONFIRMATION_WINDOW_DAYS, reconfirmationPeriodEnd, type AccountScope } from '../api-facts';
import type { AgreementRecord } from '../state';
import { BodyChecker, bodyObject } from '../validate';
import { agreementFromPath } from './lookup';

/** The API's words for the scopes it knows, as its field errors list them. */
const SCOPE_CHOICES = `Choose one or several from [${ACCOUNT_SCOPES.map((scope) => `'${scope}'`).join(', ')}]`;

export function presentAgreement(agreement: AgreementRecord): EndUserAgreement {
  return {
    id: agreement.id,
    created: iso(agreement.created),
    institution_id: agreement.institutionId,
    max_historical_days: agreement.maxHistoricalDays,
    access_valid_for_days: agreement.accessValidForDays,
    access_scope: [...agreement.accessScope],
    accepted: agreement.accepted === null ? null : iso(agreement.accepted),
    reconfirmation: agreement.reconfirmation,
  };
}

/** Stores a new agreement (the values are already checked). */
export function storeAgreement(
  sandbox: SandboxContext,
  values: Pick<AgreementRecord, 'institutionId' | 'maxHistoricalDays' | 'accessValidForDays' | 'accessScope' | 'reconfirmation'>,
): AgreementRecord {
  const agreement: AgreementRecord = { id: sandbox.state.newId(), created: sandbox.now(), accepted: null, ...values };
  sandbox.state.agreements.set(agreement.id, agreement);
  return agreement;
}

/** The defaults a requisition without an agreement gets: 90 days (or what the institution has), all scopes. */
export function defaultAgreementValues(institution: SandboxInstitution) {
  return {
    institutionId: institution.id,
    maxHistoricalDays: Math.min(90, institution.transactionTotalDays),
    accessValidForDays: Math.min(90, institution.maxAccessValidForDays),
    accessScope: [...ACCOUNT_SCOPES],
    reconfirmation: false,
  };
}

export const createAgreement: Handler = ({ sandbox, body }) => {
  const check = new BodyChecker(bodyObject(body));
  const institutionId = check.string('institution_id', { required: true });
  const maxHistoricalDays = check.integer('max_historical_days');
  const accessValidForDays = check.integer('access_valid_for_days');
  const scope = check.stringArray('access_scope');
  const reconfirmation = check.boolean('reconfirmation');

  const institution = institutionId ? findInstitution(institutionId) : undefined;
  if (institutionId && !institution) {
    check.fail('institution_id', `Unknown Institution ID ${institutionId}`, 'Get Institution IDs from /institutions/?country={$COUNTRY_CODE}');
  }
  const defaults = institution ? defaultAgreementValues(institution) : undefined;
  const days = (field: string, value: number | undefined, institutionMax: number | undefined) => {
    const max = Math.min(730, institutionMax ?? 730);
    if (value !== undefined && (value < 1 || value > max)) {
      check.fail(field, `Incorrect ${field}`, `${field} must be > 0 and <= ${max}${institution ? ` for ${institution.id}` : ''}`);
    }
  };
  days('max_historical_days', maxHistoricalDays, institution?.accepts?.historyDays ?? institution?.transactionTotalDays);
  days('access_valid_for_days', accessValidForDays, institution?.accepts?.accessDays ?? institution?.maxAccessValidForDays);
  if (reconfirmation && institution) {
    const problem = reconfirmationProblem(institution, accessValidForDays ?? defaultAgreementValues(institution).accessValidForDays);
    if (problem) check.fail('reconfirmation', problem.summary, problem.detail);
  }
  if (scope !== undefined) {
    const unknown = scope.find((value) => !(ACCOUNT_SCOPES as readonly string[]).includes(value));
    if (unknown !== undefined) check.fail('access_scope', `Unknown value '${unknown}' in access_scope`, SCOPE_CHOICES);
    else if (scope.length === 0) check.fail('access_scope', 'Empty access_scope', SCOPE_CHOICES);
  }
  check.done();

  const agreement = storeAgreement(sandbox, {
    ...defaults!,
    maxHistoricalDays: maxHistoricalDays ?? defaults!.maxHistoricalDays,
    accessValidForDays: accessValidForDays ?? defaults!.accessValidForDays,
    // Kept in the order given, without repeats.
    accessScope: scope ? ([...new Set(scope)] as AccountScope[]) : defaults!.accessScope,
    reconfirmation: reconfirmation ?? false,
  });
  return { status: 201, body: presentAgreement(agreement) };
};

export const listAgreements: Handler = ({ sandbox, query, path }) => {
  const newestFirst = [...sandbox.state.agreements.values()].reverse().map(presentAgreement);
  return { status: 200, body: paginate(newestFirst, query, `${sandbox.baseUrl()}${path}`) };
};

export const retrieveAgreement: Handler = (request) => ({ status: 200, body: presentAgreement(agreementFromPath(request)) });

/** Deleting an agreement leaves its requisition, which turns EX: its accounts can no longer be read. */
export const deleteAgreement: Handler = (request) => {
  const agreement = agreementFromPath(request);
  request.sandbox.state.agreements.delete(agreement.id);
  return { status: 200, body: { summary: 'End User Agreement deleted', detail: `End User Agreement ${agreement.id} deleted` } };
};

export const acceptAgreement: Handler = (request) => {
  const { sandbox, body } = request;
  const agreement = agreementFromPath(request);
  if (!sandbox.options.acceptanceEnabled) throw documentedError('InsufficientPermissions');
  const check = new BodyChecker(bodyObject(body));
  const userAgent = check.string('user_agent', { required: true });
  const ipAddress = check.string('ip_address', { required: true });
  if (ipAddress && isIP(ipAddress) === 0) check.fail('ip_address', 'Enter a valid IPv4 or IPv6 address.', `'${ipAddress}' is not an IP address.`);
  check.done();
  if (agreement.accepted !== null) throw documentedError('EUAAccepted');
  agreement.accepted = sandbox.now();
  agreement.acceptance = { userAgent: userAgent!, ipAddress: ipAddress! };
  return { status: 200, body: presentAgreement(agreement) };
};

function presentReconfirmation(sandbox: SandboxContext, agreement: AgreementRecord): ReconfirmationRetrieve {
  const record = agreement.reconfirmationRecord!;
  const requisition = agreement.requisitionId ? sandbox.state.requisitions.get(agreement.requisitionId) : undefined;
  // An empty string until the end user acts, as the published example shows it (the schema would allow null).
  const accounts: Record<string, { reconfirmed: string; rejected: string }> = {};
  for (const accountId of requisition?.accountIds ?? []) {
    accounts[accountId] = { reconfirmed: record.lastSubmitted === null ? '' : iso(record.lastSubmitted), rejected: '' };
  }
  return {
    reconfirmation_url: `${sandbox.baseUrl()}/psd2/reconfirm/${agreement.id}`,
    created: iso(record.created),
    url_valid_from: iso(record.validFrom),
    url_valid_to: iso(record.validTo),
    redirect: record.redirect,
    last_accessed: record.lastAccessed === null ? null : iso(record.lastAccessed),
    last_submitted: record.lastSubmitted === null ? null : iso(record.lastSubmitted),
    accounts,
  };
}

export const retrieveReconfirmation: Handler = (request) => {
  const agreement = agreementFromPath(request);
  if (!agreement.reconfirmationRecord) throw apiError(404, 'Not found.', `No reconfirmation was created for End User Agreement ${agreement.id}`);
  return { status: 200, body: presentReconfirmation(request.sandbox, agreement) };
};

/**
 * Reconfirmation exists for GB banks and for access over 90 days only (the
 * published spec's rules; the period and window live in flows/consent-rules.ts).
 */
function reconfirmationProblem(institution: SandboxInstitution, accessValidForDays: number): { summary: string; detail: string } | undefined {
  if (!institution.countries.includes('GB'))
    return { summary: 'Reconfirmation not supported', detail: `${institution.id} does not support reconfirmation (GB banks only)` };
  if (accessValidForDays <= RECONFIRMATION_PERIOD_DAYS) {
    return { summary: 'Reconfirmation is not allowed', detail: `Reconfirmation needs access_valid_for_days above ${RECONFIRMATION_PERIOD_DAYS} days` };
  }
  return undefined;
}

/**
 * Creates (or replaces) the reconfirmation link of an accepted agreement made
 * with `reconfirmation: true`, up to 14 days after the current period ended;
 * the link stays usable until then (or until access ends, if sooner).
 */
export const createReconfirmation: Handler = (request) => {
  const { sandbox, body } = request;
  const agreement = agreementFromPath(request);
  const check = new BodyChecker(bodyObject(body));
  const redirect = check.string('redirect', { nullable: true, maxLength: 1024, format: 'uri' });
  check.done();
  if (!agreement.reconfirmation) throw documentedError('ReconfirmationNotEnabled', { agreementId: agreement.id });
  if (agreement.accepted === null) throw documentedError('EUANeedsToBeAccepted', { agreementId: agreement.id });
  const now = sandbox.now();
  const accessEnd = agreement.accepted + agreement.accessValidForDays * DAY_MS;
  const periodEnd = reconfirmationPeriodEnd(agreement.accepted, agreement.reconfirmationRecord?.lastSubmitted ?? undefined);
  const lastChance = Math.min(accessEnd, periodEnd + RECONFIRMATION_WINDOW_DAYS * DAY_MS);
  if (now > lastChance) {
    throw apiError(
      400,
      'Reconfirmation requested after acceptance period.',
      `End User Agreement ${agreement.id} could be reconfirmed until ${iso(lastChance)}`,
    );
  }
  const requisition = agreement.requisitionId ? sandbox.state.requisitions.get(agreement.requisitionId) : undefined;
  if (!requisition || requisition.accountIds.length === 0) {
    throw apiError(
      400,
      'No accounts linked.',
      `Requisition ${agreement.requisitionId ?? '(none)'} of End User Agreement ${agreement.id} has no linked accounts to reconfirm`,
    );
  }
  agreement.reconfirmationRecord = {
    created: now,
    validFrom: now,
    validTo: lastChance,
    redirect: redirect ?? null,
    lastAccessed: null,
    // The period counts from the latest submission, so a replaced link keeps it.
    lastSubmitted: agreement.reconfirmationRecord?.lastSubmitted ?? null,
  };
  return { status: 201, body: presentReconfirmation(sandbox, agreement) };
};
