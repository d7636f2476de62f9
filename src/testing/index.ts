/**
 * `gocardless-bankaccountdata/testing`: helpers for testing code around the
 * client. No test framework is imported: each helper takes what it needs of
 * the caller's runner.
 */
export { storeContract } from './store-contract';
export type { StoreContractRunner, StoreFactory } from './store-contract';
