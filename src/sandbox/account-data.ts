/**
 * Account data derived from the seed: the same seed, institution and account
 * position always give the same IBAN, owner, balances and transactions, whichever
 * requisition linked the account and in whatever order calls are made.
 *
 * Transactions are made per calendar day from (seed, account, date), so any date
 * window is cheap to produce and stable: 3-8 everyday payments a day, plus rent
 * on the 1st and salary on the 25th. The last 2 or 3 days (per account) are
 * still pending; earlier ones are booked, so as the sandbox clock moves, each
 * day's pending rows book. Amounts are kept in cents to stay exact.
 *
 * What real banks do and apps must cope with, played here:
 * - a pending row has no `internalTransactionId` and no booking date; of its
 *   `transactionId`, a third keep it when booked, a third get a new one, and a
 *   third have none while pending;
 * - money coming in is booked with the next day as its value date, and a date
 *   range matches a row by either date (as the API's `date_from`/`date_to` do),
 *   so rows booked the day before the range come back too;
 * - at an institution with `unreliableIds`, booked rows have no
 *   `internalTransactionId` and their `transactionId`s are blank or repeated;
 * - the banks of quirks.ts play a credit card, stable or absent
 *   `transactionId`s, and fields outside the spec.
 */
import type { AccountBalance, AccountDetail, TransactionSchema } from '../index';
import { DAY_MS } from './api-facts';
import { pick, randomHex, randomInt, seeded, type Random } from './prng';
import { reissuedId } from './returning-user';
import { BBAN_LENGTHS } from './catalogue';
import type { SandboxInstitution } from './institutions';
import { cardBalances, cardDetails, merchantData, quirksOf, type BankQuirks } from './quirks';

export interface AccountProfile {
  /** Seeds everything about the account. */
  key: string;
  institutionId: string;
  iban: string;
  bic: string;
  currency: string;
  ownerName: string;
  name: string;
  product: string;
  cashAccountType: string;
  /** The booked balance, in cents. */
  balanceCents: number;
  rentCents: number;
  salaryCents: number;
  employer: string;
  landlord: string;
  /** Days, today included, whose transactions are still pending. */
  pendingDays: number;
  pendingSupported: boolean;
  unreliableIds: boolean;
  quirks: BankQuirks;
}

const FIRST_NAMES = ['Alex', 'Sam', 'Jordan', 'Maria', 'Lukas', 'Camille', 'Sofia', 'Daan', 'Priya', 'Oliver', 'Lucía', 'Emma'];
const LAST_NAMES = ['Smith', 'Müller', 'Martin', 'García', 'de Vries', 'Jones', 'Schmidt', 'Bernard', 'López', 'Jansen', 'Patel', 'Dubois'];
const EMPLOYERS = ['Acme Ltd', 'Globex GmbH', 'Initech SAS', 'Umbrella BV', 'Hooli SL'];
const LANDLORDS = ['Parkside Lettings', 'City Homes', 'Immo Nord', 'Residencias Sol', 'Woonstad Wonen'];
const ACCOUNT_KINDS = [
  { name: 'Main Account', product: 'Current Account', cashAccountType: 'CACC' },
  { name: 'Bills Account', product: 'Joint Current Account', cashAccountType: 'CACC' },
  { name: 'Everyday Saver', product: 'Easy Access Savings', cashAccountType: 'SVGS' },
];
const BBAN_LENGTH: Record<string, number> = { ...BBAN_LENGTHS, GL: 14 };

interface Spend {
  names: string[];
  /** ISO 18245 merchant category code, sent by banks with merchant data. */
  mcc: string;
  min: number;
  max: number;
  code: string;
  proprietary: string;
  weight: number;
}
const SPENDS: Spend[] = [
  {
    names: ['Tesco', 'Lidl', 'Aldi', 'Carrefour', 'Albert Heijn', 'Mercadona', 'REWE'],
    mcc: '5411',
    min: 350,
    max: 9_500,
    code: 'PMNT-CCRD-POSD',
    proprietary: 'CARD_PAYMENT',
    weight: 5,
  },
  {
    names: ['Pret A Manger', 'Starbucks', 'Costa Coffee', 'Café Central'],
    mcc: '5814',
    min: 180,
    max: 950,
    code: 'PMNT-CCRD-POSD',
    proprietary: 'CARD_PAYMENT',
    weight: 4,
  },
  {
    names: ['Uber', 'Transport for London', 'Deutsche Bahn', 'SNCF', 'Shell'],
    mcc: '4111',
    min: 150,
    max: 6_500,
    code: 'PMNT-CCRD-POSD',
    proprietary: 'CARD_PAYMENT',
    weight: 3,
  },
  {
    names: ['Amazon', 'Zalando', 'IKEA', 'Decathlon', 'bol.com'],
    mcc: '5311',
    min: 799,
    max: 15_000,
    code: 'PMNT-CCRD-POSD',
    proprietary: 'CARD_PAYMENT',
    weight: 2,
  },
  {
    names: ['Pizza Express', 'Wagamama', 'Vapiano', 'Dishoom', 'Deliveroo'],
    mcc: '5812',
    min: 1_200,
    max: 8_500,
    code: 'PMNT-CCRD-POSD',
    proprietary: 'CARD_PAYMENT',
    weight: 2,
  },
  {
    names: ['Netflix', 'Spotify', 'Vodafone', 'Octopus Energy', 'Gym Group'],
    mcc: '4899',
    min: 799,
    max: 7_500,
    code: 'PMNT-IDDT-ESDD',
    proprietary: 'DIRECT_DEBIT',
    weight: 1,
  },
  { names: ['ATM withdrawal'], mcc: '6011', min: 2_000, max: 10_000, code: 'PMNT-CCRD-CWDL', proprietary: 'ATM', weight: 1 },
];
const SPEND_WEIGHT = SPENDS.reduce((sum, spend) => sum + spend.weight, 0);

/**
 * The profile of the `index`-th account a consent at `institution` links, for
 * the end user `user` (one default user when none is named).
 */
export function accountProfile(seed: string, institution: SandboxInstitution, index: number, user?: string): AccountProfile {
  const key = user === undefined ? `${seed}|${institution.id}|${index}` : `${seed}|${institution.id}|${index}|user:${user}`;
  const random = seeded(key, 'profile');
  const kind = ACCOUNT_KINDS[index % ACCOUNT_KINDS.length];
  const quirks = quirksOf(institution.id);
  const profile: AccountProfile = {
    key,
    institutionId: institution.id,
    iban: makeIban(institution.iban.country, institution.iban.bank, random),
    bic: institution.bic,
    currency: institution.currency,
    ownerName: `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`,
    ...kind,
    balanceCents: randomInt(random, 50_000, 900_000),
    rentCents: randomInt(random, 60_000, 180_000),
    salaryCents: randomInt(random, 220_000, 480_000),
    employer: pick(random, EMPLOYERS),
    landlord: pick(random, LANDLORDS),
    pendingDays: randomInt(random, 2, 3),
    pendingSupported: institution.features.includes('pending_transactions'),
    unreliableIds: institution.unreliableIds === true,
    quirks,
  };
  // A card's balance is what is owed: negative, and well within the limit.
  if (quirks.creditCard) profile.balanceCents = -randomInt(random, 10_000, Math.floor(quirks.creditCard.limitCents / 2));
  return profile;
}

/** An IBAN with valid ISO 13616 check digits. */
function makeIban(country: string, bank: string, random: Random): string {
  let bban = bank;
  while (bban.length < (BBAN_LENGTH[country] ?? 18)) bban += String(randomInt(random, 0, 9));
  const digits = `${bban}${country}00`.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  let remainder = 0;
  for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  return `${country}${String(98 - remainder).padStart(2, '0')}${bban}`;
}

export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` of a day number (days since the epoch, UTC). */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

export function accountDetails(profile: AccountProfile, accountId: string): AccountDetail {
  return {
    account: {
      resourceId: accountId,
      iban: profile.iban,
      currency: profile.currency,
      ownerName: profile.ownerName,
      name: profile.name,
      product: profile.product,
      cashAccountType: profile.cashAccountType,
      status: 'enabled',
      bic: profile.bic,
      ...(profile.quirks.creditCard ? cardDetails(profile.key, profile.quirks.creditCard, profile.currency, formatCents) : {}),
    },
  };
}

interface DayTransaction {
  cents: number;
  transaction: TransactionSchema;
}

/** The transactions of one day, newest first. Pending ones carry no booking date or transaction id, like the API's. */
function transactionsOfDay(profile: AccountProfile, day: number, pending: boolean): DayTransaction[] {
  const random = seeded(profile.key, 'day', day);
  const date = formatDay(day);
  const dayOfMonth = new Date(day * DAY_MS).getUTCDate();
  const out: DayTransaction[] = [];
  const { transactionIds, merchantData: sendsMerchantData, creditCard } = profile.quirks;
  const add = (cents: number, fields: Partial<TransactionSchema>, card?: Spend) => {
    // Drawn for pending ones too, so a day's transactions stay the same when they become booked.
    const drawnId = `${date.replace(/-/g, '')}${randomHex(random, 12)}`;
    const transactionId = transactionIds === 'never' ? undefined : drawnId;
    const internalTransactionId = randomHex(random, 32);
    if (card && sendsMerchantData) fields = { ...fields, ...merchantData(profile.key, date, out.length, card.mcc, profile.currency) };
    let transaction: TransactionSchema;
    if (pending) {
      // The id's last hex digit decides what the pending row carries (no extra draw, so booked data stays as it was).
      const variant = transactionIds === 'stable' ? 0 : parseInt(drawnId.slice(-1), 16) % 3;
      const pendingId = transactionId === undefined || variant === 2 ? undefined : variant === 0 ? transactionId : `P${drawnId.slice(1)}`;
      transaction = {
        ...(pendingId !== undefined ? { transactionId: pendingId } : {}),
        valueDate: date,
        transactionAmount: { amount: formatCents(cents), currency: profile.currency },
        ...fields,
      };
    } else {
      const valueDate = cents > 0 ? formatDay(day + 1) : date;
      transaction = {
        ...(transactionId === undefined ? {} : { transactionId: profile.unreliableIds ? unreliableId(transactionId, out.length) : transactionId }),
        bookingDate: date,
        valueDate,
        transactionAmount: { amount: formatCents(cents), currency: profile.currency },
        ...fields,
        ...(profile.unreliableIds ? {} : { internalTransactionId }),
      };
    }
    out.push({ cents, transaction });
  };

  if (creditCard && dayOfMonth === 1) {
    // A card gets no rent or salary: its statement is paid off by direct debit instead.
    add(randomInt(random, 5_000, Math.floor(creditCard.limitCents / 4)), {
      remittanceInformationUnstructured: 'DIRECT DEBIT PAYMENT - THANK YOU',
      bankTransactionCode: 'PMNT-RCDT-ESCT',
      proprietaryBankTransactionCode: 'REPAYMENT',
    });
  }
  if (!creditCard && dayOfMonth === 1) {
    add(-profile.rentCents, {
      creditorName: profile.landlord,
      creditorAccount: { iban: makeIban('GB', 'RENT000000', seeded(profile.key, 'landlord')) },
      remittanceInformationUnstructured: `Rent ${date.slice(0, 7)}`,
      bankTransactionCode: 'PMNT-ICDT-STDO',
      proprietaryBankTransactionCode: 'STANDING_ORDER',
    });
  }
  if (!creditCard && dayOfMonth === 25) {
    add(profile.salaryCents, {
      debtorName: profile.employer,
      debtorAccount: { iban: makeIban('GB', 'PAYR000000', seeded(profile.key, 'employer')) },
      remittanceInformationUnstructured: `Salary ${date.slice(0, 7)}`,
      bankTransactionCode: 'PMNT-RCDT-ESCT',
      proprietaryBankTransactionCode: 'TRANSFER',
    });
  }
  const count = randomInt(random, 3, 8);
  for (let i = 0; i < count; i++) {
    // One in ten everyday transactions is money coming in: a friend paying back, or a refund.
    if (random() < 0.1) {
      const friend = `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`;
      add(randomInt(random, 500, 6_000), {
        debtorName: friend,
        remittanceInformationUnstructured: pick(random, ['Dinner', 'Tickets', 'Thanks!', 'Groceries', 'Taxi share']),
        bankTransactionCode: 'PMNT-RCDT-ESCT',
        proprietaryBankTransactionCode: 'TRANSFER',
      });
      continue;
    }
    let roll = random() * SPEND_WEIGHT;
    const spend = SPENDS.find((candidate) => (roll -= candidate.weight) < 0) ?? SPENDS[0];
    const merchant = pick(random, spend.names);
    add(
      -randomInt(random, spend.min, spend.max),
      {
        creditorName: merchant,
        remittanceInformationUnstructured:
          spend.proprietary === 'CARD_PAYMENT' ? `${merchant.toUpperCase()} CARD ${randomHex(random, 4).toUpperCase()}` : merchant,
        bankTransactionCode: spend.code,
        proprietaryBankTransactionCode: spend.proprietary,
      },
      spend.proprietary === 'DIRECT_DEBIT' ? undefined : spend,
    );
  }
  return out.reverse();
}

/** A blank id for every third row of a day, the day's date (repeated) for the next, the real id for the rest. */
function unreliableId(transactionId: string, index: number): string {
  if (index % 3 === 0) return index % 2 === 0 ? '' : ' ';
  if (index % 3 === 1) return transactionId.slice(0, 8);
  return transactionId;
}

export interface TransactionWindow {
  /** First and last day (days since the epoch) to include: a row is in when its booking or value date is. */
  from: number;
  to: number;
  today: number;
  /** The first day whose rows exist at all (the agreement's history); default `from`. */
  historyFrom?: number;
}

/**
 * Booked and pending transactions with a booking or value date in the window,
 * newest first; with `accountId`, their `internalTransactionId`s are those of
 * that account resource (returning-user.ts).
 */
export function transactions(
  profile: AccountProfile,
  window: TransactionWindow,
  accountId?: string,
): { booked: TransactionSchema[]; pending: TransactionSchema[] } {
  const booked: TransactionSchema[] = [];
  const pending: TransactionSchema[] = [];
  const firstPendingDay = window.today - profile.pendingDays + 1;
  const from = formatDay(window.from);
  const to = formatDay(window.to);
  const inWindow = (date: string | undefined) => date !== undefined && date >= from && date <= to;
  // A value date is at most a day after the booking date, so the day before the window can match too.
  const firstDay = Math.max(window.from - 1, window.historyFrom ?? window.from);
  for (let day = Math.min(window.to, window.today); day >= firstDay; day--) {
    const isPending = day >= firstPendingDay;
    if (isPending && !profile.pendingSupported) continue;
    for (const { transaction } of transactionsOfDay(profile, day, isPending)) {
      if (!inWindow(transaction.bookingDate) && !inWindow(transaction.valueDate)) continue;
      const internalId = transaction.internalTransactionId;
      (isPending ? pending : booked).push(
        accountId !== undefined && internalId ? { ...transaction, internalTransactionId: reissuedId(internalId, accountId) } : transaction,
      );
    }
  }
  return { booked, pending };
}

/**
 * closingBooked at the end of the last booked day; interimAvailable and
 * expected add the pending transactions to it.
 */
export function balances(profile: AccountProfile, today: number, nowIso: string): AccountBalance {
  const lastBookedDay = today - profile.pendingDays;
  let pendingCents = 0;
  if (profile.pendingSupported) {
    for (let day = lastBookedDay + 1; day <= today; day++) {
      for (const { cents } of transactionsOfDay(profile, day, true)) pendingCents += cents;
    }
  }
  const amount = (cents: number) => ({ amount: formatCents(cents), currency: profile.currency });
  const { creditCard } = profile.quirks;
  if (creditCard) {
    const booked = { cents: profile.balanceCents, date: formatDay(lastBookedDay) };
    return { balances: cardBalances(booked, { cents: profile.balanceCents + pendingCents, date: formatDay(today) }, creditCard.limitCents, amount, nowIso) };
  }
  return {
    balances: [
      { balanceAmount: amount(profile.balanceCents), balanceType: 'closingBooked', referenceDate: formatDay(lastBookedDay) },
      { balanceAmount: amount(profile.balanceCents + pendingCents), balanceType: 'expected', referenceDate: formatDay(today) },
      {
        balanceAmount: amount(profile.balanceCents + pendingCents),
        balanceType: 'interimAvailable',
        creditLimitIncluded: false,
        lastChangeDateTime: nowIso,
        referenceDate: formatDay(today),
      },
    ],
  };
}
