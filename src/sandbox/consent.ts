/**
 * The end user's side: the pages a browser reaches through a requisition's
 * `link` and an agreement's `reconfirmation_url`. The sandbox plays both the
 * consent screens and the bank:
 *
 *   GET /psd2/start/<requisition id>/<institution id>
 *     → while the requisition waits for consent, a page naming the bank and the
 *       access asked for (scopes, days of history, days of access), with
 *       Approve and Reject buttons; once answered, the redirect below again.
 *   POST /psd2/start/<requisition id>/<institution id>   decision=approve|reject
 *     → approve links the institution's accounts (CR → LN) and marks the
 *       agreement accepted; reject turns the requisition RJ. Either answers 303
 *       to `redirect` with `ref=<reference>` added to its query (plus `error`
 *       and `details` when rejected), or a 200 page when `redirect` is null.
 *       The first answer counts: answering again changes nothing.
 *   GET /psd2/start/<requisition id>/<institution id>/cancel
 *     → rejects at once, as the Reject button does.
 *   GET /psd2/reconfirm/<agreement id>
 *     → starts a new reconfirmation period (flows/consent-rules.ts) and
 *       redirects to the reconfirmation's `redirect` (a 200 page when it has
 *       none).
 *
 * These pages are not API endpoints: no token, no rate limit, no faults.
 */
import type { SandboxContext } from './context';
import { findInstitution } from './institutions';
import { consentProfiles } from './returning-user';
import type { RequisitionRecord } from './state';

export interface EndUser {
  userAgent: string;
  ipAddress: string;
}

export interface PageAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export class ConsentError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ConsentError';
  }
}

/**
 * Records the end user's answer to a requisition (the first answer counts) and
 * returns where their browser goes next: the requisition's `redirect` with
 * `ref` (plus `error` and `details` when rejected), or null without a redirect.
 */
export function answerRequisition(
  sandbox: SandboxContext,
  requisition: RequisitionRecord,
  reject: boolean,
  user: EndUser,
  answer: { rejection?: Partial<RequisitionRecord['rejection']>; endUser?: string } = {},
): string | null {
  const { state } = sandbox;
  if (requisition.consent === 'pending') {
    const agreement = state.agreements.get(requisition.agreementId);
    if (!agreement)
      throw new ConsentError(409, `End User Agreement ${requisition.agreementId} of requisition ${requisition.id} was deleted; create a new requisition.`);
    if (answer.endUser !== undefined) requisition.endUser = answer.endUser;
    if (reject) {
      requisition.consent = 'rejected';
      requisition.rejection = {
        error: answer.rejection?.error ?? 'UserCancelledSession',
        details: answer.rejection?.details ?? 'User cancelled the session.',
      };
    } else {
      const now = sandbox.now();
      const institution = findInstitution(requisition.institutionId)!;
      for (const profile of consentProfiles(state, sandbox.options.seed, institution, requisition.endUser)) {
        const id = state.newId();
        state.accounts.set(id, { id, created: now, lastAccessed: now, requisitionId: requisition.id, profile });
        requisition.accountIds.push(id);
      }
      requisition.consent = 'linked';
      if (agreement.accepted === null) {
        agreement.accepted = now;
        agreement.acceptance = user;
      }
    }
  }
  if (requisition.redirect === null) return null;
  const target = new URL(requisition.redirect);
  target.searchParams.set('ref', requisition.reference);
  if (requisition.consent === 'rejected' && requisition.rejection) {
    target.searchParams.set('error', requisition.rejection.error);
    target.searchParams.set('details', requisition.rejection.details);
  }
  return target.toString();
}

/** Text made safe inside HTML, attribute values included. */
function escape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(status: number, title: string, text: string, headers: Record<string, string> = {}, more = ''): PageAnswer {
  return {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1><p>${escape(text)}</p>${more}</body></html>`,
  };
}

function redirectOrPage(target: string | null, title: string, text: string, status = 302): PageAnswer {
  return target ? page(status, title, `Continue to ${target}`, { Location: target }) : page(200, title, text);
}

/** The consent screen: the bank, the access asked for, and the two answers (a form posting to the same link). */
function consentForm(sandbox: SandboxContext, requisition: RequisitionRecord, path: string): PageAnswer {
  const institution = findInstitution(requisition.institutionId)!;
  const agreement = sandbox.state.agreements.get(requisition.agreementId);
  const access = agreement
    ? `<ul><li>Data: ${escape(agreement.accessScope.join(', '))}</li>` +
      `<li>Transaction history: ${agreement.maxHistoricalDays} days</li>` +
      `<li>Access for: ${agreement.accessValidForDays} days</li></ul>`
    : '';
  const form =
    `${access}<form method="post" action="${escape(path)}">` +
    `<button type="submit" name="decision" value="approve">Approve</button> ` +
    `<button type="submit" name="decision" value="reject">Reject</button></form>`;
  return page(200, `Connect to ${institution.name}`, `${institution.name} (sandbox) asks you to share your account data with this app:`, {}, form);
}

/** A path segment decoded; one with invalid percent-encoding names nothing (so its link is not valid). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

/**
 * Answers a request for a consent or reconfirmation page; `path` starts with
 * `/psd2/`. `form` is the posted form of a POST (the consent page's buttons).
 */
export function consentPage(sandbox: SandboxContext, method: string, path: string, user: EndUser, form?: Record<string, unknown>): PageAnswer {
  const start = /^\/psd2\/start\/([^/]+)\/([^/]+?)(\/cancel)?\/?$/.exec(path);
  const reconfirm = /^\/psd2\/reconfirm\/([^/]+)\/?$/.exec(path);
  if (!start && !reconfirm) return page(404, 'Page not found', 'There is no such page.');
  const posting = start !== null && start[3] === undefined && method === 'POST';
  if (method !== 'GET' && !posting) return page(405, 'Method not allowed', 'Open this link in a browser.', { Allow: start && !start[3] ? 'GET, POST' : 'GET' });

  if (start) {
    const requisition = sandbox.state.requisitions.get(decodeSegment(start[1]).toLowerCase());
    if (!requisition || requisition.institutionId !== decodeSegment(start[2])) {
      return page(404, 'Link not valid', 'This consent link does not belong to any requisition (it may have been deleted).');
    }
    const decision = posting ? form?.decision : start[3] !== undefined ? 'reject' : undefined;
    if (posting && decision !== 'approve' && decision !== 'reject') return page(400, 'No answer', 'Choose Approve or Reject.');
    if (decision === undefined && requisition.consent === 'pending') return consentForm(sandbox, requisition, path);
    try {
      const target = answerRequisition(sandbox, requisition, decision === 'reject', user);
      // After a form's POST the browser must GET the next page (303); a GET link keeps its 302.
      const status = posting ? 303 : 302;
      if (requisition.consent === 'rejected') return redirectOrPage(target, 'Consent cancelled', 'No accounts were linked. You can close this window.', status);
      return redirectOrPage(target, 'Accounts linked', 'Your accounts are linked. You can close this window.', status);
    } catch (error) {
      if (error instanceof ConsentError) return page(error.status, 'Consent not possible', error.message);
      throw error;
    }
  }

  const agreement = sandbox.state.agreements.get(decodeSegment(reconfirm![1]).toLowerCase());
  const record = agreement?.reconfirmationRecord;
  const now = sandbox.now();
  if (!agreement || !record) return page(404, 'Link not valid', 'This reconfirmation link does not belong to any agreement.');
  if (now < record.validFrom || now >= record.validTo) return page(410, 'Link expired', 'This reconfirmation link is no longer valid.');
  record.lastAccessed = now;
  // A new reconfirmation period starts now; access still ends `access_valid_for_days` after acceptance.
  record.lastSubmitted = now;
  return redirectOrPage(record.redirect, 'Access reconfirmed', 'Access to your accounts was reconfirmed. You can close this window.');
}
