/**
 * Every operation of our OpenAPI document: method, path template (trailing slash included, as
 * the API requires) and handler. Matching a path that exists with another
 * method gives 405; a path that matches nothing gives 404.
 */
import type { Handler } from './context';
import { retrieveAccountBalances, retrieveAccountDetails, retrieveAccountMetadata, retrieveAccountTransactions } from './handlers/accounts';
import {
  acceptAgreement,
  createAgreement,
  createReconfirmation,
  deleteAgreement,
  listAgreements,
  retrieveAgreement,
  retrieveReconfirmation,
} from './handlers/agreements';
import { listInstitutionsHandler, retrieveInstitution } from './handlers/institutions';
import { createRequisition, deleteRequisition, listRequisitions, retrieveRequisition } from './handlers/requisitions';
import { obtainTokenPair, refreshAccessToken } from './handlers/tokens';

export interface Route {
  /** The operationId in our OpenAPI document. */
  operation: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  template: string;
  /** Token endpoints need no bearer token. (They are also spared injected faults; the server decides that by path.) */
  public: boolean;
  handler: Handler;
}

function route(method: Route['method'], template: string, operation: string, handler: Handler, isPublic = false): Route {
  return { operation, method, template, public: isPublic, handler };
}

export const ROUTES: readonly Route[] = [
  route('POST', '/api/v2/token/new/', 'Obtain new access/refresh token pair', obtainTokenPair, true),
  route('POST', '/api/v2/token/refresh/', 'Get a new access token', refreshAccessToken, true),
  route('GET', '/api/v2/institutions/', 'retrieve all supported Institutions in a given country', listInstitutionsHandler),
  route('GET', '/api/v2/institutions/{id}/', 'retrieve institution', retrieveInstitution),
  route('GET', '/api/v2/agreements/enduser/', 'retrieve all agreements', listAgreements),
  route('POST', '/api/v2/agreements/enduser/', 'create EUA', createAgreement),
  route('GET', '/api/v2/agreements/enduser/{id}/', 'retrieve EUA by id', retrieveAgreement),
  route('DELETE', '/api/v2/agreements/enduser/{id}/', 'delete EUA by id', deleteAgreement),
  route('PUT', '/api/v2/agreements/enduser/{id}/accept/', 'accept EUA', acceptAgreement),
  route('GET', '/api/v2/agreements/enduser/{id}/reconfirm/', 'Retrieve EUA reconfirmation', retrieveReconfirmation),
  route('POST', '/api/v2/agreements/enduser/{id}/reconfirm/', 'Create EUA reconfirmation', createReconfirmation),
  route('GET', '/api/v2/requisitions/', 'retrieve all requisitions', listRequisitions),
  route('POST', '/api/v2/requisitions/', 'Create requisition', createRequisition),
  route('GET', '/api/v2/requisitions/{id}/', 'requisition by id', retrieveRequisition),
  route('DELETE', '/api/v2/requisitions/{id}/', 'delete requisition by id', deleteRequisition),
  route('GET', '/api/v2/accounts/{id}/', 'retrieve account metadata', retrieveAccountMetadata),
  route('GET', '/api/v2/accounts/{id}/balances/', 'retrieve account balances', retrieveAccountBalances),
  route('GET', '/api/v2/accounts/{id}/details/', 'retrieve account details', retrieveAccountDetails),
  route('GET', '/api/v2/accounts/{id}/transactions/', 'retrieve account transactions', retrieveAccountTransactions),
];

const COMPILED = ROUTES.map((r) => ({
  route: r,
  pattern: new RegExp(`^${r.template.replace(/\{id\}/g, '([^/]+)')}$`),
}));

export type RouteMatch =
  { kind: 'found'; route: Route; params: Record<string, string> } | { kind: 'method-not-allowed'; allow: string[] } | { kind: 'not-found' };

export function matchRoute(method: string, path: string): RouteMatch {
  const allow: string[] = [];
  for (const { route: candidate, pattern } of COMPILED) {
    const match = pattern.exec(path);
    if (!match) continue;
    if (candidate.method === method) {
      let id: string;
      try {
        id = decodeURIComponent(match[1] ?? '');
      } catch {
        id = match[1] ?? '';
      }
      return { kind: 'found', route: candidate, params: match[1] === undefined ? {} : { id } };
    }
    allow.push(candidate.method);
  }
  return allow.length > 0 ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
}
