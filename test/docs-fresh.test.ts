/**
 * docs/ is rendered from openapi/bank-account-data.yaml, src/errors.ts (the exception classes and
 * their doc comments) and src/error-codes.ts (the catalogue, with its prose in src/error-codes.docs.ts).
 * `npm run generate:check` guards it in CI; this test tells anyone who changed one of those, in the
 * ordinary test run.
 */
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compareDocs } = require('../scripts/docs/index.js') as { compareDocs: (dir: string) => string[] };

test('docs/ matches what the document, src/errors.ts and src/error-codes.ts render to (else run `npm run generate`)', () => {
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined); // the diff; the list below says enough
  try {
    expect(compareDocs(path.resolve(__dirname, '..', 'docs'))).toEqual([]);
  } finally {
    log.mockRestore();
  }
}, 60_000);
