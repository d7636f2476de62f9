/**
 * scripts/doc-coverage.js counts what the published declarations document: request parameters
 * and model fields with a description, API methods with `@throws`. Measured on a small fixture.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { measure } = require('../scripts/doc-coverage.js') as {
  measure: (dirs: {
    dist: string;
    generated: string;
  }) => Record<'parameters' | 'fields' | 'methodsWithThrows', { documented: number; total: number; missing: string[] }>;
};

let root: string;

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'doc-coverage-'));
  write('generated/apis/ThingsApi.ts', 'export interface GetThingRequest { id: string; verbose?: boolean }\nexport class ThingsApi { getThing() {} }\n');
  write('generated/models/index.ts', 'export interface Thing { id?: string; name?: string }\n');
  // What the build emits: the same declarations, some documented; an unrelated interface is not counted.
  write(
    'dist/index.d.ts',
    [
      'interface GetThingRequest {',
      "    /** The thing's id. */",
      '    id: string;',
      '    verbose?: boolean;',
      '}',
      'interface Thing {',
      '    /**',
      '     * ',
      '     * @type {string}',
      '     */',
      '    id?: string;',
      '    /** Its name. */',
      '    name?: string;',
      '}',
      'interface Unrelated { x?: number }',
      'declare class ThingsApi {',
      '    /** Gets a thing.',
      '     * @throws {ApiException} 404: Not found.',
      '     */',
      '    getThing(): Promise<Thing>;',
      '    /** No throws here. */',
      '    getThingRaw(): Promise<Thing>;',
      '    private helper;',
      '}',
      'export { ThingsApi, type Thing, type GetThingRequest };',
    ].join('\n'),
  );
  write('dist/index.d.mts', fs.readFileSync(path.join(root, 'dist/index.d.ts'), 'utf8')); // counted once
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

test('counts described parameters and fields (a doc comment with only tags does not count) and methods with @throws', () => {
  const result = measure({ dist: path.join(root, 'dist'), generated: path.join(root, 'generated') });
  expect(result.parameters).toEqual({ documented: 1, total: 2, missing: ['GetThingRequest.verbose'] });
  expect(result.fields).toEqual({ documented: 1, total: 2, missing: ['Thing.id'] });
  expect(result.methodsWithThrows).toEqual({ documented: 1, total: 2, missing: ['ThingsApi.getThingRaw'] });
});
