/**
 * The rest of the catalogue: banks of every EEA country the API serves (the
 * first, hand-described banks of GB, DE, FR, ES and NL are in institutions.ts),
 * and the countries each multi-country bank is listed in. The API lists a bank
 * that serves several countries once per country, under one id: a `?country=LV`
 * list has `REVOLUT_REVOGB21`.
 *
 * One row per bank: country, id, name, and the start of its accounts' BBAN
 * (bank and branch code); the rest of a bank's description follows from its
 * country and its row's position, so the table stays compact.
 */
import type { Feature, SandboxInstitution } from './institutions';

const EEA_AND_GB = 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IS IE IT LV LI LT LU MT NL NO PL PT RO SK SI ES SE GB'.split(' ');
const EURO_AREA = new Set('AT BE HR CY EE FI FR DE GR IE IT LV LT LU MT NL PT SK SI ES'.split(' '));
const CURRENCY: Record<string, string> = {
  BG: 'BGN',
  CZ: 'CZK',
  DK: 'DKK',
  HU: 'HUF',
  IS: 'ISK',
  LI: 'CHF',
  NO: 'NOK',
  PL: 'PLN',
  RO: 'RON',
  SE: 'SEK',
  GB: 'GBP',
};

/** BBAN lengths (IBAN length less four) of the countries the catalogue's accounts are in. */
export const BBAN_LENGTHS: Readonly<Record<string, number>> = Object.fromEntries(
  'AT20 BE16 BG22 HR21 CY28 CZ24 DK18 EE20 FI18 FR27 DE22 GR27 HU28 IS26 IE22 IT27 LV21 LI21 LT20 LU20 MT31 NL18 NO15 PL28 PT25 RO24 SK24 SI19 ES24 SE24 GB22'
    .split(' ')
    .map((entry) => [entry.slice(0, 2), Number(entry.slice(2)) - 4]),
);

/** Where each multi-country bank of institutions.ts is listed besides its home country. */
const LISTED_IN: Record<string, readonly string[]> = {
  REVOLUT_REVOGB21: EEA_AND_GB,
  N26_NTSBDEB1: 'AT BE DE DK EE ES FI FR GR IE IS IT LI LT LU LV NL NO PL PT SE SI SK'.split(' '),
  BUNQ_BUNQNL2A: 'AT BE DE ES FI FR IE IT NL PT'.split(' '),
};

// country, id, name, BBAN start
const LOCAL_BANKS: ReadonlyArray<readonly [string, string, string, string]> = [
  ['AT', 'ERSTE_BANK_GIBAATWW', 'Erste Bank und Sparkassen', '20111'],
  ['AT', 'RAIFFEISEN_AT_RZBAATWW', 'Raiffeisen Bank', '31000'],
  ['BE', 'KBC_KREDBEBB', 'KBC', '734'],
  ['BE', 'BELFIUS_GKCCBEBB', 'Belfius', '068'],
  ['BE', 'BNP_BE_GEBABEBB', 'BNP Paribas Fortis', '001'],
  ['BG', 'DSK_BANK_STSABGSF', 'DSK Bank', 'STSA9300'],
  ['BG', 'UNICREDIT_BULBANK_UNCRBGSF', 'UniCredit Bulbank', 'UNCR7000'],
  ['HR', 'ZABA_ZABAHR2X', 'Zagrebačka banka', '2360000'],
  ['HR', 'PBZ_PBZGHR2X', 'Privredna banka Zagreb', '2340009'],
  ['CY', 'BANK_OF_CYPRUS_BCYPCY2N', 'Bank of Cyprus', '00200128'],
  ['CY', 'HELLENIC_BANK_HEBACY2N', 'Hellenic Bank', '00500001'],
  ['CZ', 'CSOB_CZ_CEKOCZPP', 'ČSOB', '0300'],
  ['CZ', 'CESKA_SPORITELNA_GIBACZPX', 'Česká spořitelna', '0800'],
  ['DK', 'DANSKEBANK_DABADKKK', 'Danske Bank', '3000'],
  ['DK', 'NORDEA_DK_NDEADKKK', 'Nordea', '2000'],
  ['EE', 'SWEDBANK_EE_HABAEE2X', 'Swedbank', '22'],
  ['EE', 'LHV_LHVBEE22', 'LHV Pank', '77'],
  ['FI', 'OP_OKOYFIHH', 'OP Financial Group', '5'],
  ['FI', 'NORDEA_FI_NDEAFIHH', 'Nordea', '1'],
  ['GR', 'PIRAEUS_PIRBGRAA', 'Piraeus Bank', '0171'],
  ['GR', 'NBG_ETHNGRAA', 'National Bank of Greece', '0110'],
  ['HU', 'OTP_OTPVHUHB', 'OTP Bank', '117'],
  ['HU', 'K_AND_H_OKHBHUHB', 'K&H Bank', '104'],
  ['IS', 'LANDSBANKINN_NBIIISRE', 'Landsbankinn', '0111'],
  ['IS', 'ISLANDSBANKI_GLITISRE', 'Íslandsbanki', '0515'],
  ['IE', 'AIB_AIBKIE2D', 'AIB', 'AIBK931152'],
  ['IE', 'BANK_OF_IRELAND_BOFIIE2D', 'Bank of Ireland', 'BOFI900017'],
  ['IT', 'INTESA_SANPAOLO_BCITITMM', 'Intesa Sanpaolo', 'X0306909606'],
  ['IT', 'UNICREDIT_UNCRITMM', 'UniCredit', 'X0200801600'],
  ['LV', 'SWEDBANK_LV_HABALV22', 'Swedbank', 'HABA'],
  ['LV', 'SEB_LV_UNLALV2X', 'SEB banka', 'UNLA'],
  ['LV', 'CITADELE_PARXLV22', 'Citadele', 'PARX'],
  ['LI', 'LLB_LILALI2X', 'Liechtensteinische Landesbank', '08800'],
  ['LI', 'VP_BANK_VPBVLI2X', 'VP Bank', '08805'],
  ['LT', 'SWEDBANK_LT_HABALT22', 'Swedbank', '73000'],
  ['LT', 'SEB_LT_CBVILT2X', 'SEB bankas', '70440'],
  ['LU', 'SPUERKEESS_BCEELULL', 'Spuerkeess', '001'],
  ['LU', 'BIL_BILLLULL', 'Banque Internationale à Luxembourg', '002'],
  ['MT', 'BOV_VALLMTMT', 'Bank of Valletta', 'VALL22013'],
  ['MT', 'HSBC_MT_MMEBMTMT', 'HSBC Malta', 'MMEB44093'],
  ['NO', 'DNB_DNBANOKK', 'DNB', '1503'],
  ['NO', 'SPAREBANK1_SPRONO22', 'SpareBank 1', '4200'],
  ['PL', 'PKO_BPKOPLPW', 'PKO Bank Polski', '10201026'],
  ['PL', 'MBANK_BREXPLPW', 'mBank', '11402004'],
  ['PT', 'CGD_CGDIPTPL', 'Caixa Geral de Depósitos', '0035'],
  ['PT', 'MILLENNIUM_BCOMPTPL', 'Millennium bcp', '0033'],
  ['RO', 'BCR_RNCBROBU', 'Banca Comercială Română', 'RNCB'],
  ['RO', 'BANCA_TRANSILVANIA_BTRLRO22', 'Banca Transilvania', 'BTRL'],
  ['SK', 'SLSP_GIBASKBX', 'Slovenská sporiteľňa', '0900'],
  ['SK', 'TATRA_TATRSKBX', 'Tatra banka', '1100'],
  ['SI', 'NLB_LJBASI2X', 'NLB', '02'],
  ['SI', 'NKBM_KBMASI2X', 'Nova KBM', '04'],
  ['SE', 'SWEDBANK_SWEDSESS', 'Swedbank', '8000'],
  ['SE', 'SEB_ESSESESS', 'SEB', '5000'],
  ['SE', 'HANDELSBANKEN_HANDSESS', 'Handelsbanken', '6000'],
];

/** Banks of many countries that institutions.ts does not describe. */
const MULTI_COUNTRY_BANKS: SandboxInstitution[] = [
  {
    id: 'WISE_TRWIGB22',
    name: 'Wise',
    bic: 'TRWIGB22',
    countries: EEA_AND_GB,
    transactionTotalDays: 730,
    maxAccessValidForDays: 180,
    features: ['access_scopes', 'business_accounts', 'private_accounts', 'pending_transactions'],
    accounts: 2,
    currency: 'EUR',
    iban: { country: 'BE', bank: '967' },
  },
];

// Alternating, so lists filtered by feature have banks of each country in and out.
const FEATURE_SETS: Feature[][] = [
  ['access_scopes', 'card_accounts', 'pending_transactions', 'private_accounts'],
  ['business_accounts', 'corporate_accounts', 'private_accounts', 'read_debtor_account'],
];

function localBank([country, id, name, bank]: readonly [string, string, string, string], index: number): SandboxInstitution {
  return {
    id,
    name,
    bic: id.slice(id.lastIndexOf('_') + 1),
    countries: [country],
    transactionTotalDays: [90, 365, 730][index % 3],
    maxAccessValidForDays: index % 2 === 0 ? 180 : 90,
    features: FEATURE_SETS[index % 2],
    accounts: index % 2 === 0 ? 1 : 2,
    currency: EURO_AREA.has(country) ? 'EUR' : (CURRENCY[country] ?? 'EUR'),
    iban: { country, bank },
  };
}

/** `banks` with the multi-country ones listed in all their countries, and the banks of the other countries added. */
export function extendCatalogue(banks: SandboxInstitution[]): SandboxInstitution[] {
  const listed = banks.map((institution) => {
    const more = LISTED_IN[institution.id];
    return more ? { ...institution, countries: [...new Set([...institution.countries, ...more])] } : institution;
  });
  return [...listed, ...MULTI_COUNTRY_BANKS, ...LOCAL_BANKS.map(localBank)];
}
