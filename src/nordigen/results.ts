/**
 * The results' types: the client's models, with the fields the API always fills
 * in marked present. The models leave them optional because the spec marks them
 * read-only (absent from requests), but in a response they are there, and apps
 * written against nordigen-node's `any` use them as they are
 * (`requisition.accounts[0]`, `client.token = pair.access`). Fields a response
 * may lack (an account's `iban`, `pending` transactions) stay optional.
 */
import type {
  Account,
  AccountBalance,
  EndUserAgreement,
  PaginatedEndUserAgreementList,
  PaginatedRequisitionList,
  Requisition,
  SpectacularJWTObtain,
  SpectacularJWTRefresh,
  SpectacularRequisition,
} from '../index';

/** `T` with the fields `K` present (a `null` the API may send stays possible). */
export type Present<T, K extends keyof T> = Omit<T, K> & { readonly [P in K]-?: Exclude<T[P], undefined> };

export type TokenPair = Present<SpectacularJWTObtain, 'access' | 'access_expires' | 'refresh' | 'refresh_expires'>;
export type AccessToken = Present<SpectacularJWTRefresh, 'access' | 'access_expires'>;
export type AgreementResult = Present<EndUserAgreement, 'id' | 'created' | 'accepted' | 'max_historical_days' | 'access_valid_for_days' | 'access_scope'>;
export type AgreementPage = Omit<PaginatedEndUserAgreementList, 'results'> & { results: AgreementResult[] };
export type RequisitionResult = Present<Requisition, 'id' | 'created' | 'status' | 'accounts' | 'link'>;
export type CreatedRequisition = Present<SpectacularRequisition, 'id' | 'created' | 'status' | 'accounts' | 'link'>;
export type RequisitionPage = Omit<PaginatedRequisitionList, 'results'> & { results: RequisitionResult[] };
export type AccountMetadata = Present<Account, 'id' | 'created' | 'status' | 'institution_id'>;
export type Balances = Present<AccountBalance, 'balances'>;
