/**
 * scripts/spec-diff.js: our OpenAPI document against published snapshots of the
 * vendor's (no drift with the current one, drift with an older one), and
 * synthetic changes to a copy of ours, which must each be reported.
 */
import fs from 'fs';
import path from 'path';
import { listOperations } from '../scripts/lib/spec';
import * as specDiffModule from '../scripts/spec-diff';

interface Finding {
  sign: '+' | '-' | '~';
  loc: string;
  what?: string;
  ours?: unknown;
  upstream?: unknown;
}
interface Normalized {
  info: { version: string };
  operations: Record<string, unknown>;
  schemas: Record<string, unknown>;
}
interface DiffResult {
  drift: Finding[];
  excused: Record<string, number>;
  intended?: (Finding & { rule: string })[];
}
interface SpecDiff {
  loadSpec(source: string): Promise<Record<string, any>>;
  normalize(doc: unknown): Normalized;
  diff(ours: Normalized, upstream: Normalized): DiffResult;
  formatDiff(result: DiffResult, ours: Normalized): string;
  RULES: Record<string, unknown>;
  INTENDED: string[];
  InputError: new (...args: unknown[]) => Error;
  main(argv: string[]): Promise<number>;
}

// A plain CommonJS script without type annotations: its exports, typed here.
const specDiff = specDiffModule as unknown as SpecDiff;

const OURS = path.join(__dirname, '..', 'openapi', 'bank-account-data.yaml');
const REFERENCE_DIR = path.join(__dirname, '..', '..', 'shared', 'reference');
const CURRENT = path.join(REFERENCE_DIR, 'gocardless-bank-account-data.openapi.2025-12-20.json');
const OLDER = path.join(REFERENCE_DIR, 'gocardless-bank-account-data.openapi.2024-12-06.json');
const referencesExist = fs.existsSync(CURRENT) && fs.existsSync(OLDER);

/** Drift lines as `sign loc[: what]`, for readable assertions. */
function lines(result: DiffResult): string[] {
  return result.drift.map((f) => `${f.sign} ${f.loc}${f.what ? `: ${f.what}` : ''}`);
}

let oursDoc: Record<string, any>;
let ours: Normalized;

/** Our document as the upstream side, after `mutate` changed a deep copy of it. */
function upstreamWith(mutate: (doc: Record<string, any>) => void): Normalized {
  const copy = structuredClone(oursDoc);
  mutate(copy);
  return specDiff.normalize(copy);
}

beforeAll(async () => {
  oursDoc = await specDiff.loadSpec(OURS);
  ours = specDiff.normalize(oursDoc);
});

describe(`against the published snapshots${referencesExist ? '' : ` (skipped: ${REFERENCE_DIR} not found)`}`, () => {
  // The snapshots live outside the repository, in ../shared/reference; without them these two cannot run.
  const withReference = referencesExist ? it : it.skip;

  withReference('2025-12-20 (current): no drift, only the named deliberate corrections excused', async () => {
    const upstream = specDiff.normalize(await specDiff.loadSpec(CURRENT));
    const result = specDiff.diff(ours, upstream);

    expect(lines(result)).toEqual([]);
    expect(Object.keys(result.excused).every((rule) => rule in specDiff.RULES)).toBe(true);
    // The corrections documented in our YAML are what is excused: version, token security, typed items, JSON-only bodies.
    expect(result.excused).toMatchObject({ a_infoVersion: 1, b_operationSecurity: 2, d_jsonBodyOnly: 6 });
    expect(result.excused.c_typedItems).toBeGreaterThan(0);
    expect(specDiff.formatDiff(result, ours)).toContain(`no drift: ${listOperations(oursDoc).length} operations`);
    // What banks really send, which the published spec types too narrowly: each listed by name.
    expect(result.intended?.map((f) => `${f.rule} ${f.loc}`)).toEqual([
      'i_declaredBeyondSpec schema DetailSchema.property creditLimit',
      'h_openSchema schema TransactionSchema',
      'g_widenedShape schema TransactionSchema.property currencyExchange',
    ]);
    expect(specDiff.formatDiff(result, ours)).toContain(
      '= schema TransactionSchema.property currencyExchange: shape ours=oneOf<CurrencyExchangeSchema | array<CurrencyExchangeSchema>> upstream=array<CurrencyExchangeSchema> [g_widenedShape]',
    );

    const log = jest.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await expect(specDiff.main([CURRENT])).resolves.toBe(0);
    } finally {
      log.mockRestore();
    }
  });

  withReference('2024-12-06 (older): drift reported, the reconfirm operations only in ours among it', async () => {
    const upstream = specDiff.normalize(await specDiff.loadSpec(OLDER));
    const result = specDiff.diff(ours, upstream);
    const found = lines(result);

    expect(found).toEqual(
      expect.arrayContaining([
        '+ GET /api/v2/agreements/enduser/{id}/reconfirm/',
        '+ POST /api/v2/agreements/enduser/{id}/reconfirm/',
        '+ schema ReconfirmationRetrieve',
        '- GET /api/v2/institutions/ param payments_enabled',
        '~ GET /api/v2/agreements/enduser/: operationId',
      ]),
    );
    const text = specDiff.formatDiff(result, ours);
    expect(text).toMatch(/^\+ only in ours \(\d+\):/);
    expect(text).toContain(`drift: ${result.drift.length} difference(s)`);

    const log = jest.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await expect(specDiff.main([OLDER])).resolves.toBe(1);
    } finally {
      log.mockRestore();
    }
  });
});

describe('synthetic changes to a copy of our document', () => {
  it('an identical copy has no drift at all (nothing to excuse either)', () => {
    const result = specDiff.diff(
      ours,
      upstreamWith(() => {}),
    );
    expect(result).toEqual({ drift: [], excused: {} });
  });

  it('a property removed upstream is reported as only in ours', () => {
    const result = specDiff.diff(
      ours,
      upstreamWith((doc) => {
        delete doc.components.schemas.RequisitionRequest.properties.ssn;
      }),
    );
    expect(lines(result)).toEqual(['+ schema RequisitionRequest.property ssn']);
  });

  it('a property added upstream is reported as only upstream', () => {
    const result = specDiff.diff(
      ours,
      upstreamWith((doc) => {
        doc.components.schemas.Account.properties.currency = { type: 'string' };
      }),
    );
    expect(lines(result)).toEqual(['- schema Account.property currency']);
  });

  it('a property whose type changed upstream is reported with both types', () => {
    const result = specDiff.diff(
      ours,
      upstreamWith((doc) => {
        doc.components.schemas.Integration.properties.transaction_total_days.type = 'integer';
      }),
    );
    expect(result.drift).toEqual([
      expect.objectContaining({ sign: '~', loc: 'schema Integration.property transaction_total_days', what: 'type', ours: 'string', upstream: 'integer' }),
    ]);
    expect(specDiff.formatDiff(result, ours)).toContain('~ schema Integration.property transaction_total_days: type ours=string upstream=integer');
  });

  it('a format change deep in a schema (uuid dropped from a path parameter) is reported', () => {
    const result = specDiff.diff(
      ours,
      upstreamWith((doc) => {
        for (const method of ['get', 'delete']) {
          const op = doc.paths['/api/v2/requisitions/{id}/'][method];
          op.parameters = [{ in: 'path', name: 'id', required: true, schema: { type: 'string' } }];
        }
      }),
    );
    expect(lines(result)).toEqual(['~ GET /api/v2/requisitions/{id}/ param id: format', '~ DELETE /api/v2/requisitions/{id}/ param id: format']);
  });

  it('a new required field and an enum value upstream are reported', () => {
    const result = specDiff.diff(
      ours,
      upstreamWith((doc) => {
        doc.components.schemas.EndUserAgreementRequest.required.push('max_historical_days');
        doc.components.schemas.StatusEnum.enum.push('XX');
      }),
    );
    expect(lines(result).sort()).toEqual(['- schema EndUserAgreementRequest.required max_historical_days', '- schema StatusEnum.enum XX'].sort());
  });

  it('an operation removed upstream, and a changed response schema, are reported', () => {
    const result = specDiff.diff(
      ours,
      upstreamWith((doc) => {
        delete doc.paths['/api/v2/accounts/{id}/details/'];
        doc.paths['/api/v2/accounts/{id}/'].get.responses['200'].content['application/json'].schema = { $ref: '#/components/schemas/AccountDetail' };
      }),
    );
    expect(lines(result).sort()).toEqual(['+ GET /api/v2/accounts/{id}/details/', '~ GET /api/v2/accounts/{id}/ response 200: schema'].sort());
  });

  it('a new documented error example upstream is reported, so it gets classified before the diff is clean', () => {
    const result = specDiff.diff(
      ours,
      upstreamWith((doc) => {
        const content = doc.paths['/api/v2/institutions/{id}/'].get.responses['404'].content['application/json'];
        content.examples.InstitutionGone = { value: { summary: 'Institution withdrawn', detail: 'x', status_code: 404 } };
      }),
    );
    expect(lines(result)).toEqual(['- GET /api/v2/institutions/{id}/ error example 404 InstitutionGone']);
  });

  it('untyped items upstream are excused (our typed items are a correction), typed-vs-typed changes are not', () => {
    const untyped = specDiff.diff(
      ours,
      upstreamWith((doc) => {
        doc.components.schemas.IntegrationRetrieve.properties.supported_features.items = {};
      }),
    );
    expect(untyped.drift).toEqual([]);
    expect(untyped.excused).toEqual({ c_typedItems: 1 });

    const retyped = specDiff.diff(
      ours,
      upstreamWith((doc) => {
        doc.components.schemas.IntegrationRetrieve.properties.supported_features.items = { type: 'integer' };
      }),
    );
    expect(lines(retyped)).toEqual(['~ schema IntegrationRetrieve.property supported_features: items']);
  });

  it('what banks send is listed as intended: a property widened to one of several shapes, an open schema, a declared credit limit', () => {
    const result = specDiff.diff(
      ours,
      upstreamWith((doc) => {
        const transaction = doc.components.schemas.TransactionSchema;
        transaction.properties.currencyExchange = { type: 'array', items: { $ref: '#/components/schemas/CurrencyExchangeSchema' } };
        delete transaction.additionalProperties;
        delete doc.components.schemas.DetailSchema.properties.creditLimit;
      }),
    );
    expect(result.drift).toEqual([]);
    expect(result.intended?.map((f) => `${f.rule} ${f.loc}`).sort()).toEqual(
      [
        'g_widenedShape schema TransactionSchema.property currencyExchange',
        'h_openSchema schema TransactionSchema',
        'i_declaredBeyondSpec schema DetailSchema.property creditLimit',
      ].sort(),
    );
    const text = specDiff.formatDiff(result, ours);
    expect(text).toMatch(/^= intended differences, what banks send \(3\):$/m);
    expect(text).toContain('= schema TransactionSchema: open ours=true upstream=(none) [h_openSchema]');
  });

  it("a widened shape that does not include upstream's, or an undeclared extra property, is still drift", () => {
    const result = specDiff.diff(
      ours,
      upstreamWith((doc) => {
        doc.components.schemas.TransactionSchema.properties.currencyExchange = { type: 'array', items: { type: 'string' } };
        delete doc.components.schemas.DetailSchema.properties.displayName;
      }),
    );
    expect(lines(result).sort()).toEqual(
      [
        '+ schema DetailSchema.property displayName',
        '~ schema TransactionSchema.property currencyExchange: items',
        '~ schema TransactionSchema.property currencyExchange: type',
      ].sort(),
    );
    expect(result.intended).toBeUndefined();
  });

  it('an input that cannot be read is an InputError (exit 2), not drift', async () => {
    await expect(specDiff.loadSpec(path.join(__dirname, 'no-such-spec.json'))).rejects.toBeInstanceOf(specDiff.InputError);
    await expect(specDiff.loadSpec(path.join(__dirname, '..', 'package.json'))).rejects.toThrow(/not an OpenAPI 3 document/);
  });
});
