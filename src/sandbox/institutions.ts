/**
 * The institutions the sandbox knows: a handful per country described here (GB,
 * DE, FR, ES, NL, plus multi-country ones), with the Sandbox Finance test bank of
 * the real API, `SANDBOXFINANCE_SFIN0000`, listed in every one of them; the banks
 * of the other EEA countries, and the countries each multi-country bank is listed
 * in, come from the table in catalogue.ts. Fixed data, so lists and features are
 * the same in every run.
 */
import type { Integration, IntegrationRetrieve } from '../index';
import { extendCatalogue } from './catalogue';
import { fieldErrors, type FieldProblem } from './errors';
import { ACCOUNT_SET_BANK } from './returning-user';
import { QUIRK_BANKS } from './quirks';

/** The features an institution may support; each has a `<feature>_supported` list filter. */
export const FEATURES = [
  'access_scopes',
  'account_selection',
  'business_accounts',
  'card_accounts',
  'corporate_accounts',
  'pending_transactions',
  'private_accounts',
  'read_debtor_account',
  'read_refund_account',
  'separate_continuous_history_consent',
  'ssn_verification',
] as const;
export type Feature = (typeof FEATURES)[number];

/** Countries the API serves (EEA and GB); `XX` is the pseudo-country of the real API's test bank. */
export const COUNTRIES = new Set('AT BE BG HR CY CZ DK EE FI FR DE GR HU IS IE IT LV LI LT LU MT NL NO PL PT RO SK SI ES SE GB XX'.split(' '));

export interface SandboxInstitution {
  id: string;
  name: string;
  bic: string;
  countries: string[];
  transactionTotalDays: number;
  maxAccessValidForDays: number;
  features: Feature[];
  /** How many accounts a consent links. */
  accounts: 1 | 2 | 3;
  currency: string;
  /** IBAN country and the fixed start of the BBAN (bank / branch code); the rest is generated digits. */
  iban: { country: string; bank: string };
  /**
   * What the bank really accepts when it is less than it advertises (some do):
   * an agreement above these gets the 400 field error stating the limit.
   */
  accepts?: { historyDays?: number; accessDays?: number };
  /** Transactions with blank or repeated `transactionId`s and no `internalTransactionId`, as some banks send them. */
  unreliableIds?: boolean;
}

export const SANDBOX_INSTITUTION_ID = 'SANDBOXFINANCE_SFIN0000';

const PERSONAL: Feature[] = ['access_scopes', 'card_accounts', 'pending_transactions', 'private_accounts'];
const FULL: Feature[] = [...PERSONAL, 'account_selection', 'business_accounts', 'corporate_accounts', 'read_debtor_account'];

function bank(
  id: string,
  name: string,
  countries: string[],
  features: Feature[],
  extra: Partial<SandboxInstitution> & Pick<SandboxInstitution, 'iban' | 'currency'>,
): SandboxInstitution {
  const bic = id.slice(id.lastIndexOf('_') + 1);
  return { id, name, bic, countries, transactionTotalDays: 90, maxAccessValidForDays: 180, features, accounts: 1, ...extra };
}

const CATALOGUE: SandboxInstitution[] = extendCatalogue([
  bank(
    SANDBOX_INSTITUTION_ID,
    'Sandbox Finance',
    ['XX', 'GB', 'DE', 'FR', 'ES', 'NL'],
    [...FULL, 'read_refund_account', 'separate_continuous_history_consent', 'ssn_verification'],
    {
      accounts: 2,
      currency: 'EUR',
      iban: { country: 'GL', bank: '' },
    },
  ),
  // Great Britain
  bank('MONZO_MONZGB2L', 'Monzo Bank', ['GB'], [...PERSONAL, 'business_accounts'], {
    accounts: 1,
    currency: 'GBP',
    iban: { country: 'GB', bank: 'MONZ040004' },
  }),
  bank('BARCLAYS_BUKBGB22', 'Barclays', ['GB'], FULL, {
    accounts: 2,
    currency: 'GBP',
    transactionTotalDays: 730,
    maxAccessValidForDays: 90,
    iban: { country: 'GB', bank: 'BUKB202015' },
  }),
  bank('HSBC_HBUKGB4B', 'HSBC UK Personal', ['GB'], PERSONAL, {
    accounts: 2,
    currency: 'GBP',
    transactionTotalDays: 730,
    maxAccessValidForDays: 90,
    iban: { country: 'GB', bank: 'HBUK400515' },
  }),
  bank('NATWEST_NWBKGB2L', 'NatWest', ['GB'], [...PERSONAL, 'account_selection'], {
    accounts: 1,
    currency: 'GBP',
    transactionTotalDays: 730,
    maxAccessValidForDays: 90,
    iban: { country: 'GB', bank: 'NWBK601613' },
  }),
  bank('STARLING_SRLGGB3L', 'Starling Bank', ['GB'], [...PERSONAL, 'business_accounts'], {
    accounts: 1,
    currency: 'GBP',
    transactionTotalDays: 540,
    iban: { country: 'GB', bank: 'SRLG608371' },
  }),
  bank('REVOLUT_REVOGB21', 'Revolut', ['GB'], [...PERSONAL, 'business_accounts', 'account_selection'], {
    accounts: 3,
    currency: 'GBP',
    transactionTotalDays: 730,
    iban: { country: 'GB', bank: 'REVO009971' },
  }),
  // 180 days of history; blank or repeated transaction ids (see `unreliableIds`).
  bank('HARBOUR_HRBSGB2L', 'Harbour Savings', ['GB'], PERSONAL, {
    accounts: 1,
    currency: 'GBP',
    transactionTotalDays: 180,
    unreliableIds: true,
    iban: { country: 'GB', bank: 'HRBS401276' },
  }),
  // Germany
  bank('DEUTSCHE_BANK_DEUTDEFF', 'Deutsche Bank', ['DE'], FULL, { accounts: 2, currency: 'EUR', iban: { country: 'DE', bank: '50070010' } }),
  bank('COMMERZBANK_COBADEFF', 'Commerzbank', ['DE'], [...PERSONAL, 'business_accounts'], { currency: 'EUR', iban: { country: 'DE', bank: '50040000' } }),
  bank('ING_INGDDEFF', 'ING', ['DE'], ['access_scopes', 'private_accounts', 'pending_transactions'], {
    currency: 'EUR',
    transactionTotalDays: 730,
    iban: { country: 'DE', bank: '50010517' },
  }),
  bank('DKB_BYLADEM1001', 'DKB', ['DE'], ['private_accounts', 'card_accounts'], { currency: 'EUR', iban: { country: 'DE', bank: '12030000' } }),
  // Advertises 730 days of history and 180 of access, accepts 365 and 90.
  bank('KESTREL_KSTLDEFF', 'Kestrel Bank', ['DE'], PERSONAL, {
    currency: 'EUR',
    transactionTotalDays: 730,
    maxAccessValidForDays: 180,
    accepts: { historyDays: 365, accessDays: 90 },
    iban: { country: 'DE', bank: '37040044' },
  }),
  bank('N26_NTSBDEB1', 'N26 Bank', ['DE', 'FR', 'ES', 'NL', 'AT', 'IT'], [...PERSONAL, 'business_accounts'], {
    accounts: 2,
    currency: 'EUR',
    transactionTotalDays: 730,
    iban: { country: 'DE', bank: '10011001' },
  }),
  // France
  bank('BNP_PARIBAS_BNPAFRPP', 'BNP Paribas', ['FR'], FULL, { accounts: 2, currency: 'EUR', iban: { country: 'FR', bank: '3000400828' } }),
  bank('SOCIETE_GENERALE_SOGEFRPP', 'Société Générale', ['FR'], [...PERSONAL, 'business_accounts', 'corporate_accounts'], {
    currency: 'EUR',
    iban: { country: 'FR', bank: '3000301234' },
  }),
  bank('BOURSORAMA_BOUSFRPP', 'Boursorama Banque', ['FR'], ['private_accounts', 'card_accounts', 'access_scopes'], {
    currency: 'EUR',
    transactionTotalDays: 365,
    iban: { country: 'FR', bank: '4061800001' },
  }),
  bank('CREDIT_AGRICOLE_AGRIFRPP', 'Crédit Agricole', ['FR'], ['business_accounts', 'corporate_accounts', 'read_debtor_account'], {
    currency: 'EUR',
    iban: { country: 'FR', bank: '1820600400' },
  }),
  // Spain
  bank('BBVA_BBVAESMM', 'BBVA', ['ES'], FULL, { accounts: 2, currency: 'EUR', transactionTotalDays: 730, iban: { country: 'ES', bank: '01820000' } }),
  bank('SANTANDER_BSCHESMM', 'Banco Santander', ['ES'], [...PERSONAL, 'business_accounts'], { currency: 'EUR', iban: { country: 'ES', bank: '00490001' } }),
  bank('CAIXABANK_CAIXESBB', 'CaixaBank', ['ES'], [...PERSONAL, 'ssn_verification'], { currency: 'EUR', iban: { country: 'ES', bank: '21000418' } }),
  bank('ING_INGDESMM', 'ING España', ['ES'], ['access_scopes', 'private_accounts'], { currency: 'EUR', iban: { country: 'ES', bank: '14650100' } }),
  // The Netherlands
  bank('ING_INGBNL2A', 'ING', ['NL'], [...PERSONAL, 'business_accounts'], {
    accounts: 2,
    currency: 'EUR',
    transactionTotalDays: 730,
    iban: { country: 'NL', bank: 'INGB' },
  }),
  bank('ABNAMRO_ABNANL2A', 'ABN AMRO', ['NL'], FULL, { currency: 'EUR', transactionTotalDays: 540, iban: { country: 'NL', bank: 'ABNA' } }),
  bank('RABOBANK_RABONL2U', 'Rabobank', ['NL'], [...PERSONAL, 'corporate_accounts'], { currency: 'EUR', iban: { country: 'NL', bank: 'RABO' } }),
  bank('BUNQ_BUNQNL2A', 'bunq', ['NL', 'DE', 'FR', 'ES'], [...PERSONAL, 'business_accounts', 'account_selection'], {
    accounts: 2,
    currency: 'EUR',
    iban: { country: 'NL', bank: 'BUNQ' },
  }),
  // A user's account set changes between connections (returning-user.ts).
  ACCOUNT_SET_BANK,
  // The banks that play what real bank data does (quirks.ts).
  ...QUIRK_BANKS,
]).sort((a, b) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id));

const BY_ID = new Map(CATALOGUE.map((institution) => [institution.id, institution]));

export function findInstitution(id: string): SandboxInstitution | undefined {
  return BY_ID.get(id);
}

export function toIntegration(institution: SandboxInstitution): Integration {
  return {
    id: institution.id,
    name: institution.name,
    bic: institution.bic,
    transaction_total_days: String(institution.transactionTotalDays),
    max_access_valid_for_days: String(institution.maxAccessValidForDays),
    max_access_valid_for_days_reconfirmation: '730',
    countries: [...institution.countries],
    logo: `https://cdn-logos.gocardless.com/ais/${institution.id}.png`,
  };
}

export function toIntegrationRetrieve(institution: SandboxInstitution): IntegrationRetrieve {
  return {
    ...toIntegration(institution),
    supported_features: [...institution.features],
    identification_codes: [institution.bic],
  };
}

/**
 * `GET /institutions/`: `country` (case-insensitive ISO code) and every
 * `<feature>_supported` filter as "true" (has it) or "false" (lacks it).
 * Other values are a per-field 400; unknown parameters are ignored.
 */
export function listInstitutions(query: URLSearchParams): Integration[] {
  const problems: Record<string, FieldProblem> = {};
  const country = query.get('country')?.toUpperCase();
  if (country !== undefined && !COUNTRIES.has(country)) {
    problems.country = { summary: 'Invalid country choice.', detail: `'${query.get('country')}' is not a valid choice.` };
  }
  const wanted = new Map<Feature, boolean>();
  for (const feature of FEATURES) {
    const raw = query.get(`${feature}_supported`);
    if (raw === null) continue;
    if (raw !== 'true' && raw !== 'false') {
      problems[`${feature}_supported`] = { summary: 'Must be a valid boolean.', detail: `Expected "true" or "false", got '${raw}'.` };
    } else {
      wanted.set(feature, raw === 'true');
    }
  }
  if (Object.keys(problems).length > 0) throw fieldErrors(problems);
  return CATALOGUE.filter(
    (institution) =>
      (country === undefined || institution.countries.includes(country)) &&
      [...wanted].every(([feature, value]) => institution.features.includes(feature) === value),
  ).map(toIntegration);
}
