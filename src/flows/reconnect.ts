/**
 * Connecting again once consent has ended, without spending a requisition
 * where none is needed (each one counts against the company's quota).
 *
 * `reconnect` reads the old requisition and then:
 * - linked (`LN`): access is still valid; it says so, with `expiresAt`;
 * - still waiting for the end user (`CR`, `GC`, `UA`, `SA`, `GA`): its link is
 *   returned again;
 * - otherwise it looks for an earlier reconnect of the same connection: a
 *   requisition at the same institution whose `reference` is the connection's
 *   reference followed by `~<n>` (the old requisition's reference without such
 *   an ending, unless `reference` is given). One still waiting is returned
 *   instead of a new one; one already linked means the reconnect is done (it
 *   says so). Finding them walks the requisitions list (one request per 100
 *   requisitions, none against an account's limit).
 * - else it connects again (`connect`) to the same institution, with the old
 *   agreement's history, access days, scope and reconfirmation (or `'max'`),
 *   and the reference `<reference>~<n+1>`, the next free number.
 */
import type { EndUserAgreement, Requisition } from '../../generated/models/index';
import { BadRequestException, NotFoundException } from '../errors';
import type { FlowClient } from './client';
import { connect, type ConnectOptions, type Connection } from './connect';
import { consentStatus } from './consent-status';
import { iterate } from './pages';

/** Statuses of a requisition whose end user has not answered yet. */
const WAITING = new Set(['CR', 'GC', 'UA', 'SA', 'GA']);

export interface ReconnectOptions {
  /** Where the end user's browser returns after the bank, with `?ref=`. */
  redirect: string;
  /**
   * Your id for this connection. The new requisition's reference is
   * `<reference>~<n>`; default: the old requisition's reference without a
   * `~<n>` ending.
   */
  reference?: string;
  /**
   * `'previous'` (default): the old agreement's `max_historical_days`,
   * `access_valid_for_days`, `access_scope` and `reconfirmation`; `'max'`: the
   * most the bank allows now, all scopes (also used when the old agreement was
   * deleted).
   */
  limits?: 'previous' | 'max';
}

export type Reconnection =
  | {
      /** Access under `requisition` is still valid: nothing to do until `expiresAt`. */
      stillValid: true;
      expiresAt: Date | undefined;
      /** The old requisition, or an earlier reconnect that was already linked. */
      requisition: Requisition;
    }
  | (Connection & {
      stillValid: false;
      /** True when `link` is that of a requisition still waiting for the end user, not a new one. */
      reused: boolean;
    });

/** `reference` without a `~<n>` ending, and that `n` (1 without one). */
export function splitReference(reference: string): { base: string; number: number } {
  const match = /^(.*)~(\d+)$/.exec(reference);
  return match && match[1] !== '' ? { base: match[1], number: Number(match[2]) } : { base: reference, number: 1 };
}

function checkOptions(requisitionId: unknown, options: ReconnectOptions): void {
  if (typeof requisitionId !== 'string' || requisitionId.trim() === '') throw new TypeError('reconnect: requisitionId must be a non-empty string');
  if (options === null || typeof options !== 'object') throw new TypeError('reconnect: options must be { redirect, reference?, limits? }');
  if (typeof options.redirect !== 'string' || options.redirect === '') throw new TypeError('reconnect: redirect must be a non-empty URL string');
  if (options.reference !== undefined && (typeof options.reference !== 'string' || options.reference === ''))
    throw new TypeError('reconnect: reference must be a non-empty string');
  if (options.limits !== undefined && options.limits !== 'previous' && options.limits !== 'max')
    throw new TypeError(`reconnect: limits must be 'previous' or 'max', got ${JSON.stringify(options.limits)}`);
}

async function stillValid(client: FlowClient, requisition: Requisition): Promise<Reconnection> {
  const status = await consentStatus(client, requisition.id!);
  return { stillValid: true, expiresAt: status.expiresAt, requisition };
}

async function reuse(client: FlowClient, requisition: Requisition): Promise<Reconnection> {
  const agreement = await client.agreements.retrieveEUAById({ id: requisition.agreement! });
  return { stillValid: false, reused: true, link: requisition.link!, requisition: requisition, agreement };
}

/** The limits of the old agreement, or `'max'` when asked or when it is gone. */
async function limitsOf(client: FlowClient, old: Requisition, limits: 'previous' | 'max'): Promise<Partial<ConnectOptions>> {
  if (limits === 'max' || !old.agreement) return {};
  let agreement: EndUserAgreement;
  try {
    agreement = await client.agreements.retrieveEUAById({ id: old.agreement });
  } catch (error) {
    if (error instanceof NotFoundException) return {};
    throw error;
  }
  return {
    ...(agreement.max_historical_days !== undefined ? { max_historical_days: agreement.max_historical_days } : {}),
    ...(agreement.access_valid_for_days !== undefined ? { access_valid_for_days: agreement.access_valid_for_days } : {}),
    ...(agreement.access_scope?.length ? { access_scope: agreement.access_scope as ConnectOptions['access_scope'] } : {}),
    ...(agreement.reconfirmation !== undefined ? { reconfirmation: agreement.reconfirmation } : {}),
  };
}

/** Earlier reconnects of the connection `base` at `institution`: the newest linked or waiting one, and the highest number used. */
async function earlier(client: FlowClient, old: Requisition, base: string): Promise<{ linked?: Requisition; waiting?: Requisition; highest: number }> {
  const found: { linked?: Requisition; waiting?: Requisition; highest: number } = { highest: 1 };
  for await (const requisition of iterate(client, 'requisitions')) {
    if (requisition.institution_id !== old.institution_id || typeof requisition.reference !== 'string') continue;
    const { base: itsBase, number } = splitReference(requisition.reference);
    if (itsBase !== base) continue;
    found.highest = Math.max(found.highest, number);
    if (requisition.id === old.id) continue;
    // Newest first, so the first of each kind is the latest.
    if (requisition.status === 'LN') found.linked ??= requisition;
    else if (requisition.status !== undefined && WAITING.has(requisition.status)) found.waiting ??= requisition;
  }
  return found;
}

/**
 * Starts a new connection to the same institution as `requisitionId`, or says
 * why none is needed; see the file comment for the steps and their requests.
 */
export async function reconnect(client: FlowClient, requisitionId: string, options: ReconnectOptions): Promise<Reconnection> {
  checkOptions(requisitionId, options);
  const old = await client.requisitions.requisitionById({ id: requisitionId });
  if (old.status === 'LN') return stillValid(client, old);
  if (old.status !== undefined && WAITING.has(old.status)) return reuse(client, old);

  const { base } = splitReference(options.reference ?? old.reference ?? old.id!);
  const limits = await limitsOf(client, old, options.limits ?? 'previous');
  // A second try only when another reconnect took the same reference meanwhile: it is then found and reused.
  for (let attempt = 1; ; attempt++) {
    const { linked, waiting, highest } = await earlier(client, old, base);
    if (linked) return stillValid(client, linked);
    if (waiting) return reuse(client, waiting);
    try {
      const connection = await connect(client, {
        institution_id: old.institution_id,
        redirect: options.redirect,
        reference: `${base}~${highest + 1}`,
        ...limits,
        ...(old.user_language ? { user_language: old.user_language } : {}),
      });
      return { ...connection, stillValid: false, reused: false };
    } catch (error) {
      if (attempt >= 2 || !(error instanceof BadRequestException) || !/reference/i.test(error.body)) throw error;
    }
  }
}
