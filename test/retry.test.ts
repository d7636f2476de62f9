/**
 * The retry decision as a table: outcome, method, attempt, server wait, policy
 * and deadline in; a wait or a reason to give up out. No timers, no sockets.
 */
import { decideRetry, shouldRenewAndReplay, type AttemptOutcome, type RetryDecision, type RetryQuestion } from '../src/retry';

const POLICY = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryWaitMs: 60_000 };
const NOW = 1_000_000;
/** Jitter at its top (just under 1): the backoff is its ceiling, minus a ms at most. */
const HIGH = () => 0.9999999;

const status = (code: number): AttemptOutcome => ({ kind: 'status', status: code });
const refused: AttemptOutcome = { kind: 'refused' };
const connection: AttemptOutcome = { kind: 'connection' };
const timeout: AttemptOutcome = { kind: 'timeout' };
const unusable: AttemptOutcome = { kind: 'unusable' };

/**
 * The waits are asked after a GET's failed connection, which every policy resends:
 * they hold whichever statuses RESENT_STATUSES names.
 */
function ask(overrides: Partial<RetryQuestion>): RetryDecision {
  return decideRetry({ method: 'GET', outcome: connection, attempt: 0, policy: POLICY, now: NOW, deadline: NOW + 120_000, random: HIGH, ...overrides });
}

const wait = (waitMs: number): RetryDecision => ({ retry: true, waitMs });
const giveUp = (reason: string): RetryDecision => ({ retry: false, reason }) as RetryDecision;

describe('decideRetry: which outcomes are tried again, per method', () => {
  const cases: Array<[string, AttemptOutcome, boolean]> = [
    ['GET', status(429), true],
    ['GET', status(500), true],
    ['GET', status(502), true],
    ['GET', status(503), true],
    ['GET', status(504), true],
    ['GET', status(501), false],
    ['GET', status(400), false],
    ['GET', status(401), false],
    ['GET', status(404), false],
    ['GET', status(409), false],
    ['GET', refused, true],
    ['GET', connection, true],
    ['GET', timeout, true],
    ['GET', unusable, false],
    ['PUT', status(503), true],
    ['DELETE', timeout, true],
    ['delete', connection, true],
    // A POST creates something: sent again only when the server surely did not process it.
    ['POST', status(429), true],
    ['POST', refused, true],
    ['POST', status(500), false],
    ['POST', status(503), false],
    ['POST', connection, false],
    ['POST', timeout, false],
    ['POST', unusable, false],
  ];
  it.each(cases)('%s, %j → retried: %s', (method, outcome, retried) => {
    const decision = ask({ method, outcome });
    expect(decision.retry).toBe(retried);
    if (!decision.retry) expect(decision.reason).toBe('not resent');
  });
});

describe('decideRetry: how long to wait, and when to give up', () => {
  const cases: Array<[string, Partial<RetryQuestion>, RetryDecision]> = [
    ['first retry: backoff up to the base delay', { attempt: 0 }, wait(499)],
    ['second retry: backoff doubles', { attempt: 1 }, wait(999)],
    ['backoff never passes maxDelayMs', { attempt: 2, policy: { ...POLICY, maxRetries: 10 } }, wait(1_999)],
    ['backoff capped at maxDelayMs', { attempt: 6, policy: { ...POLICY, maxRetries: 10 } }, wait(7_999)],
    ['no jitter at the bottom: no wait', { random: () => 0 }, wait(0)],
    ['attempts exhausted', { attempt: 2 }, giveUp('no retries left')],
    ['maxRetries 0: never retried', { policy: { ...POLICY, maxRetries: 0 } }, giveUp('no retries left')],
    ['the server wait, when longer than the backoff', { outcome: status(429), serverWaitSeconds: 3 }, wait(3_000)],
    ['the backoff, when longer than the server wait', { outcome: status(429), serverWaitSeconds: 0.1, attempt: 1 }, wait(999)],
    ['a fractional server wait is rounded up to the ms', { outcome: status(429), serverWaitSeconds: 1.0001 }, wait(1_001)],
    ['server wait exactly maxRetryWaitMs: waited', { outcome: status(429), serverWaitSeconds: 60 }, wait(60_000)],
    ['server wait over maxRetryWaitMs', { outcome: status(429), serverWaitSeconds: 61 }, giveUp('server wait too long')],
    ['the wait would end after the deadline', { outcome: status(429), serverWaitSeconds: 5, deadline: NOW + 5_000 }, giveUp('deadline')],
    ['the wait ends just before the deadline', { outcome: status(429), serverWaitSeconds: 5, deadline: NOW + 5_001 }, wait(5_000)],
    ['the deadline already passed', { deadline: NOW - 1 }, giveUp('deadline')],
    ['not resent wins over everything else', { method: 'POST', outcome: timeout, attempt: 5 }, giveUp('not resent')],
  ];
  it.each(cases)('%s', (_name, question, expected) => {
    expect(ask(question)).toEqual(expected);
  });

  it('the jitter is spread over [0, ceiling): Math.random by default', () => {
    const waits = Array.from({ length: 200 }, () => {
      const decision = decideRetry({
        method: 'GET',
        outcome: connection,
        attempt: 3,
        policy: { ...POLICY, maxRetries: 10 },
        now: NOW,
        deadline: NOW + 120_000,
      });
      return decision.retry ? decision.waitMs : -1;
    });
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...waits)).toBeLessThan(4_000);
    expect(new Set(waits).size).toBeGreaterThan(100);
  });
});

describe('shouldRenewAndReplay: a 401 is cured by a new token once per call', () => {
  const base = { failure: { status: 401 }, sentToken: 'eyJ.token', replayed: false, canRenew: true };
  const cases: Array<[string, Partial<typeof base> & { sentToken?: string }, boolean]> = [
    ['a 401 to a token the client manages', {}, true],
    ['already replayed once in this call', { replayed: true }, false],
    ['nothing to renew with', { canRenew: false }, false],
    ['no token was sent (a token endpoint)', { sentToken: undefined }, false],
    ['a 403 is not about the token', { failure: { status: 403 } }, false],
  ];
  it.each(cases)('%s → %s', (_name, overrides, expected) => {
    expect(shouldRenewAndReplay({ ...base, ...overrides })).toBe(expected);
  });
});
