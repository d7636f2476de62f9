/* tslint:disable */
/* eslint-disable */
/**
 * An account's metadata: identifiers, holder, institution and processing status.
 * @export
 * @interface Account
 */
export interface Account {
    /**
     * The account's UUID, as listed in a requisition's `accounts`.
     * @type {string}
     * @memberof Account
     */
    readonly id?: string;
    /**
     * When the account record was created.
     * @type {string}
     * @memberof Account
     */
    readonly created?: string;
    /**
     * When the account's data was last read.
     * @type {string}
     * @memberof Account
     */
    readonly last_accessed?: string;
    /**
     * The account's IBAN.
     * @type {string}
     * @memberof Account
     */
    readonly iban?: string;
    /**
     * The account's BBAN (domestic account number), where the bank reports one.
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
     * Institution that holds the account.
     * @type {string}
     * @memberof Account
     */
    readonly institution_id?: string;
    /**
     * Name of the account holder.
     * @type {string}
     * @memberof Account
     */
    readonly owner_name?: string;
    /**
     * Name of the account.
     * @type {string}
     * @memberof Account
     */
    readonly name?: string;
}
/**
 * An account's balances.
 * @export
 * @interface AccountBalance
 */
export interface AccountBalance {
    /**
     * One entry per balance type the bank reports.
     * @type {Array<BalanceSchema>}
     * @memberof AccountBalance
     */
    balances?: Array<BalanceSchema>;
}
/**
 * An account's details.
 * @export
 * @interface AccountDetail
 */
export interface AccountDetail {
    /**
     * The details as the bank reports them, in Berlin Group format.
     * @type {DetailSchema}
     * @memberof AccountDetail
     */
    account: DetailSchema;
}
/**
 * An account that takes part in a transaction, as payer or payee.
 * @export
 * @interface AccountSchema
 */
export interface AccountSchema {
    /**
     * IBAN.
     * @type {string}
     * @memberof AccountSchema
     */
    iban?: string;
    /**
     * BBAN (domestic account number).
     * @type {string}
     * @memberof AccountSchema
     */
    bban?: string;
    /**
     * Card number.
     * @type {string}
     * @memberof AccountSchema
     */
    pan?: string;
    /**
     * Card number with most digits masked.
     * @type {string}
     * @memberof AccountSchema
     */
    maskedPan?: string;
    /**
     * Mobile phone number linked to the account.
     * @type {string}
     * @memberof AccountSchema
     */
    msisdn?: string;
    /**
     * ISO 4217 currency of the account.
     * @type {string}
     * @memberof AccountSchema
     */
    currency?: string;
}
/**
 * An account's transactions.
 * @export
 * @interface AccountTransactions
 */
export interface AccountTransactions {
    /**
     * Booked and pending transactions.
     * @type {BankTransaction}
     * @memberof AccountTransactions
     */
    transactions: BankTransaction;
    /**
     * When the transactions were last refreshed from the bank.
     * @type {string}
     * @memberof AccountTransactions
     */
    readonly last_updated?: string;
}
/**
 * Account data outside the Berlin Group fields.
 * @export
 * @interface AdditionalAccountDataSchema
 */
export interface AdditionalAccountDataSchema {
    /**
     * A further identifier of the account, such as a building society roll number.
     * @type {string}
     * @memberof AdditionalAccountDataSchema
     */
    secondaryIdentification?: string;
}
/**
 * The account's balance right after a transaction.
 * @export
 * @interface BalanceAfterTransactionSchema
 */
export interface BalanceAfterTransactionSchema {
    /**
     * Amount and currency of the balance.
     * @type {TransactionAmountSchema}
     * @memberof BalanceAfterTransactionSchema
     */
    balanceAmount: TransactionAmountSchema;
    /**
     * Balance type, for example closingBooked or interimBooked.
     * @type {string}
     * @memberof BalanceAfterTransactionSchema
     */
    balanceType: string;
}
/**
 * An amount with its currency.
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
 * One balance of an account, in Berlin Group format.
 * @export
 * @interface BalanceSchema
 */
export interface BalanceSchema {
    /**
     * Amount and currency of the balance.
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
     * Whether the amount includes the credit limit.
     * @type {boolean}
     * @memberof BalanceSchema
     */
    creditLimitIncluded?: boolean;
    /**
     * When the balance last changed.
     * @type {string}
     * @memberof BalanceSchema
     */
    lastChangeDateTime?: string;
    /**
     * Date the balance refers to (YYYY-MM-DD).
     * @type {string}
     * @memberof BalanceSchema
     */
    referenceDate?: string;
    /**
     * Id of the last transaction the balance includes.
     * @type {string}
     * @memberof BalanceSchema
     */
    lastCommittedTransaction?: string;
}
/**
 * An account's transactions, split into booked and pending.
 * @export
 * @interface BankTransaction
 */
export interface BankTransaction {
    /**
     * Transactions the bank has booked.
     * @type {Array<TransactionSchema>}
     * @memberof BankTransaction
     */
    booked: Array<TransactionSchema>;
    /**
     * Transactions not yet booked, where the bank reports them.
     * @type {Array<TransactionSchema>}
     * @memberof BankTransaction
     */
    pending?: Array<TransactionSchema>;
}
/**
 * A currency conversion applied to a transaction.
 * @export
 * @interface CurrencyExchangeSchema
 */
export interface CurrencyExchangeSchema {
    /**
     * Currency converted from (ISO 4217).
     * @type {string}
     * @memberof CurrencyExchangeSchema
     */
    sourceCurrency?: string;
    /**
     * Rate applied, as a decimal string.
     * @type {string}
     * @memberof CurrencyExchangeSchema
     */
    exchangeRate?: string;
    /**
     * Currency one unit of which the rate is quoted for.
     * @type {string}
     * @memberof CurrencyExchangeSchema
     */
    unitCurrency?: string;
    /**
     * Currency converted into (ISO 4217).
     * @type {string}
     * @memberof CurrencyExchangeSchema
     */
    targetCurrency?: string;
    /**
     * Date of the quoted rate.
     * @type {string}
     * @memberof CurrencyExchangeSchema
     */
    quotationDate?: string;
    /**
     * Id of the foreign exchange contract.
     * @type {string}
     * @memberof CurrencyExchangeSchema
     */
    contractIdentification?: string;
}
/**
 * Details of an account in Berlin Group format; which fields are present depends on the bank.
 * @export
 * @interface DetailSchema
 */
export interface DetailSchema {
    /**
     * The bank's own id for the account.
     * @type {string}
     * @memberof DetailSchema
     */
    resourceId?: string;
    /**
     * IBAN of the account.
     * @type {string}
     * @memberof DetailSchema
     */
    iban?: string;
    /**
     * BBAN (domestic account number) of the account.
     * @type {string}
     * @memberof DetailSchema
     */
    bban?: string;
    /**
     * UK sort code (6 digits) and account number (8 digits), where the bank reports them.
     * @type {string}
     * @memberof DetailSchema
     */
    scan?: string;
    /**
     * Mobile phone number linked to the account.
     * @type {string}
     * @memberof DetailSchema
     */
    msisdn?: string;
    /**
     * ISO 4217 currency of the account.
     * @type {string}
     * @memberof DetailSchema
     */
    currency?: string;
    /**
     * Name of the account holder.
     * @type {string}
     * @memberof DetailSchema
     */
    ownerName?: string;
    /**
     * Name of the account, as given by the bank or the holder.
     * @type {string}
     * @memberof DetailSchema
     */
    name?: string;
    /**
     * Name the bank shows for the account in its own channels.
     * @type {string}
     * @memberof DetailSchema
     */
    displayName?: string;
    /**
     * The bank's product name for the account.
     * @type {string}
     * @memberof DetailSchema
     */
    product?: string;
    /**
     * ISO 20022 cash account type, for example CACC (current) or SVGS (savings).
     * @type {string}
     * @memberof DetailSchema
     */
    cashAccountType?: string;
    /**
     * Status of the account as the bank reports it, for example enabled, deleted or blocked.
     * @type {string}
     * @memberof DetailSchema
     */
    status?: string;
    /**
     * BIC of the bank that holds the account.
     * @type {string}
     * @memberof DetailSchema
     */
    bic?: string;
    /**
     * Reference to an account linked to this one, such as a card's settlement account.
     * @type {string}
     * @memberof DetailSchema
     */
    linkedAccounts?: string;
    /**
     * Card number with most digits masked.
     * @type {string}
     * @memberof DetailSchema
     */
    maskedPan?: string;
    /**
     * PRIV for private or ORGA for professional use.
     * @type {string}
     * @memberof DetailSchema
     */
    usage?: string;
    /**
     * Further characteristics of the account, as free text.
     * @type {string}
     * @memberof DetailSchema
     */
    details?: string;
    /**
     * The holder's address as lines of free text.
     * @type {Array<string>}
     * @memberof DetailSchema
     */
    ownerAddressUnstructured?: Array<string>;
    /**
     * The holder's address in separate fields.
     * @type {OwnerAddressStructuredSchema}
     * @memberof DetailSchema
     */
    ownerAddressStructured?: OwnerAddressStructuredSchema;
    /**
     * Data outside the Berlin Group fields, specific to a bank or country.
     * @type {AdditionalAccountDataSchema}
     * @memberof DetailSchema
     */
    additionalAccountData?: AdditionalAccountDataSchema;
    /**
     * Credit limit of a card account, where the bank reports it. A balance with creditLimitIncluded true includes it.
     * @type {BalanceAmountSchema}
     * @memberof DetailSchema
     */
    creditLimit?: BalanceAmountSchema;
}
/**
 * An end-user agreement: which data the end user consents to share, how far back and for how long.
 * @export
 * @interface EndUserAgreement
 */
export interface EndUserAgreement {
    /**
     * The agreement's UUID; pass it as `agreement` when creating a requisition.
     * @type {string}
     * @memberof EndUserAgreement
     */
    readonly id?: string;
    /**
     * When the agreement was created.
     * @type {string}
     * @memberof EndUserAgreement
     */
    readonly created?: string;
    /**
     * Institution the agreement is for.
     * @type {string}
     * @memberof EndUserAgreement
     */
    institution_id: string;
    /**
     * Days of transaction history that can be read.
     * @type {number}
     * @memberof EndUserAgreement
     */
    max_historical_days?: number;
    /**
     * Days access lasts, counted from the end user's acceptance.
     * @type {number}
     * @memberof EndUserAgreement
     */
    access_valid_for_days?: number;
    /**
     * Which data can be read: any of balances, details and transactions.
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
     * Whether the end user can later reconfirm (extend) the agreement; only UK institutions support it.
     * @type {boolean}
     * @memberof EndUserAgreement
     */
    reconfirmation?: boolean;
}
/**
 * What an end-user agreement is created with: the institution, how much history, how long access lasts and which data.
 * @export
 * @interface EndUserAgreementRequest
 */
export interface EndUserAgreementRequest {
    /**
     * Institution the agreement is for (an id from the institutions API).
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
 * The end user's acceptance of an agreement, recorded when it is accepted through the API.
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
 * An institution (a bank or other account servicer) as listed for a country.
 * @export
 * @interface Integration
 */
export interface Integration {
    /**
     * Institution id, passed as `institution_id` to agreements and requisitions (for example SANDBOXFINANCE_SFIN0000).
     * @type {string}
     * @memberof Integration
     */
    id: string;
    /**
     * Display name of the institution.
     * @type {string}
     * @memberof Integration
     */
    name: string;
    /**
     * BIC (SWIFT code) of the institution, when it has one.
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
     * Longest access, in days, that an agreement with this institution can grant.
     * @type {string}
     * @memberof Integration
     */
    max_access_valid_for_days?: string;
    /**
     * Longest access, in days, that a reconfirmed agreement can grant.
     * @type {string}
     * @memberof Integration
     */
    max_access_valid_for_days_reconfirmation?: string;
    /**
     * ISO 3166 two-letter codes of the countries the institution serves.
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
 * One institution, with the features it supports and the codes that identify it.
 * @export
 * @interface IntegrationRetrieve
 */
export interface IntegrationRetrieve {
    /**
     * Institution id, passed as `institution_id` to agreements and requisitions.
     * @type {string}
     * @memberof IntegrationRetrieve
     */
    id: string;
    /**
     * Display name of the institution.
     * @type {string}
     * @memberof IntegrationRetrieve
     */
    name: string;
    /**
     * BIC (SWIFT code) of the institution, when it has one.
     * @type {string}
     * @memberof IntegrationRetrieve
     */
    bic?: string;
    /**
     * Days of transaction history the institution provides.
     * @type {string}
     * @memberof IntegrationRetrieve
     */
    transaction_total_days?: string;
    /**
     * Longest access, in days, that an agreement with this institution can grant.
     * @type {string}
     * @memberof IntegrationRetrieve
     */
    max_access_valid_for_days?: string;
    /**
     * Longest access, in days, that a reconfirmed agreement can grant.
     * @type {string}
     * @memberof IntegrationRetrieve
     */
    max_access_valid_for_days_reconfirmation?: string;
    /**
     * ISO 3166 two-letter codes of the countries the institution serves.
     * @type {Array<string>}
     * @memberof IntegrationRetrieve
     */
    countries: Array<string>;
    /**
     * URL of the institution's logo.
     * @type {string}
     * @memberof IntegrationRetrieve
     */
    logo: string;
    /**
     * Names of the features the institution supports, such as account selection or pending transactions.
     * @type {Array<string>}
     * @memberof IntegrationRetrieve
     */
    supported_features: Array<string>;
    /**
     * Further codes that identify the institution, where it has any.
     * @type {Array<string>}
     * @memberof IntegrationRetrieve
     */
    identification_codes: Array<string>;
}
/**
 * The credentials exchanged for a token pair: the secret id and key created in the Bank Account Data portal.
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
 * A refresh token to trade for a new access token.
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
 * A postal address in separate fields.
 * @export
 * @interface OwnerAddressStructuredSchema
 */
export interface OwnerAddressStructuredSchema {
    /**
     * Street name.
     * @type {string}
     * @memberof OwnerAddressStructuredSchema
     */
    streetName?: string;
    /**
     * Building number.
     * @type {string}
     * @memberof OwnerAddressStructuredSchema
     */
    buildingNumber?: string;
    /**
     * Town or city.
     * @type {string}
     * @memberof OwnerAddressStructuredSchema
     */
    townName?: string;
    /**
     * Postal code.
     * @type {string}
     * @memberof OwnerAddressStructuredSchema
     */
    postCode?: string;
    /**
     * Country, as an ISO 3166 two-letter code.
     * @type {string}
     * @memberof OwnerAddressStructuredSchema
     */
    country?: string;
}
/**
 * One page of end-user agreements.
 * @export
 * @interface PaginatedEndUserAgreementList
 */
export interface PaginatedEndUserAgreementList {
    /**
     * Number of agreements across all pages.
     * @type {number}
     * @memberof PaginatedEndUserAgreementList
     */
    count: number;
    /**
     * URL of the next page; null on the last page.
     * @type {string}
     * @memberof PaginatedEndUserAgreementList
     */
    next?: string | null;
    /**
     * URL of the previous page; null on the first page.
     * @type {string}
     * @memberof PaginatedEndUserAgreementList
     */
    previous?: string | null;
    /**
     * The agreements on this page.
     * @type {Array<EndUserAgreement>}
     * @memberof PaginatedEndUserAgreementList
     */
    results: Array<EndUserAgreement>;
}
/**
 * One page of requisitions.
 * @export
 * @interface PaginatedRequisitionList
 */
export interface PaginatedRequisitionList {
    /**
     * Number of requisitions across all pages.
     * @type {number}
     * @memberof PaginatedRequisitionList
     */
    count: number;
    /**
     * URL of the next page; null on the last page.
     * @type {string}
     * @memberof PaginatedRequisitionList
     */
    next?: string | null;
    /**
     * URL of the previous page; null on the first page.
     * @type {string}
     * @memberof PaginatedRequisitionList
     */
    previous?: string | null;
    /**
     * The requisitions on this page.
     * @type {Array<Requisition>}
     * @memberof PaginatedRequisitionList
     */
    results: Array<Requisition>;
}
/**
 * A reconfirmation of an end-user agreement: the page where the end user extends access, and its state.
 * @export
 * @interface ReconfirmationRetrieve
 */
export interface ReconfirmationRetrieve {
    /**
     * The page to send the end user to for reconfirming.
     * @type {string}
     * @memberof ReconfirmationRetrieve
     */
    readonly reconfirmation_url?: string;
    /**
     * When the reconfirmation was created.
     * @type {string}
     * @memberof ReconfirmationRetrieve
     */
    readonly created?: string;
    /**
     * From when the reconfirmation page can be opened.
     * @type {string}
     * @memberof ReconfirmationRetrieve
     */
    readonly url_valid_from?: string;
    /**
     * Until when the reconfirmation page can be opened.
     * @type {string}
     * @memberof ReconfirmationRetrieve
     */
    readonly url_valid_to?: string;
    /**
     * Where the end user is sent after reconfirming, when it replaces the requisition's redirect.
     * @type {string}
     * @memberof ReconfirmationRetrieve
     */
    redirect?: string | null;
    /**
     * When the reconfirmation was last fetched, by anyone (not necessarily the end user).
     * @type {string}
     * @memberof ReconfirmationRetrieve
     */
    readonly last_accessed?: string | null;
    /**
     * When the end user last submitted the reconfirmation; it can be submitted more than once.
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
 * Options of a new reconfirmation.
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
 * A requisition: one run of the consent flow for an end user, with its status and the accounts it linked.
 * @export
 * @interface Requisition
 */
export interface Requisition {
    /**
     * The requisition's UUID.
     * @type {string}
     * @memberof Requisition
     */
    readonly id?: string;
    /**
     * When the requisition was created.
     * @type {string}
     * @memberof Requisition
     */
    readonly created?: string | null;
    /**
     * Where the end user is sent after the bank.
     * @type {string}
     * @memberof Requisition
     */
    redirect: string | null;
    /**
     * Where the consent flow stands; LN once accounts are linked.
     * @type {StatusEnum}
     * @memberof Requisition
     */
    readonly status?: StatusEnum;
    /**
     * Institution the end user connects.
     * @type {string}
     * @memberof Requisition
     */
    institution_id: string;
    /**
     * The end-user agreement the requisition uses.
     * @type {string}
     * @memberof Requisition
     */
    agreement?: string;
    /**
     * Your own reference for the end user, unique per requisition.
     * @type {string}
     * @memberof Requisition
     */
    reference?: string;
    /**
     * Ids of the accounts linked through this requisition; empty until the end user finishes.
     * @type {Array<string>}
     * @memberof Requisition
     */
    readonly accounts?: Array<string>;
    /**
     * Language of the consent pages (ISO 639-1).
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
     * The end user's social security number, for institutions that check account ownership with it.
     * @type {string}
     * @memberof Requisition
     */
    ssn?: string;
    /**
     * Whether the end user chooses which accounts to share.
     * @type {boolean}
     * @memberof Requisition
     */
    account_selection?: boolean;
    /**
     * Whether the end user is sent back as soon as the account list is received.
     * @type {boolean}
     * @memberof Requisition
     */
    redirect_immediate?: boolean;
}
/**
 * What a requisition is created with: the institution, where the end user returns to, and optionally an agreement and your own reference.
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
     * Institution the end user will connect (an id from the institutions API).
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
     * The end user's social security number, for institutions that check account ownership with it.
     * @type {string}
     * @memberof RequisitionRequest
     */
    ssn?: string;
    /**
     * Let the end user choose which accounts to share.
     * @type {boolean}
     * @memberof RequisitionRequest
     */
    account_selection?: boolean;
    /**
     * Send the end user back to `redirect` as soon as the account list is received.
     * @type {boolean}
     * @memberof RequisitionRequest
     */
    redirect_immediate?: boolean;
}
/**
 * A new access token and the refresh token that renews it, each with its lifetime in seconds.
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
 * A new access token and its lifetime in seconds.
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
 * The requisition just created, with the `link` to send the end user to.
 * @export
 * @interface SpectacularRequisition
 */
export interface SpectacularRequisition {
    /**
     * The requisition's UUID.
     * @type {string}
     * @memberof SpectacularRequisition
     */
    readonly id?: string;
    /**
     * When the requisition was created.
     * @type {string}
     * @memberof SpectacularRequisition
     */
    readonly created?: string | null;
    /**
     * Where the end user is sent after the bank.
     * @type {string}
     * @memberof SpectacularRequisition
     */
    redirect: string | null;
    /**
     * Where the consent flow stands; LN once accounts are linked.
     * @type {StatusEnum}
     * @memberof SpectacularRequisition
     */
    readonly status?: StatusEnum;
    /**
     * Institution the end user connects.
     * @type {string}
     * @memberof SpectacularRequisition
     */
    institution_id: string;
    /**
     * The end-user agreement the requisition uses.
     * @type {string}
     * @memberof SpectacularRequisition
     */
    agreement?: string;
    /**
     * Your own reference for the end user, unique per requisition.
     * @type {string}
     * @memberof SpectacularRequisition
     */
    reference?: string;
    /**
     * Ids of the accounts linked through this requisition; empty until the end user finishes.
     * @type {Array<string>}
     * @memberof SpectacularRequisition
     */
    readonly accounts?: Array<string>;
    /**
     * Language of the consent pages (ISO 639-1).
     * @type {string}
     * @memberof SpectacularRequisition
     */
    user_language?: string;
    /**
     * The consent page to send the end user to.
     * @type {string}
     * @memberof SpectacularRequisition
     */
    readonly link?: string;
    /**
     * The end user's social security number, for institutions that check account ownership with it.
     * @type {string}
     * @memberof SpectacularRequisition
     */
    ssn?: string;
    /**
     * Whether the end user chooses which accounts to share.
     * @type {boolean}
     * @memberof SpectacularRequisition
     */
    account_selection?: boolean;
    /**
     * Whether the end user is sent back as soon as the account list is received.
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
 * Confirmation that a resource was deleted.
 * @export
 * @interface SuccessfulDeleteResponse
 */
export interface SuccessfulDeleteResponse {
    /**
     * Short confirmation of the deletion.
     * @type {string}
     * @memberof SuccessfulDeleteResponse
     */
    summary: string;
    /**
     * Longer confirmation naming what was deleted.
     * @type {string}
     * @memberof SuccessfulDeleteResponse
     */
    detail: string;
}
/**
 * A signed amount with its currency.
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
     * ISO 4217 currency code.
     * @type {string}
     * @memberof TransactionAmountSchema
     */
    currency: string;
}
/**
 * One transaction in Berlin Group format; which fields are present depends on the bank, and banks add fields of their own.
 * @export
 * @interface TransactionSchema
 */
export interface TransactionSchema {
    [key: string]: unknown;
    /**
     * The bank's id for the transaction, where it gives one; not every bank keeps it unique or stable.
     * @type {string}
     * @memberof TransactionSchema
     */
    transactionId?: string;
    /**
     * The bank's reference for the entry on the statement.
     * @type {string}
     * @memberof TransactionSchema
     */
    entryReference?: string;
    /**
     * End-to-end id the payer gave the payment.
     * @type {string}
     * @memberof TransactionSchema
     */
    endToEndId?: string;
    /**
     * Id of the direct debit mandate.
     * @type {string}
     * @memberof TransactionSchema
     */
    mandateId?: string;
    /**
     * Number of the cheque.
     * @type {string}
     * @memberof TransactionSchema
     */
    checkId?: string;
    /**
     * Identifier of the creditor of a direct debit.
     * @type {string}
     * @memberof TransactionSchema
     */
    creditorId?: string;
    /**
     * Date the transaction was booked (YYYY-MM-DD).
     * @type {string}
     * @memberof TransactionSchema
     */
    bookingDate?: string;
    /**
     * Date the amount takes effect for interest (YYYY-MM-DD).
     * @type {string}
     * @memberof TransactionSchema
     */
    valueDate?: string;
    /**
     * Date and time the transaction was booked.
     * @type {string}
     * @memberof TransactionSchema
     */
    bookingDateTime?: string;
    /**
     * Date and time the amount takes effect.
     * @type {string}
     * @memberof TransactionSchema
     */
    valueDateTime?: string;
    /**
     * Signed amount and currency of the transaction.
     * @type {TransactionAmountSchema}
     * @memberof TransactionSchema
     */
    transactionAmount: TransactionAmountSchema;
    /**
     * Currency conversion applied, for a transaction in another currency: a list, or (as many banks send it) a single object.
     * @type {TransactionSchemaCurrencyExchange}
     * @memberof TransactionSchema
     */
    currencyExchange?: TransactionSchemaCurrencyExchange;
    /**
     * Name of the payee.
     * @type {string}
     * @memberof TransactionSchema
     */
    creditorName?: string;
    /**
     * Account of the payee.
     * @type {AccountSchema}
     * @memberof TransactionSchema
     */
    creditorAccount?: AccountSchema;
    /**
     * Party the payment is ultimately for, when not the payee.
     * @type {string}
     * @memberof TransactionSchema
     */
    ultimateCreditor?: string;
    /**
     * Name of the payer.
     * @type {string}
     * @memberof TransactionSchema
     */
    debtorName?: string;
    /**
     * Account of the payer.
     * @type {AccountSchema}
     * @memberof TransactionSchema
     */
    debtorAccount?: AccountSchema;
    /**
     * Party that ultimately owes the payment, when not the payer.
     * @type {string}
     * @memberof TransactionSchema
     */
    ultimateDebtor?: string;
    /**
     * Free-text payment reference.
     * @type {string}
     * @memberof TransactionSchema
     */
    remittanceInformationUnstructured?: string;
    /**
     * Free-text payment reference, as several lines.
     * @type {Array<string>}
     * @memberof TransactionSchema
     */
    remittanceInformationUnstructuredArray?: Array<string>;
    /**
     * Structured payment reference, such as a creditor reference.
     * @type {string}
     * @memberof TransactionSchema
     */
    remittanceInformationStructured?: string;
    /**
     * Structured payment references.
     * @type {Array<string>}
     * @memberof TransactionSchema
     */
    remittanceInformationStructuredArray?: Array<string>;
    /**
     * Further information the bank gives about the transaction.
     * @type {string}
     * @memberof TransactionSchema
     */
    additionalInformation?: string;
    /**
     * ISO 20022 purpose code of the payment.
     * @type {string}
     * @memberof TransactionSchema
     */
    purposeCode?: string;
    /**
     * ISO 20022 bank transaction code (domain, family and sub-family).
     * @type {string}
     * @memberof TransactionSchema
     */
    bankTransactionCode?: string;
    /**
     * The bank's own transaction code.
     * @type {string}
     * @memberof TransactionSchema
     */
    proprietaryBankTransactionCode?: string;
    /**
     * Id that GoCardless gives the transaction, unique within the account.
     * @type {string}
     * @memberof TransactionSchema
     */
    internalTransactionId?: string;
    /**
     * Balance of the account right after this transaction.
     * @type {BalanceAfterTransactionSchema}
     * @memberof TransactionSchema
     */
    balanceAfterTransaction?: BalanceAfterTransactionSchema;
}
/**
 * @type TransactionSchemaCurrencyExchange
 * Currency conversion applied, for a transaction in another currency: a list, or (as many banks send it) a single object.
 * @export
 */
export type TransactionSchemaCurrencyExchange = Array<CurrencyExchangeSchema> | CurrencyExchangeSchema;
