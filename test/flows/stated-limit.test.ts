/** The limit a 400 field error states, read by connect to retry once: both shapes and both wordings, by table. */
import { createApiException } from '../../src/errors';
import { statedLimit } from '../../src/flows/connect';

describe('statedLimit', () => {
  it.each<[string, Record<string, unknown> | string, 'max_historical_days' | 'access_valid_for_days', number | undefined]>([
    [
      'object form, "<= N for ID"',
      { max_historical_days: { summary: 'Incorrect max_historical_days', detail: 'max_historical_days must be > 0 and <= 365 for KESTREL_KSTLDEFF' } },
      'max_historical_days',
      365,
    ],
    [
      'object form, an id with digits after the limit',
      { max_historical_days: { summary: 'x', detail: 'max_historical_days must be > 0 and <= 90 for DKB_BYLADEM1001' } },
      'max_historical_days',
      90,
    ],
    [
      'list form, the published wording "(N)" after an id with digits',
      {
        max_historical_days: [
          { summary: 'Incorrect max_historical_days', detail: 'max_historical_days must be > 0 and <= N26_NTSBDEB1 transaction_total_days (90)' },
        ],
      },
      'max_historical_days',
      90,
    ],
    [
      'list form, access',
      { access_valid_for_days: [{ summary: 'Incorrect access_valid_for_days', detail: 'access_valid_for_days must be > 0 and <= 180' }] },
      'access_valid_for_days',
      180,
    ],
    [
      'list form, the limit in the second of two errors',
      {
        max_historical_days: [
          { summary: 'Invalid', detail: 'must be a whole number' },
          { summary: 'Incorrect max_historical_days', detail: 'must be <= 730' },
        ],
      },
      'max_historical_days',
      730,
    ],
    ['a list of strings', { access_valid_for_days: ['Ensure this value is less than or equal to 90 (90).'] }, 'access_valid_for_days', 90],
    ['another field only', { access_scope: [{ summary: 'Unknown value', detail: 'Choose <= 3 scopes' }] }, 'max_historical_days', undefined],
    [
      'no limit stated',
      { max_historical_days: { summary: 'Incorrect max_historical_days', detail: 'must be a whole number' } },
      'max_historical_days',
      undefined,
    ],
    ['not JSON', 'Bad Request', 'max_historical_days', undefined],
  ])('%s', (_label, body, field, expected) => {
    // Read from the exception the client raises for such a response, as connect does.
    const error = createApiException({ status: 400, body: typeof body === 'string' ? body : JSON.stringify({ ...body, status_code: 400 }) });
    expect(statedLimit(error.fieldErrors, field)).toBe(expected);
  });
});
