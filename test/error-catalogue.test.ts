/**
 * The error catalogue (src/error-codes.ts) held to the documented examples:
 * every error example of our OpenAPI document must be classified as its
 * `x-code` says, so a newly documented error fails here until it is classified;
 * and every example of the vendor's published document (../shared/reference)
 * is in ours and classified the same from the vendor's own wording.
 * Pure: no sockets.
 */
import fs from 'fs';
import path from 'path';
import { fieldErrorsOf } from '../src/error-body';
import { ERROR_CATALOGUE, classifyError, isAccountPath } from '../src/error-codes';
import { createApiException } from '../src/errors';
import { documentedErrorExamples, PUBLISHED_SPEC, type DocumentedExample } from './fixtures/error-examples';

const ours = documentedErrorExamples();
const published = fs.existsSync(PUBLISHED_SPEC) ? documentedErrorExamples(PUBLISHED_SPEC) : [];
const withPublished = published.length ? it : it.skip;
const label = (e: DocumentedExample) => `${e.operation} ${e.status} ${e.name}`;

describe('every documented error example of our document is classified as its x-code says', () => {
  it('the document has error examples (the table below is not empty)', () => {
    expect(ours.length).toBeGreaterThanOrEqual(100);
  });

  it.each(ours.map((e) => [label(e), e] as const))('%s', (_label, example) => {
    expect({ example: label(example), xCode: example.xCode }).toEqual({ example: label(example), xCode: expect.any(String) });
    expect(classifyError(example.status, example.value).code).toBe(example.xCode);
  });
});

describe(`the published examples (${path.basename(PUBLISHED_SPEC)})`, () => {
  withPublished('each is in our document under the same operation, status and name', () => {
    const ourLabels = new Set(ours.map(label));
    expect(published.map(label).filter((l) => !ourLabels.has(l))).toEqual([]);
    expect(published.length).toBe(ours.length);
  });

  withPublished("each is classified from the vendor's own wording as our x-code says", () => {
    const expected = new Map(ours.map((e) => [label(e), e.xCode]));
    const wrong = published
      .map((e) => ({ example: label(e), code: classifyError(e.status, e.value).code, expected: expected.get(label(e)) }))
      .filter((r) => r.code !== r.expected);
    expect(wrong).toEqual([]);
  });
});

describe('the catalogue', () => {
  it('has one entry per code, each documented by an example of its status', () => {
    const codes = ERROR_CATALOGUE.map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
    const documented = new Set(ours.map((e) => `${e.status} ${e.xCode}`));
    expect(ERROR_CATALOGUE.filter((entry) => !documented.has(`${entry.status} ${entry.code}`)).map((e) => e.code)).toEqual([]);
  });

  it('every code an example names has an entry (no example classified outside the table)', () => {
    const known = new Set(ERROR_CATALOGUE.map((entry) => entry.code as string));
    expect([...new Set(ours.map((e) => e.xCode))].filter((code) => !known.has(code!))).toEqual([]);
  });

  it('reconnectRequired exactly for the failures only the end user can cure', () => {
    expect(
      ERROR_CATALOGUE.filter((e) => e.reconnectRequired)
        .map((e) => e.code)
        .sort(),
    ).toEqual(['AccessExpiredError', 'AccountInactiveError', 'AccountSuspendedError', 'AccountValidEUAError', 'EUAExpiredError'].sort());
  });

  it('transient for limits and transient bank failures only', () => {
    expect(
      ERROR_CATALOGUE.filter((e) => e.transient === true)
        .map((e) => e.code)
        .sort(),
    ).toEqual(['ConnectionError', 'RateLimitError', 'RateLimitExceeded', 'ServiceError', 'UnknownRequestError'].sort());
  });

  it('institution errors are the bank failures the API types', () => {
    expect(
      ERROR_CATALOGUE.filter((e) => e.institution)
        .map((e) => e.code)
        .sort(),
    ).toEqual(['ConnectionError', 'ServiceError', 'UnknownRequestError']);
  });

  it.each(ours.map((e) => [label(e), e] as const))('flags of %s follow its entry', (_label, example) => {
    const entry = ERROR_CATALOGUE.find((e) => e.code === example.xCode)!;
    const result = classifyError(example.status, example.value);
    expect(result.reconnectRequired).toBe(entry.reconnectRequired);
    if (entry.transient !== 'while processing') expect(result.retryable).toBe(entry.transient);
  });
});

describe('classifyError beyond the examples', () => {
  const cases: Array<[string, number, unknown, string | undefined, boolean, boolean]> = [
    // name, status, body, code, reconnectRequired, retryable
    ['an HTML page of a proxy at 502', 502, undefined, undefined, false, true],
    ["a JSON 503 without type (GoCardless's edge)", 503, { summary: 'Service unavailable', status_code: 503 }, undefined, false, true],
    ['a 401 whose summary the catalogue does not know', 401, { summary: 'Something new', detail: 'x' }, undefined, false, false],
    ['an empty 401 body', 401, {}, undefined, false, false],
    ['a summary documented for another status', 403, { summary: 'Invalid token', detail: 'x' }, undefined, false, false],
    ['a type this version does not know, kept as sent', 403, { summary: 'x', type: 'BrandNewError' }, 'BrandNewError', false, false],
    ['a type wins over a summary', 401, { summary: 'Invalid token', type: 'AccessExpiredError' }, 'AccessExpiredError', true, false],
    ["a 429 without type is GoCardless's own limit", 429, { summary: 'Too many', status_code: 429 }, 'RateLimitExceeded', false, true],
    ["a 429 with type RateLimitError is the bank's", 429, { summary: 'x', type: 'RateLimitError' }, 'RateLimitError', false, true],
    [
      'an EUA expired summary with a real UUID',
      401,
      { summary: 'End User Agreement (EUA) 3fa85f64-5717-4562-b3fc-2c963f66afa6 has expired' },
      'EUAExpiredError',
      true,
      false,
    ],
    ['a 2xx body is never a catalogued failure', 200, { type: 'ServiceError' }, undefined, false, false],
    ['an array body', 400, [{ summary: 'Invalid ID' }], undefined, false, false],
  ];
  it.each(cases)('%s', (_name, status, body, code, reconnectRequired, retryable) => {
    expect(classifyError(status, body)).toEqual({ code, reconnectRequired, retryable });
  });

  it.each([
    ['PROCESSING', true],
    ['DISCOVERED', true],
    ['ERROR', false],
    ['SUSPENDED', false],
    ['EXPIRED', false],
  ])('AccountStateError exposes the account status %s (retryable: %s)', (status, retryable) => {
    const result = classifyError(409, { id: '3fa85f64-5717-4562-b3fc-2c963f66afa6', status });
    expect(result).toEqual({ code: 'AccountStateError', reconnectRequired: false, retryable, accountStatus: status });
  });

  it.each([
    ['/api/v2/accounts/3fa85f64-5717-4562-b3fc-2c963f66afa6/balances/', true],
    ['/api/v2/accounts/3fa85f64-5717-4562-b3fc-2c963f66afa6/transactions/?date_from=2025-01-01', true],
    ['/prefix/api/v2/accounts/abc/', true],
    ['/api/v2/accounts/', false],
    ['/api/v2/requisitions/3fa85f64-5717-4562-b3fc-2c963f66afa6/', false],
    [undefined, false],
  ])('isAccountPath(%s) → %s', (p, expected) => {
    expect(isAccountPath(p)).toBe(expected);
  });
});

describe('fieldErrors for every documented field-error shape', () => {
  const fieldShaped = ours.filter((e) => e.value && typeof e.value === 'object' && !('summary' in e.value) && !('status' in e.value));

  it('the document has each shape: object, list of objects, list of strings', () => {
    const shapes = new Set(
      fieldShaped.flatMap((e) =>
        Object.entries(e.value)
          .filter(([k]) => k !== 'status_code')
          .map(([, v]) => (Array.isArray(v) ? `list of ${typeof v[0]}` : typeof v)),
      ),
    );
    expect([...shapes].sort()).toEqual(['list of object', 'list of string', 'object']);
  });

  it.each(fieldShaped.map((e) => [label(e), e] as const))('%s reaches fieldErrors, each field with its messages', (_label, example) => {
    const body = JSON.stringify(example.value);
    const error = createApiException({ status: example.status, body });
    const fields = Object.keys(example.value).filter((k) => k !== 'status_code');
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(fields.sort());
    for (const field of fields) {
      const documented = example.value[field];
      const list = Array.isArray(documented) ? documented : [documented];
      const got = error.fieldErrors![field];
      const each = list.length > 1 ? got.errors : [got];
      expect(each).toEqual(list.map((item: any) => (typeof item === 'string' ? { summary: item } : { summary: item.summary, detail: item.detail })));
      for (const item of list) expect(error.message).toContain(typeof item === 'string' ? item : item.detail);
    }
  });

  it('several errors of one field: summary and detail join them, errors lists each', () => {
    const fields = fieldErrorsOf({
      redirect: [
        { summary: 'A', detail: 'a.' },
        { summary: 'B', detail: 'b.' },
      ],
      status_code: 400,
    });
    expect(fields).toEqual({
      redirect: {
        summary: 'A B',
        detail: 'a. b.',
        errors: [
          { summary: 'A', detail: 'a.' },
          { summary: 'B', detail: 'b.' },
        ],
      },
    });
  });

  it('an account body (409) has no field errors', () => {
    expect(fieldErrorsOf({ id: 'x', iban: 'GB00', status: 'ERROR' })).toBeUndefined();
  });
});

describe('every ApiException carries code, reconnectRequired and retryable', () => {
  it('from the response, and in toJSON', () => {
    const error = createApiException({
      status: 401,
      body: JSON.stringify({ summary: 'End User Agreement (EUA) x has expired', detail: 'd', status_code: 401 }),
    });
    expect(error).toMatchObject({ code: 'EUAExpiredError', reconnectRequired: true, retryable: false });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ code: 'EUAExpiredError', reconnectRequired: true, retryable: false });
  });

  it('AccountStateError exposes accountStatus', () => {
    const error = createApiException({ status: 409, body: JSON.stringify({ id: 'a', status: 'PROCESSING' }) });
    expect(error).toMatchObject({ code: 'AccountStateError', accountStatus: 'PROCESSING', retryable: true, reconnectRequired: false });
    expect(error.toJSON()).toMatchObject({ accountStatus: 'PROCESSING' });
  });
});
