/**
 * The banks that send what real banks send and the published spec does not
 * say, so that an app's tests meet it before its users do (the table in
 * index.ts says what each one plays):
 * - `LANTERN_LNTNGB2L`, a credit card whose `interimAvailable` includes its
 *   limit, with stable `transactionId`s;
 * - `MERIDIAN_MRDNDEFF`, merchant data outside the spec, `currencyExchange` as
 *   one object, and no `transactionId` ever.
 *
 * Every other bank keeps the everyday quirks of account-data.ts (pending ids
 * that change, value dates after booking dates) and those its entry in
 * institutions.ts names. The data stays seeded: the same seed, bank and day
 * give the same rows, pending or booked.
 */
import type { BalanceSchema, DetailSchema, TransactionSchema } from '../index';
import type { Feature, SandboxInstitution } from './institutions';
import { pick, randomHex, randomInt, seeded } from './prng';

export interface BankQuirks {
  /** A credit card account: the balance is what is owed, and one available balance includes the limit. */
  creditCard?: { name: string; limitCents: number };
  /**
   * `stable`: a pending row carries the `transactionId` it keeps when booked.
   * `never`: no row carries a `transactionId`; pending rows then have no id at all.
   */
  transactionIds?: 'stable' | 'never';
  /** Card payments carry merchant data outside the spec; some are paid abroad, with `currencyExchange` as one object. */
  merchantData?: boolean;
}

const CARD_FEATURES: Feature[] = ['access_scopes', 'card_accounts', 'pending_transactions', 'private_accounts'];

/** The banks above, as the catalogue lists them (institutions.ts adds them to its own). */
export const QUIRK_BANKS: SandboxInstitution[] = [
  {
    id: 'LANTERN_LNTNGB2L',
    name: 'Lantern Card',
    bic: 'LNTNGB2L',
    countries: ['GB'],
    transactionTotalDays: 365,
    maxAccessValidForDays: 180,
    features: CARD_FEATURES,
    accounts: 1,
    currency: 'GBP',
    iban: { country: 'GB', bank: 'LNTN404011' },
  },
  {
    id: 'MERIDIAN_MRDNDEFF',
    name: 'Meridian Bank',
    bic: 'MRDNDEFF',
    countries: ['DE', 'NL', 'FR', 'ES'],
    transactionTotalDays: 730,
    maxAccessValidForDays: 180,
    features: [...CARD_FEATURES, 'business_accounts'],
    accounts: 2,
    currency: 'EUR',
    iban: { country: 'DE', bank: '70020270' },
  },
];

const QUIRKS: Record<string, BankQuirks> = {
  LANTERN_LNTNGB2L: { creditCard: { name: 'Lantern Rewards Card', limitCents: 250_000 }, transactionIds: 'stable' },
  MERIDIAN_MRDNDEFF: { merchantData: true, transactionIds: 'never' },
};

const NONE: BankQuirks = {};

export function quirksOf(institutionId: string): BankQuirks {
  return QUIRKS[institutionId] ?? NONE;
}

/** What a card account's details add: its name, the card's masked number and its credit limit. */
export function cardDetails(key: string, card: { name: string; limitCents: number }, currency: string, formatCents: (cents: number) => string): DetailSchema {
  const random = seeded(key, 'card');
  return {
    name: card.name,
    product: 'Credit Card',
    cashAccountType: 'CARD',
    maskedPan: `535522******${String(randomInt(random, 0, 9999)).padStart(4, '0')}`,
    creditLimit: { amount: formatCents(card.limitCents), currency },
  };
}

/**
 * A card account's balances: what is owed, booked and with pending rows
 * (negative amounts), and what can still be spent, which includes the limit.
 */
export function cardBalances(
  booked: { cents: number; date: string },
  withPending: { cents: number; date: string },
  limitCents: number,
  amount: (cents: number) => BalanceSchema['balanceAmount'],
  nowIso: string,
): BalanceSchema[] {
  return [
    { balanceAmount: amount(booked.cents), balanceType: 'closingBooked', creditLimitIncluded: false, referenceDate: booked.date },
    { balanceAmount: amount(withPending.cents), balanceType: 'interimBooked', creditLimitIncluded: false, referenceDate: withPending.date },
    {
      balanceAmount: amount(limitCents + withPending.cents),
      balanceType: 'interimAvailable',
      creditLimitIncluded: true,
      lastChangeDateTime: nowIso,
      referenceDate: withPending.date,
    },
  ];
}

const ABROAD = [
  { currency: 'USD', country: 'US', cities: ['New York', 'Austin', 'San Francisco'], perEur: [1.04, 1.12] },
  { currency: 'GBP', country: 'GB', cities: ['London', 'Manchester', 'Edinburgh'], perEur: [0.83, 0.88] },
  { currency: 'CHF', country: 'CH', cities: ['Zurich', 'Geneva', 'Basel'], perEur: [0.93, 0.98] },
];
const HOME_CITIES = ['Berlin', 'Amsterdam', 'Paris', 'Madrid', 'Hamburg'];

/**
 * The merchant data a Meridian card payment carries: its category code, the
 * acceptor's details, and one in five is paid abroad (`currencyExchange` as one
 * object, the way many banks send it). Drawn from its own stream per row, so
 * the row is the same pending and booked.
 */
export function merchantData(key: string, date: string, index: number, mcc: string, currency: string): Partial<TransactionSchema> {
  const random = seeded(key, 'merchant', date, index);
  const abroad = random() < 0.2 ? pick(random, ABROAD) : undefined;
  const acceptor = { cardAcceptorId: randomHex(random, 15).toUpperCase(), city: abroad ? pick(random, abroad.cities) : pick(random, HOME_CITIES) };
  const fields: Partial<TransactionSchema> = {
    merchantCategoryCode: mcc,
    additionalDataStructured: { ...acceptor, country: abroad?.country ?? 'DE', posEntryMode: pick(random, ['contactless', 'chip', 'online']) },
  };
  if (abroad) {
    const [low, high] = abroad.perEur;
    const rate = (1 / (low + (high - low) * random())).toFixed(4);
    fields.currencyExchange = {
      sourceCurrency: abroad.currency,
      exchangeRate: rate,
      unitCurrency: abroad.currency,
      targetCurrency: currency,
      quotationDate: date,
    };
  }
  return fields;
}
