// @ts-check
'use strict';
/**
 * The walk through every operation of the client against the sandbox, with real
 * state: a token pair, the institutions, an agreement (created, listed, read,
 * accepted), a requisition on it that the end user completes through the
 * sandbox, the linked account's data, the agreement's reconfirmation, then both
 * deleted. Each step names the client method, the operation it must reach, the
 * arguments, and the path and query the client must send for them.
 */

const DAY_MS = 86_400_000;

/**
 * What the walk learns as it goes; a step reads what earlier steps kept.
 * @typedef {object} Walk
 * @property {{ secretId: string, secretKey: string }} credentials the sandbox's
 * @property {string} institutionId
 * @property {{ completeRequisition(id: string): Promise<unknown> }} sandbox the sandbox's own object, to play the end user
 * @property {string} today the sandbox's date (YYYY-MM-DD)
 * @property {string} [refresh]
 * @property {string} [agreementId]
 * @property {string} [requisitionId]
 * @property {string} [accountId]
 */

/**
 * @typedef {object} Step
 * @property {string} name the client method an app calls: `<api>.<method>`
 * @property {'GET' | 'POST' | 'PUT' | 'DELETE'} method
 * @property {string} template the path template of the operation it must reach
 * @property {(walk: Walk) => Record<string, unknown>} args
 * @property {(walk: Walk) => string} sent path and query exactly as they must be sent
 * @property {(walk: Walk) => Promise<unknown>} [before] plays the end user or the bank, through the sandbox's object
 * @property {(result: any, walk: Walk) => void} [after] keeps what later steps need
 */

/**
 * A value an earlier step should have kept; throws, naming it, when that step failed.
 * @template {keyof Walk} K
 * @param {Walk} walk
 * @param {K} key
 * @returns {NonNullable<Walk[K]>}
 */
function need(walk, key) {
  const value = walk[key];
  if (value === undefined || value === null) throw new Error(`no ${key}: an earlier step did not provide it`);
  return /** @type {NonNullable<Walk[K]>} */ (value);
}

/** @param {number} ms */
const isoDate = (ms) => new Date(ms).toISOString().slice(0, 10);

const REDIRECT = 'https://app.example.com/callback';

/** @type {Step[]} */
const JOURNEY = [
  {
    name: 'token.obtainNewAccessRefreshTokenPair',
    method: 'POST',
    template: '/api/v2/token/new/',
    args: (w) => ({ body: { secret_id: w.credentials.secretId, secret_key: w.credentials.secretKey } }),
    sent: () => '/api/v2/token/new/',
    after: (pair, w) => {
      w.refresh = pair.refresh;
    },
  },
  {
    name: 'token.getANewAccessToken',
    method: 'POST',
    template: '/api/v2/token/refresh/',
    args: (w) => ({ body: { refresh: need(w, 'refresh') } }),
    sent: () => '/api/v2/token/refresh/',
  },
  {
    name: 'institutions.retrieveAllSupportedInstitutionsInAGivenCountry',
    method: 'GET',
    template: '/api/v2/institutions/',
    args: () => ({ access_scopes_supported: 'true', country: 'GB', pending_transactions_supported: 'true' }),
    sent: () => '/api/v2/institutions/?access_scopes_supported=true&country=GB&pending_transactions_supported=true',
  },
  {
    name: 'institutions.retrieveInstitution',
    method: 'GET',
    template: '/api/v2/institutions/{id}/',
    args: (w) => ({ id: w.institutionId }),
    sent: (w) => `/api/v2/institutions/${w.institutionId}/`,
  },
  {
    name: 'agreements.createEUA',
    method: 'POST',
    template: '/api/v2/agreements/enduser/',
    // Reconfirmation, for the reconfirmation steps below: a GB bank and access over 90 days.
    args: (w) => ({
      body: {
        institution_id: w.institutionId,
        max_historical_days: 90,
        access_valid_for_days: 180,
        access_scope: ['balances', 'details', 'transactions'],
        reconfirmation: true,
      },
    }),
    sent: () => '/api/v2/agreements/enduser/',
    after: (agreement, w) => {
      w.agreementId = agreement.id;
    },
  },
  {
    name: 'agreements.retrieveAllAgreements',
    method: 'GET',
    template: '/api/v2/agreements/enduser/',
    args: () => ({ limit: 10, offset: 0 }),
    sent: () => '/api/v2/agreements/enduser/?limit=10&offset=0',
  },
  {
    name: 'agreements.retrieveEUAById',
    method: 'GET',
    template: '/api/v2/agreements/enduser/{id}/',
    args: (w) => ({ id: need(w, 'agreementId') }),
    sent: (w) => `/api/v2/agreements/enduser/${w.agreementId}/`,
  },
  {
    name: 'agreements.acceptEUA',
    method: 'PUT',
    template: '/api/v2/agreements/enduser/{id}/accept/',
    args: (w) => ({ id: need(w, 'agreementId'), body: { user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/132.0', ip_address: '203.0.113.7' } }),
    sent: (w) => `/api/v2/agreements/enduser/${w.agreementId}/accept/`,
  },
  {
    name: 'requisitions.createRequisition',
    method: 'POST',
    template: '/api/v2/requisitions/',
    args: (w) => ({
      body: { redirect: REDIRECT, institution_id: w.institutionId, agreement: need(w, 'agreementId'), reference: 'smoke-1', user_language: 'EN' },
    }),
    sent: () => '/api/v2/requisitions/',
    after: (requisition, w) => {
      w.requisitionId = requisition.id;
    },
  },
  {
    name: 'requisitions.retrieveAllRequisitions',
    method: 'GET',
    template: '/api/v2/requisitions/',
    args: () => ({ limit: 10, offset: 0 }),
    sent: () => '/api/v2/requisitions/?limit=10&offset=0',
  },
  {
    name: 'requisitions.requisitionById',
    method: 'GET',
    template: '/api/v2/requisitions/{id}/',
    // The end user consents at the bank, as a browser on the requisition's link would.
    before: (w) => w.sandbox.completeRequisition(need(w, 'requisitionId')),
    args: (w) => ({ id: need(w, 'requisitionId') }),
    sent: (w) => `/api/v2/requisitions/${w.requisitionId}/`,
    after: (requisition, w) => {
      w.accountId = (requisition.accounts || [])[0];
    },
  },
  {
    name: 'accounts.retrieveAccountMetadata',
    method: 'GET',
    template: '/api/v2/accounts/{id}/',
    args: (w) => ({ id: need(w, 'accountId') }),
    sent: (w) => `/api/v2/accounts/${w.accountId}/`,
  },
  {
    name: 'accounts.retrieveAccountBalances',
    method: 'GET',
    template: '/api/v2/accounts/{id}/balances/',
    args: (w) => ({ id: need(w, 'accountId') }),
    sent: (w) => `/api/v2/accounts/${w.accountId}/balances/`,
  },
  {
    name: 'accounts.retrieveAccountDetails',
    method: 'GET',
    template: '/api/v2/accounts/{id}/details/',
    args: (w) => ({ id: need(w, 'accountId') }),
    sent: (w) => `/api/v2/accounts/${w.accountId}/details/`,
  },
  {
    name: 'accounts.retrieveAccountTransactions',
    method: 'GET',
    template: '/api/v2/accounts/{id}/transactions/',
    args: (w) => ({ id: need(w, 'accountId'), date_from: isoDate(Date.parse(w.today) - 30 * DAY_MS), date_to: w.today }),
    sent: (w) => `/api/v2/accounts/${w.accountId}/transactions/?date_from=${isoDate(Date.parse(w.today) - 30 * DAY_MS)}&date_to=${w.today}`,
  },
  {
    name: 'agreements.createEUAReconfirmation',
    method: 'POST',
    template: '/api/v2/agreements/enduser/{id}/reconfirm/',
    args: (w) => ({ id: need(w, 'agreementId'), body: { redirect: 'https://app.example.com/reconfirmed' } }),
    sent: (w) => `/api/v2/agreements/enduser/${w.agreementId}/reconfirm/`,
  },
  {
    name: 'agreements.retrieveEUAReconfirmation',
    method: 'GET',
    template: '/api/v2/agreements/enduser/{id}/reconfirm/',
    args: (w) => ({ id: need(w, 'agreementId') }),
    sent: (w) => `/api/v2/agreements/enduser/${w.agreementId}/reconfirm/`,
  },
  {
    // Leaves the requisition expired (EX), which can still be deleted next.
    name: 'agreements.deleteEUAById',
    method: 'DELETE',
    template: '/api/v2/agreements/enduser/{id}/',
    args: (w) => ({ id: need(w, 'agreementId') }),
    sent: (w) => `/api/v2/agreements/enduser/${w.agreementId}/`,
  },
  {
    name: 'requisitions.deleteRequisitionById',
    method: 'DELETE',
    template: '/api/v2/requisitions/{id}/',
    args: (w) => ({ id: need(w, 'requisitionId') }),
    sent: (w) => `/api/v2/requisitions/${w.requisitionId}/`,
  },
];

module.exports = { JOURNEY, isoDate };
