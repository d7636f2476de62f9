/**
 * The end user's side: the pages a browser reaches through a requisition's
 * `link` and an agreement's `reconfirmation_url`. The sandbox plays both the
 * consent screens and the bank, and the user always agrees at once:
 *
 *   GET /psd2/start/<requisition id>/<institution id>
 *     → links the institution's accounts (CR → LN), marks the agreement
 *       accepted, and answers 302 to `redirect` with `ref=<reference>` added to
 *       its query (a 200 page when `redirect` is null). Asking again changes
 *       nothing and redirects again: the first answer counts.
 *   GET /psd2/start/<requisition id>/<institution id>/cancel
 *     → plays an end user who cancels at the bank: the requisition turns RJ
 *       and the redirect carries `error` and `details` besides `ref`.
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
export function answerRequisition(sandbox: SandboxContext, requisition: RequisitionRecord, reject: boolean, user: EndUser): string | null {
  const { state } = sandbox;
  if (requisition.consent === 'pending') {
    const agreement = state.agreements.get(requisition.agreementId);
    if (!agreement)
      throw new ConsentError(409, `End User Agreement ${requisition.agreementId} of requisition ${requisition.id} was deleted; create a new requisition.`);
    if (reject) {
      requisition.consent = 'rejected';
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
  if (requisition.consent === 'rejected') {
    target.searchParams.set('error', 'UserCancelledSession');
    target.searchParams.set('details', 'User cancelled the session.');
  }
  return target.toString();
}

function page(status: number, title: string, text: string, headers: Record<string, string> = {}): PageAnswer {
  const escape = (value: string) => value.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers },
    body: `<!doctype html><html><head><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1><p>${escape(text)}</p></body></html>`,
  };
}

function redirectOrPage(target: string | null, title: string, text: string): PageAnswer {
  return target ? page(302, title, `Continue to ${target}`, { Location: target }) : page(200, title, text);
}

/** A path segment decoded; one with invalid percent-encoding names nothing (so its link is not valid). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

/** Answers a GET of a consent or reconfirmation page; `path` starts with `/psd2/`. */
export function consentPage(sandbox: SandboxContext, method: string, path: string, user: EndUser): PageAnswer {
  const start = /^\/psd2\/start\/([^/]+)\/([^/]+?)(\/cancel)?\/?$/.exec(path);
  const reconfirm = /^\/psd2\/reconfirm\/([^/]+)\/?$/.exec(path);
  if (!start && !reconfirm) return page(404, 'Page not found', 'There is no such page.');
  if (method !== 'GET') return page(405, 'Method not allowed', 'Open this link in a browser.', { Allow: 'GET' });

  if (start) {
    const requisition = sandbox.state.requisitions.get(decodeSegment(start[1]).toLowerCase());
    if (!requisition || requisition.institutionId !== decodeSegment(start[2])) {
      return page(404, 'Link not valid', 'This consent link does not belong to any requisition (it may have been deleted).');
    }
    try {
      const cancel = start[3] !== undefined;
      const target = answerRequisition(sandbox, requisition, cancel, user);
      if (requisition.consent === 'rejected') return redirectOrPage(target, 'Consent cancelled', 'No accounts were linked. You can close this window.');
      return redirectOrPage(target, 'Accounts linked', 'Your accounts are linked. You can close this window.');
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
