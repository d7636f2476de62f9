export { BankAccountDataClient } from './client';
export { BankAccountDataCore } from './core';
export type { CoreOptions } from './core';
export { DEFAULT_BASE_URL } from './configuration';
export type { ClientOptions, Logger, RateLimitContext } from './configuration';
export type { TokenSet } from './auth/token-manager';
export {
  ApiException,
  AbortedException,
  AuthenticationException,
  BadRequestException,
  ConflictException,
  ConnectionException,
  InvalidResponseException,
  NotFoundException,
  PermissionDeniedException,
  RateLimitException,
  RequiredError,
  ResponseTooLargeException,
  ServerException,
  TimeoutException,
} from './errors';
export type { FieldError } from './errors';
export { ERROR_CATALOGUE, classifyError } from './error-codes';
export type { CatalogueEntry, ErrorClassification, ErrorCode, KnownErrorCode } from './error-codes';
export { parseRateLimit } from './rate-limit';
export { createMemoryStore } from './store/memory';
export { LOCK_TTL_MS, STORE_CALL_TIMEOUT_MS } from './store/types';
export type { AccountBudget, BudgetScope, ClientStore, StoredTokens } from './store/types';
export {
  ConsentError,
  ConsentExpiredError,
  ConsentFailedError,
  ConsentRejectedError,
  ConsentTimeoutError,
  accountIdentity,
  connect,
  consentStatus,
  findRequisitionByReference,
  iterate,
  matchAccounts,
  parseConsentCallback,
  pickBalance,
  reconcilePending,
  reconfirm,
  reconnect,
  syncTransactions,
  transactionKey,
  waitForConsent,
} from './flows/index';
export type {
  AccountMatch,
  BalanceKind,
  ConnectOptions,
  Connection,
  ConsentCallback,
  ConsentErrorCode,
  ConsentStatus,
  ConsentStatusOptions,
  CurrentAccount,
  FlowClient,
  IdentityField,
  IterateOptions,
  KeyedTransaction,
  Listable,
  ListItem,
  PickBalanceOptions,
  PickedBalance,
  PreviousAccount,
  ReconcileOptions,
  Reconciliation,
  ReconfirmOptions,
  Reconfirmation,
  ReconnectOptions,
  Reconnection,
  SyncOptions,
  SyncResult,
  WaitForConsentOptions,
} from './flows/index';
export type { RateLimitInfo, RateLimitWindow } from './rate-limit';
export * from '../generated/models/index';
export { AccountsApi, AgreementsApi, InstitutionsApi, RequisitionsApi, TokenApi } from '../generated/apis/index';
export type * from '../generated/apis/index';
export type { ApiResponse, InitOverrideFunction } from './request/runtime';
export type { FetchAPI } from './request/fetch-types';
