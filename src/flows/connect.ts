/**
 * Connecting a bank: the end-user agreement with the limits the bank allows,
 * then the requisition whose `link` the end user opens.
 *
 * `'max'` (the default for both limits) reads the institution's
 * `transaction_total_days` and `max_access_valid_for_days`. Some banks accept
 * less than they advertise: when agreement creation answers 400 with a field
 * error on a limit that came from `'max'`, and that error states a lower limit,
 * the agreement is created once more with it. Nothing else is retried here: a
 * temporary failure must not shorten a user's consent (the client's own retry
 * policy still applies to each call).
 */
import type { EndUserAgreement, SpectacularRequisition } from '../../generated/models/index';
import { ACCOUNT_DATA_SCOPES, type AccountDataScope } from '../account-data';
import { ApiException, type FieldError } from '../errors';
import type { FlowClient } from './client';

/** The API's upper bound for both limits, and its default when an institution does not say. */
const API_MAX_DAYS = 730;
const API_DEFAULT_DAYS = 90;

export interface ConnectOptions {
  /** The bank (`GET /institutions/`). */
  institution_id: string;
  /** Where the end user's browser returns after the bank, with `?ref=` (see `parseConsentCallback`). */
  redirect: string;
  /** Your id for this connection (unique per requisition); comes back as `ref`. */
  reference?: string;
  /** Default all three: balances, details, transactions. */
  access_scope?: AccountDataScope[];
  /** Days of history; `'max'` (default) is the most the bank allows. */
  max_historical_days?: number | 'max';
  /** Days the access lasts after consent; `'max'` (default) is the most the bank allows. */
  access_valid_for_days?: number | 'max';
  /** Whether the agreement can be reconfirmed to extend access (GB banks, access over 90 days). Default false. */
  reconfirmation?: boolean;
  user_language?: string;
  account_selection?: boolean;
  redirect_immediate?: boolean;
}

export interface Connection {
  /** The consent page to send the end user to. */
  link: string;
  requisition: SpectacularRequisition;
  agreement: EndUserAgreement;
}

type Limit = 'max_historical_days' | 'access_valid_for_days';

function checkDays(name: Limit, value: unknown): number | 'max' {
  if (value === undefined || value === 'max') return 'max';
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > API_MAX_DAYS) {
    throw new TypeError(`connect: ${name} must be 'max' or a whole number of days from 1 to ${API_MAX_DAYS}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function checkOptions(options: ConnectOptions): void {
  if (options === null || typeof options !== 'object') throw new TypeError('connect: options must be an object');
  if (typeof options.institution_id !== 'string' || options.institution_id.trim() === '')
    throw new TypeError('connect: institution_id must be a non-empty string');
  if (typeof options.redirect !== 'string' || options.redirect === '') throw new TypeError('connect: redirect must be a non-empty URL string');
  if (options.reference !== undefined && (typeof options.reference !== 'string' || options.reference === ''))
    throw new TypeError('connect: reference must be a non-empty string');
}

/** A limit as the institution states it (a numeric string), within the API's bounds. */
function institutionDays(value: unknown): number {
  const days = Number(value);
  return Number.isInteger(days) && days >= 1 ? Math.min(days, API_MAX_DAYS) : API_DEFAULT_DAYS;
}

/**
 * The limit a 400's field errors (`ApiException.fieldErrors`) state for `field`,
 * if any, in both wordings: "… <= 540 …" and "… transaction_total_days (540)".
 */
export function statedLimit(fieldErrors: Record<string, FieldError> | undefined, field: Limit): number | undefined {
  const error = fieldErrors?.[field];
  for (const entry of error?.errors ?? (error ? [error] : [])) {
    for (const text of [entry.detail, entry.summary]) {
      if (text === undefined) continue;
      const match = /\((\d+)\)\s*\.?\s*$/.exec(text) ?? /<=\s*(\d+)\b/.exec(text);
      if (match) return Number(match[1]);
    }
  }
  return undefined;
}

/** Creates the agreement and the requisition; see the file comment for how `'max'` is resolved. */
export async function connect(client: FlowClient, options: ConnectOptions): Promise<Connection> {
  checkOptions(options);
  const wanted = {
    max_historical_days: checkDays('max_historical_days', options.max_historical_days),
    access_valid_for_days: checkDays('access_valid_for_days', options.access_valid_for_days),
  };
  const limits = { max_historical_days: 0, access_valid_for_days: 0 };
  if (wanted.max_historical_days === 'max' || wanted.access_valid_for_days === 'max') {
    const institution = await client.institutions.retrieveInstitution({ id: options.institution_id });
    limits.max_historical_days = institutionDays(institution.transaction_total_days);
    limits.access_valid_for_days = institutionDays(institution.max_access_valid_for_days);
  }
  const days = {
    max_historical_days: wanted.max_historical_days === 'max' ? limits.max_historical_days : wanted.max_historical_days,
    access_valid_for_days: wanted.access_valid_for_days === 'max' ? limits.access_valid_for_days : wanted.access_valid_for_days,
  };
  const createAgreement = () =>
    client.agreements.createEUA({
      body: {
        institution_id: options.institution_id,
        ...days,
        access_scope: options.access_scope ?? [...ACCOUNT_DATA_SCOPES],
        ...(options.reconfirmation !== undefined ? { reconfirmation: options.reconfirmation } : {}),
      },
    });

  let agreement: EndUserAgreement;
  try {
    agreement = await createAgreement();
  } catch (error) {
    if (!(error instanceof ApiException) || error.status !== 400) throw error;
    let lowered = false;
    for (const field of ['max_historical_days', 'access_valid_for_days'] as const) {
      if (wanted[field] !== 'max') continue;
      const limit = statedLimit(error.fieldErrors, field);
      if (limit !== undefined && limit >= 1 && limit < days[field]) {
        days[field] = limit;
        lowered = true;
      }
    }
    if (!lowered) throw error;
    agreement = await createAgreement();
  }

  let requisition: SpectacularRequisition;
  try {
    requisition = await client.requisitions.createRequisition({
      body: {
        redirect: options.redirect,
        institution_id: options.institution_id,
        agreement: agreement.id,
        ...(options.reference !== undefined ? { reference: options.reference } : {}),
        ...(options.user_language !== undefined ? { user_language: options.user_language } : {}),
        ...(options.account_selection !== undefined ? { account_selection: options.account_selection } : {}),
        ...(options.redirect_immediate !== undefined ? { redirect_immediate: options.redirect_immediate } : {}),
      },
    });
  } catch (error) {
    // An agreement without a requisition is of no use; remove it, and report the requisition's failure.
    await client.agreements.deleteEUAById({ id: agreement.id! }).catch(() => undefined);
    throw error;
  }
  return { link: requisition.link!, requisition, agreement };
}
