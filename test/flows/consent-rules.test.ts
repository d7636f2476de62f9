/** The consent rules by table: expiry, days left and the reconfirmation window, without sockets. */
import { DAY_MS as DAY } from '../../src/account-data';
import { consentTiming, reconfirmationPeriodEnd } from '../../src/flows/consent-rules';

const ACCEPTED = Date.parse('2024-01-01T00:00:00Z');
const at = (days: number) => ACCEPTED + days * DAY;
const iso = (days: number) => new Date(at(days)).toISOString();

describe('reconfirmationPeriodEnd', () => {
  it('is a number of epoch ms: 90 days after acceptance, or after the latest reconfirmation', () => {
    expect(reconfirmationPeriodEnd(at(0), undefined)).toBe(at(90));
    expect(reconfirmationPeriodEnd(at(0), at(85))).toBe(at(175));
  });
});

describe('consentTiming', () => {
  it.each<
    [
      string,
      { accepted: string | null; access_valid_for_days: number; reconfirmation: boolean },
      string | undefined,
      number,
      { expiresAt?: string; daysLeft?: number; reconfirmable: boolean },
    ]
  >([
    ['not accepted yet', { accepted: null, access_valid_for_days: 90, reconfirmation: false }, undefined, 0, { reconfirmable: false }],
    [
      'plain agreement, day 0',
      { accepted: iso(0), access_valid_for_days: 90, reconfirmation: false },
      undefined,
      at(0),
      { expiresAt: iso(90), daysLeft: 90, reconfirmable: false },
    ],
    [
      'plain agreement, part of a day left rounds up',
      { accepted: iso(0), access_valid_for_days: 90, reconfirmation: false },
      undefined,
      at(89.5),
      { expiresAt: iso(90), daysLeft: 1, reconfirmable: false },
    ],
    [
      'plain agreement, expired',
      { accepted: iso(0), access_valid_for_days: 90, reconfirmation: false },
      undefined,
      at(120),
      { expiresAt: iso(90), daysLeft: 0, reconfirmable: false },
    ],
    [
      'reconfirmation, before the window',
      { accepted: iso(0), access_valid_for_days: 180, reconfirmation: true },
      undefined,
      at(75),
      { expiresAt: iso(90), daysLeft: 15, reconfirmable: false },
    ],
    [
      'reconfirmation, window opens 14 days before the period ends',
      { accepted: iso(0), access_valid_for_days: 180, reconfirmation: true },
      undefined,
      at(76),
      { expiresAt: iso(90), daysLeft: 14, reconfirmable: true },
    ],
    [
      'reconfirmation, paused but still within 14 days after',
      { accepted: iso(0), access_valid_for_days: 180, reconfirmation: true },
      undefined,
      at(104),
      { expiresAt: iso(90), daysLeft: 0, reconfirmable: true },
    ],
    [
      'reconfirmation, window closed',
      { accepted: iso(0), access_valid_for_days: 180, reconfirmation: true },
      undefined,
      at(104.01),
      { expiresAt: iso(90), daysLeft: 0, reconfirmable: false },
    ],
    [
      'reconfirmed on day 85: the next period counts from then, capped by access',
      { accepted: iso(0), access_valid_for_days: 180, reconfirmation: true },
      iso(85),
      at(100),
      { expiresAt: iso(175), daysLeft: 75, reconfirmable: false },
    ],
    [
      'reconfirmed on day 100: access ends before the next period, nothing left to reconfirm',
      { accepted: iso(0), access_valid_for_days: 180, reconfirmation: true },
      iso(100),
      at(170),
      { expiresAt: iso(180), daysLeft: 10, reconfirmable: false },
    ],
  ])('%s', (_label, agreement, lastSubmitted, now, expected) => {
    const timing = consentTiming(agreement, lastSubmitted === undefined ? undefined : { last_submitted: lastSubmitted }, now);
    expect({ expiresAt: timing.expiresAt?.toISOString(), daysLeft: timing.daysLeft, reconfirmable: timing.reconfirmable }).toEqual({
      expiresAt: undefined,
      daysLeft: undefined,
      ...expected,
    });
  });
});
