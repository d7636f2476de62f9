/* tslint:disable */
/* eslint-disable */
/**
 * 
 * @export
 * @interface Account
 */
export interface Account {
    /**
     * 
     * @type {string}
     * @memberof Account
     */
    readonly id?: string;
    /**
     * 
     * @type {string}
     * @memberof Account
     */
    readonly created?: string;
    /**
     * 
     * @type {string}
     * @memberof Account
     */
    readonly last_accessed?: string;
    /**
     * 
     * @type {string}
     * @memberof Account
     */
    readonly iban?: string;
    /**
     * 
     * @type {string}
     * @memberof Account
     */
    readonly bban?: string;
    /**
     * Processing status, for example DISCOVERED, PROCESSING, READY, ERROR, EXPIRED, SUSPENDED.
     * @type {string}
     * @memberof Account
     */
    readonly status?: string;
    /**
     * 
     * @type {string}
     * @memberof Account
     */
    readonly institution_id?: string;
    /**
     * 
     * @type {string}
     * @memberof Account
     */
    readonly owner_name?: string;
    /**
     * 
     * @type {string}
     * @memberof Account
     */
    readonly name?: string;
}
/**
 * 
 * @export
 * @interface AccountBalance
 */
export interface AccountBalance {
    /**
     * 
     * @type {Array<BalanceSchema>}
     * @memberof AccountBalance
     */
    balances?: Array<BalanceSchema>;
}
/**
 * 
 * @export
 * @interface AccountDetail
 */
export interface AccountDetail {
    /**
     * 
     * @type {DetailSchema}
     * @memberof AccountDetail
     */
    account: DetailSchema;
}
/**
 * 
 * @export
 * @interface AccountSchema
 */
export interface AccountSchema {
    /**
     * 
     * @type {string}
     * @memberof AccountSchema
     */
    iban?: string;
    /**
     * 
     * @type {string}
     * @memberof AccountSchema
     */
    bban?: string;
    /**
     * 
     * @type {string}
     * @memberof AccountSchema
     */
    pan?: string;
    /**
     * 
     * @type {string}
     * @memberof AccountSchema
     */
    maskedPan?: string;
    /**
     * 
     * @type {string}
     * @memberof AccountSchema
     */
    msisdn?: string;
    /**
     * 
     * @type {string}
     * @memberof AccountSchema
     */
    currency?: string;
}
/**
 * 
 * @export
 * @interface AccountTransactions
 */
export interface AccountTransactions {
    /**
     * 
     * @type {BankTransaction}
     * @memberof AccountTransactions
     */
    transactions: BankTransaction;
    /**
     * 
     * @type {string}
     * @memberof AccountTransactions
     */
    readonly last_updated?: string;
}
/**
 * 
 * @export
 * @interface AdditionalAccountDataSchema
 */
export interface AdditionalAccountDataSchema {
    /**
     * 
     * @type {string}
     * @memberof AdditionalAccountDataSchema
     */
    secondaryIdentification?: string;
}
/**
 * 
 * @export
 * @interface BalanceAfterTransactionSchema
 */
export interface BalanceAfterTransactionSchema {
    /**
     * 
     * @type {TransactionAmountSchema}
     * @memberof BalanceAfterTransactionSchema
     */
    balanceAmount: TransactionAmountSchema;
    /**
     * 
     * @type {string}
     * @memberof BalanceAfterTransactionSchema
     */
    balanceType: string;
}
/**
 * 
 * @export
 * @interface BalanceAmountSchema
 */
export interface BalanceAmountSchema {
    /**
     * Decimal amount as a string, to keep its precision.
     * @type {string}
     * @memberof BalanceAmountSchema
     */
    amount: string;
    /**
     * ISO 4217 currency code.
     * @type {string}
     * @memberof BalanceAmountSchema
     */
    currency: string;
}
/**
 * 
 * @export
 * @interface BalanceSchema
 */
export interface BalanceSchema {
    /**
     * 
     * @type {BalanceAmountSchema}
     * @memberof BalanceSchema
     */
    balanceAmount: BalanceAmountSchema;
    /**
     * For example closingBooked, expected, interimAvailable.
     * @type {string}
     * @memberof BalanceSchema
     */
    balanceType: string;
    /**
     * 
     * @type {boolean}
     * @memberof BalanceSchema
     */
    creditLimitIncluded?: boolean;
    /**
     * 
     * @type {string}
     * @memberof BalanceSchema
     */
    lastChangeDateTime?: string;
    /**
     * 
     * @type {string}
     * @memberof BalanceSchema
     */
    referenceDate?: string;
    /**
     * 
     * @type {string}
     * @memberof BalanceSchema
     */
    lastCommittedTransaction?: string;
}
/**
 * 
 * @export
 * @interface BankTransaction
 */
export interface BankTransaction {
    /**
     * 
     * @type {Array<TransactionSchema>}
     * @memberof BankTransaction
     */
    booked: Array<TransactionSchema>;
    /**
     * 
     * @type {Array<TransactionSchema>}
     * @memberof BankTransaction
     */
    pending?: Array<TransactionSchema>;
}
/**
 * 
 * @export
 * @interface CurrencyExchangeSchema
 */
export interface CurrencyExchangeSchema {
    /**
     * 
     * @type {string}
     * @memberof CurrencyExchangeSchema
     */
    sourceCurrency?: string;
    /**
     * 
     * @type {string}
     * @memberof CurrencyExchangeSchema
     */
    exchangeRate?: string;
    /**
     * 
     * @type {string}
     * @memberof CurrencyExchangeSchema
     */
    unitCurrency?: string;
    /**
     * 
     * @type {string}
     * @memberof CurrencyExchangeSchema
     */
    targetCurrency?: string;
    /**
     * 
     * @type {string}
     * @memberof CurrencyExchangeSchema
     */
    quotationDate?: string;
    /**
     * 
     * @type {string}
     * @memberof CurrencyExchangeSchema
     */
    contractIdentification?: string;
}
/**
 * 
 * @export
 * @interface DetailSchema
 */
export interface DetailSchema {
    /**
     * 
     * @type {string}
     * @memberof DetailSchema
     */
    resourceId?: string;
    /**
     * 
     * @type {string}
     * @memberof DetailSchema
     */
    iban?: string;
    /**
     * 
     * @type {string}
     * @memberof DetailSchema
     */
    bban?: string;
    /**
     * 
     * @type {string}
     * @memberof DetailSchema
     */
    scan?: string;
    /**
     * 
     * @type {string}
     * @memberof DetailSchema
     */
    msisdn?: string;
    /**
     * 
     * @type {string}
     * @memberof DetailSchema
     */
    currency?: string;
    /**
     * 
     * @type {string}
     * @memberof DetailSchema
     */
    ownerName?: string;
    /**
     * 
     * @type {string}
     * @memberof DetailSchema
     */
    name?: string;
    /**
     * 
     * @type {string}
     * @memberof DetailSchema
     */
    displayName?: string;
    /**
     * 
     * @type {string}
     * @memberof DetailSchema
     */
    product?: string;
    /**
     * 
     * @type {string}
     * @memberof DetailSchema
     */
    cashAccountType?: string;
    /**
     * 
     * @type {string}
     * @memberof DetailSchema
     */
    status?: string;
    /**
     * 
     * @type {string}
     * @memberof DetailSchema
     */
    bic?: string;
    /**
     * 
     * @type {string}
     * @memberof DetailSchema
     */
    linkedAccounts?: string;
    /**
     * 
     * @type {string}
     * @memberof DetailSchema
     */
    maskedPan?: string;
    /**
     * 
     * @type {string}
     * @memberof DetailSchema
     */
    usage?: string;
    /**
     * 
     * @type {string}
     * @memberof DetailSchema
     */
    details?: string;
    /**
     * 
     * @type {Array<string>}
     * @memberof DetailSchema
     */
    ownerAddressUnstructured?: Array<string>;
    /**
     * 
     * @type {OwnerAddressStructuredSchema}
     * @memberof DetailSchema
     */
    ownerAddressStructured?: OwnerAddressStructuredSchema;
    /**
     * 
     * @type {AdditionalAccountDataSchema}
     * @memberof DetailSchema
     */
    additionalAccountData?: AdditionalAccountDataSchema;
}
/**
 * 
 * @export
 * @interface EndUserAgreement
 */
export interface EndUserAgreement {
    /**
     * 
     * @type {string}
     * @memberof EndUserAgreement
     */
    readonly id?: string;
    /**
     * 
     * @type {string}
     * @memberof EndUserAgreement
     */
    readonly created?: string;
    /**
     * 
     * @type {string}
     * @memberof EndUserAgreement
     */
    institution_id: string;
    /**
     * 
     * @type {number}
     * @memberof EndUserAgreement
     */
    max_historical_days?: number;
    /**
     * 
     * @type {number}
     * @memberof EndUserAgreement
     */
    access_valid_for_days?: number;
    /**
     * 
     * @type {Array<string>}
     * @memberof EndUserAgreement
     */
    access_scope?: Array<string>;
    /**
     * When the end user accepted; null until then.
     * @type {string}
     * @memberof EndUserAgreement
     */
    readonly accepted?: string | null;
    /**
     * 
     * @type {boolean}
     * @memberof EndUserAgreement
     */
    reconfirmation?: boolean;
}
/**
 * 
 * @export
 * @interface EndUserAgreementRequest
 */
export interface EndUserAgreementRequest {
    /**
     * 
     * @type {string}
     * @memberof EndUserAgreementRequest
     */
    institution_id: string;
    /**
     * Days of transaction history to read.
     * @type {number}
     * @memberof EndUserAgreementRequest
     */
    max_historical_days?: number;
    /**
     * Days the access stays valid.
     * @type {number}
     * @memberof EndUserAgreementRequest
     */
    access_valid_for_days?: number;
    /**
     * What may be read; by default all of balances, details and transactions.
     * @type {Array<string>}
     * @memberof EndUserAgreementRequest
     */
    access_scope?: Array<string>;
    /**
     * Whether the agreement can be reconfirmed.
     * @type {boolean}
     * @memberof EndUserAgreementRequest
     */
    reconfirmation?: boolean;
}
/**
 * 
 * @export
 * @interface EnduserAcceptanceDetailsRequest
 */
export interface EnduserAcceptanceDetailsRequest {
    /**
     * The end user's browser user agent.
     * @type {string}
     * @memberof EnduserAcceptanceDetailsRequest
     */
    user_agent: string;
    /**
     * The end user's IP address.
     * @type {string}
     * @memberof EnduserAcceptanceDetailsRequest
     */
    ip_address: string;
}
/**
 * The API's error body. A 400 for an invalid request body may instead map each offending field to its own { summary, detail } object.
 * @export
 * @interface ErrorResponse
 */
export interface ErrorResponse {
    /**
     * Short description of the error.
     * @type {string}
     * @memberof ErrorResponse
     */
    summary: string;
    /**
     * Longer explanation.
     * @type {string}
     * @memberof ErrorResponse
     */
    detail: string;
    /**
     * Machine-readable error type, when given.
     * @type {string}
     * @memberof ErrorResponse
     */
    type?: string;
    /**
     * The HTTP status repeated.
     * @type {number}
     * @memberof ErrorResponse
     */
    status_code: number;
}
/**
 * 
 * @export
 * @interface Integration
 */
export interface Integration {
    /**
     * 
     * @type {string}
     * @memberof Integration
     */
    id: string;
    /**
     * 
     * @type {string}
     * @memberof Integration
     */
    name: string;
    /**
     * 
     * @type {string}
     * @memberof Integration
     */
    bic?: string;
    /**
     * Days of history the institution provides.
     * @type {string}
     * @memberof Integration
     */
    transaction_total_days?: string;
    /**
     * 
     * @type {string}
     * @memberof Integration
     */
    max_access_valid_for_days?: string;
    /**
     * 
     * @type {string}
     * @memberof Integration
     */
    max_access_valid_for_days_reconfirmation?: string;
    /**
     * 
     * @type {Array<string>}
     * @memberof Integration
     */
    countries: Array<string>;
    /**
     * URL of the institution's logo.
     * @type {string}
     * @memberof Integration
     */
    logo: string;
}
/**
 * 
 * @export
 * @interface IntegrationRetrieve
 */
export interface IntegrationRetrieve {
    /**
     * 
     * @type {string}
     * @memberof IntegrationRetrieve
     */
    id: string;
    /**
     * 
     * @type {string}
     * @memberof IntegrationRetrieve
     */
    name: string;
    /**
     * 
     * @type {string}
     * @memberof IntegrationRetrieve
     */
    bic?: string;
    /**
     * 
     * @type {string}
     * @memberof IntegrationRetrieve
     */
    transaction_total_days?: string;
    /**
     * 
     * @type {string}
     * @memberof IntegrationRetrieve
     */
    max_access_valid_for_days?: string;
    /**
     * 
     * @type {string}
     * @memberof IntegrationRetrieve
     */
    max_access_valid_for_days_reconfirmation?: string;
    /**
     * 
     * @type {Array<string>}
     * @memberof IntegrationRetrieve
     */
    countries: Array<string>;
    /**
     * 
     * @type {string}
     * @memberof IntegrationRetrieve
     */
    logo: string;
    /**
     * 
     * @type {Array<string>}
     * @memberof IntegrationRetrieve
     */
    supported_features: Array<string>;
    /**
     * 
     * @type {Array<string>}
     * @memberof IntegrationRetrieve
     */
    identification_codes: Array<string>;
}
/**
 * 
 * @export
 * @interface JWTObtainPairRequest
 */
export interface JWTObtainPairRequest {
    /**
     * Secret id from the user secrets page.
     * @type {string}
     * @memberof JWTObtainPairRequest
     */
    secret_id: string;
    /**
     * Secret key from the user secrets page.
     * @type {string}
     * @memberof JWTObtainPairRequest
     */
    secret_key: string;
}
/**
 * 
 * @export
 * @interface JWTRefreshRequest
 */
export interface JWTRefreshRequest {
    /**
     * A refresh token.
     * @type {string}
     * @memberof JWTRefreshRequest
     */
    refresh: string;
}
/**
 * 
 * @export
 * @interface OwnerAddressStructuredSchema
 */
export interface OwnerAddressStructuredSchema {
    /**
     * 
     * @type {string}
     * @memberof OwnerAddressStructuredSchema
     */
    streetName?: string;
    /**
     * 
     * @type {string}
     * @memberof OwnerAddressStructuredSchema
     */
    buildingNumber?: string;
    /**
     * 
     * @type {string}
     * @memberof OwnerAddressStructuredSchema
     */
    townName?: string;
    /**
     * 
     * @type {string}
     * @memberof OwnerAddressStructuredSchema
     */
    postCode?: string;
    /**
     * 
     * @type {string}
     * @memberof OwnerAddressStructuredSchema
     */
    country?: string;
}
/**
 * 
 * @export
 * @interface PaginatedEndUserAgreementList
 */
export interface PaginatedEndUserAgreementList {
    /**
     * 
     * @type {number}
     * @memberof PaginatedEndUserAgreementList
     */
    count: number;
    /**
     * 
     * @type {string}
     * @memberof PaginatedEndUserAgreementList
     */
    next?: string | null;
    /**
     * 
     * @type {string}
     * @memberof PaginatedEndUserAgreementList
     */
    previous?: string | null;
    /**
     * 
     * @type {Array<EndUserAgreement>}
     * @memberof PaginatedEndUserAgreementList
     */
    results: Array<EndUserAgreement>;
}
/**
 * 
 * @export
 * @interface PaginatedRequisitionList
 */
export interface PaginatedRequisitionList {
    /**
     * 
     * @type {number}
     * @memberof PaginatedRequisitionList
     */
    count: number;
    /**
     * 
     * @type {string}
     * @memberof PaginatedRequisitionList
     */
    next?: string | null;
    /**
     * 
     * @type {string}
     * @memberof PaginatedRequisitionList
     */
    previous?: string | null;
    /**
     * 
     * @type {Array<Requisition>}
     * @memberof PaginatedRequisitionList
     */
    results: Array<Requisition>;
}
/**
 * 
 * @export
 * @interface ReconfirmationRetrieve
 */
export interface ReconfirmationRetrieve {
    /**
     * 
     * @type {string}
     * @memberof ReconfirmationRetrieve
     */
    readonly reconfirmation_url?: string;
    /**
     * 
     * @type {string}
     * @memberof ReconfirmationRetrieve
     */
    readonly created?: string;
    /**
     * 
     * @type {string}
     * @memberof ReconfirmationRetrieve
     */
    readonly url_valid_from?: string;
    /**
     * 
     * @type {string}
     * @memberof ReconfirmationRetrieve
     */
    readonly url_valid_to?: string;
    /**
     * 
     * @type {string}
     * @memberof ReconfirmationRetrieve
     */
    redirect?: string | null;
    /**
     * 
     * @type {string}
     * @memberof ReconfirmationRetrieve
     */
    readonly last_accessed?: string | null;
    /**
     * 
     * @type {string}
     * @memberof ReconfirmationRetrieve
     */
    readonly last_submitted?: string | null;
    /**
     * Per-account reconfirmation state, keyed by account id.
     * @type {object}
     * @memberof ReconfirmationRetrieve
     */
    readonly accounts?: object;
}
/**
 * 
 * @export
 * @interface ReconfirmationRetrieveRequest
 */
export interface ReconfirmationRetrieveRequest {
    /**
     * Where to send the end user after reconfirming.
     * @type {string}
     * @memberof ReconfirmationRetrieveRequest
     */
    redirect?: string | null;
}
/**
 * 
 * @export
 * @interface Requisition
 */
export interface Requisition {
    /**
     * 
     * @type {string}
     * @memberof Requisition
     */
    readonly id?: string;
    /**
     * 
     * @type {string}
     * @memberof Requisition
     */
    readonly created?: string | null;
    /**
     * 
     * @type {string}
     * @memberof Requisition
     */
    redirect: string | null;
    /**
     * 
     * @type {StatusEnum}
     * @memberof Requisition
     */
    readonly status?: StatusEnum;
    /**
     * 
     * @type {string}
     * @memberof Requisition
     */
    institution_id: string;
    /**
     * 
     * @type {string}
     * @memberof Requisition
     */
    agreement?: string;
    /**
     * 
     * @type {string}
     * @memberof Requisition
     */
    reference?: string;
    /**
     * 
     * @type {Array<string>}
     * @memberof Requisition
     */
    readonly accounts?: Array<string>;
    /**
     * 
     * @type {string}
     * @memberof Requisition
     */
    user_language?: string;
    /**
     * The consent page to send the end user to.
     * @type {string}
     * @memberof Requisition
     */
    readonly link?: string;
    /**
     * 
     * @type {string}
     * @memberof Requisition
     */
    ssn?: string;
    /**
     * 
     * @type {boolean}
     * @memberof Requisition
     */
    account_selection?: boolean;
    /**
     * 
     * @type {boolean}
     * @memberof Requisition
     */
    redirect_immediate?: boolean;
}
/**
 * 
 * @export
 * @interface RequisitionRequest
 */
export interface RequisitionRequest {
    /**
     * Where the end user is sent after the bank.
     * @type {string}
     * @memberof RequisitionRequest
     */
    redirect: string | null;
    /**
     * 
     * @type {string}
     * @memberof RequisitionRequest
     */
    institution_id: string;
    /**
     * An end-user agreement; without one, defaults apply (90 days, all scopes).
     * @type {string}
     * @memberof RequisitionRequest
     */
    agreement?: string;
    /**
     * Your own unique reference, echoed back as `ref` on the redirect.
     * @type {string}
     * @memberof RequisitionRequest
     */
    reference?: string;
    /**
     * Two-letter ISO 639-1 language of the consent pages.
     * @type {string}
     * @memberof RequisitionRequest
     */
    user_language?: string;
    /**
     * 
     * @type {string}
     * @memberof RequisitionRequest
     */
    ssn?: string;
    /**
     * 
     * @type {boolean}
     * @memberof RequisitionRequest
     */
    account_selection?: boolean;
    /**
     * 
     * @type {boolean}
     * @memberof RequisitionRequest
     */
    redirect_immediate?: boolean;
}
/**
 * 
 * @export
 * @interface SpectacularJWTObtain
 */
export interface SpectacularJWTObtain {
    /**
     * Access token (JWT).
     * @type {string}
     * @memberof SpectacularJWTObtain
     */
    readonly access?: string;
    /**
     * Seconds until the access token expires.
     * @type {number}
     * @memberof SpectacularJWTObtain
     */
    readonly access_expires?: number;
    /**
     * Refresh token (JWT).
     * @type {string}
     * @memberof SpectacularJWTObtain
     */
    readonly refresh?: string;
    /**
     * Seconds until the refresh token expires.
     * @type {number}
     * @memberof SpectacularJWTObtain
     */
    readonly refresh_expires?: number;
}
/**
 * 
 * @export
 * @interface SpectacularJWTRefresh
 */
export interface SpectacularJWTRefresh {
    /**
     * Access token (JWT).
     * @type {string}
     * @memberof SpectacularJWTRefresh
     */
    readonly access?: string;
    /**
     * Seconds until the access token expires.
     * @type {number}
     * @memberof SpectacularJWTRefresh
     */
    readonly access_expires?: number;
}
/**
 * 
 * @export
 * @interface SpectacularRequisition
 */
export interface SpectacularRequisition {
    /**
     * 
     * @type {string}
     * @memberof SpectacularRequisition
     */
    readonly id?: string;
    /**
     * 
     * @type {string}
     * @memberof SpectacularRequisition
     */
    readonly created?: string | null;
    /**
     * 
     * @type {string}
     * @memberof SpectacularRequisition
     */
    redirect: string | null;
    /**
     * 
     * @type {StatusEnum}
     * @memberof SpectacularRequisition
     */
    readonly status?: StatusEnum;
    /**
     * 
     * @type {string}
     * @memberof SpectacularRequisition
     */
    institution_id: string;
    /**
     * 
     * @type {string}
     * @memberof SpectacularRequisition
     */
    agreement?: string;
    /**
     * 
     * @type {string}
     * @memberof SpectacularRequisition
     */
    reference?: string;
    /**
     * 
     * @type {Array<string>}
     * @memberof SpectacularRequisition
     */
    readonly accounts?: Array<string>;
    /**
     * 
     * @type {string}
     * @memberof SpectacularRequisition
     */
    user_language?: string;
    /**
     * 
     * @type {string}
     * @memberof SpectacularRequisition
     */
    readonly link?: string;
    /**
     * 
     * @type {string}
     * @memberof SpectacularRequisition
     */
    ssn?: string;
    /**
     * 
     * @type {boolean}
     * @memberof SpectacularRequisition
     */
    account_selection?: boolean;
    /**
     * 
     * @type {boolean}
     * @memberof SpectacularRequisition
     */
    redirect_immediate?: boolean;
}

/**
 * Requisition status: CR created, GC giving consent, UA undergoing authentication, RJ rejected, SA selecting accounts, GA granting access, LN linked, EX expired (also ID, ER, SU from older flows).
 * @export
 */
export const StatusEnum = {
    CR: 'CR',
    ID: 'ID',
    LN: 'LN',
    RJ: 'RJ',
    ER: 'ER',
    SU: 'SU',
    EX: 'EX',
    GC: 'GC',
    UA: 'UA',
    GA: 'GA',
    SA: 'SA'
} as const;
export type StatusEnum = typeof StatusEnum[keyof typeof StatusEnum];

/**
 * 
 * @export
 * @interface SuccessfulDeleteResponse
 */
export interface SuccessfulDeleteResponse {
    /**
     * 
     * @type {string}
     * @memberof SuccessfulDeleteResponse
     */
    summary: string;
    /**
     * 
     * @type {string}
     * @memberof SuccessfulDeleteResponse
     */
    detail: string;
}
/**
 * 
 * @export
 * @interface TransactionAmountSchema
 */
export interface TransactionAmountSchema {
    /**
     * Signed decimal amount as a string; negative for outgoing.
     * @type {string}
     * @memberof TransactionAmountSchema
     */
    amount: string;
    /**
     * 
     * @type {string}
     * @memberof TransactionAmountSchema
     */
    currency: string;
}
/**
 * 
 * @export
 * @interface TransactionSchema
 */
export interface TransactionSchema {
    /**
     * 
     * @type {string}
     * @memberof TransactionSchema
     */
    transactionId?: string;
    /**
     * 
     * @type {string}
     * @memberof TransactionSchema
     */
    entryReference?: string;
    /**
     * 
     * @type {string}
     * @memberof TransactionSchema
     */
    endToEndId?: string;
    /**
     * 
     * @type {string}
     * @memberof TransactionSchema
     */
    mandateId?: string;
    /**
     * 
     * @type {string}
     * @memberof TransactionSchema
     */
    checkId?: string;
    /**
     * 
     * @type {string}
     * @memberof TransactionSchema
     */
    creditorId?: string;
    /**
     * 
     * @type {string}
     * @memberof TransactionSchema
     */
    bookingDate?: string;
    /**
     * 
     * @type {string}
     * @memberof TransactionSchema
     */
    valueDate?: string;
    /**
     * 
     * @type {string}
     * @memberof TransactionSchema
     */
    bookingDateTime?: string;
    /**
     * 
     * @type {string}
     * @memberof TransactionSchema
     */
    valueDateTime?: string;
    /**
     * 
     * @type {TransactionAmountSchema}
     * @memberof TransactionSchema
     */
    transactionAmount: TransactionAmountSchema;
    /**
     * 
     * @type {Array<CurrencyExchangeSchema>}
     * @memberof TransactionSchema
     */
    currencyExchange?: Array<CurrencyExchangeSchema>;
    /**
     * 
     * @type {string}
     * @memberof TransactionSchema
     */
    creditorName?: string;
    /**
     * 
     * @type {AccountSchema}
     * @memberof TransactionSchema
     */
    creditorAccount?: AccountSchema;
    /**
     * 
     * @type {string}
     * @memberof TransactionSchema
     */
    ultimateCreditor?: string;
    /**
     * 
     * @type {string}
     * @memberof TransactionSchema
     */
    debtorName?: string;
    /**
     * 
     * @type {AccountSchema}
     * @memberof TransactionSchema
     */
    debtorAccount?: AccountSchema;
    /**
     * 
     * @type {string}
     * @memberof TransactionSchema
     */
    ultimateDebtor?: string;
    /**
     * 
     * @type {string}
     * @memberof TransactionSchema
     */
    remittanceInformationUnstructured?: string;
    /**
     * 
     * @type {Array<string>}
     * @memberof TransactionSchema
     */
    remittanceInformationUnstructuredArray?: Array<string>;
    /**
     * 
     * @type {string}
     * @memberof TransactionSchema
     */
    remittanceInformationStructured?: string;
    /**
     * 
     * @type {Array<string>}
     * @memberof TransactionSchema
     */
    remittanceInformationStructuredArray?: Array<string>;
    /**
     * 
     * @type {string}
     * @memberof TransactionSchema
     */
    additionalInformation?: string;
    /**
     * 
     * @type {string}
     * @memberof TransactionSchema
     */
    purposeCode?: string;
    /**
     * 
     * @type {string}
     * @memberof TransactionSchema
     */
    bankTransactionCode?: string;
    /**
     * 
     * @type {string}
     * @memberof TransactionSchema
     */
    proprietaryBankTransactionCode?: string;
    /**
     * 
     * @type {string}
     * @memberof TransactionSchema
     */
    internalTransactionId?: string;
    /**
     * 
     * @type {BalanceAfterTransactionSchema}
     * @memberof TransactionSchema
     */
    balanceAfterTransaction?: BalanceAfterTransactionSchema;
}
