/**
 * src/errors.ts says it is the one place that makes an exception (and picks
 * its class): every other file of the client raises one through its functions.
 * The sandbox plays the API, not the client, and is left out.
 */
import fs from 'fs';
import path from 'path';
import { ConflictException, RateLimitException, ServerException } from '../src';
import { ERROR_CATALOGUE } from '../src/error-codes';
import { EXCEPTION_CLASS_BY_NAME, createApiException, exceptionClassFor } from '../src/errors';

const SRC = path.resolve(__dirname, '..', 'src');

/** Every .ts file under src/, sandbox excluded (a bounded walk: the tree is finite and has no links). */
function clientSources(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full === path.join(SRC, 'sandbox') ? [] : clientSources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

it('no file of the client but src/errors.ts constructs an exception', () => {
  const files = clientSources();
  expect(files).toContain(path.join(SRC, 'auth', 'token-manager.ts'));
  const offenders = files
    .filter((file) => file !== path.join(SRC, 'errors.ts'))
    .flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ where: `${path.relative(SRC, file)}:${i + 1}`, line }))
        .filter(({ line }) => /\bnew\s+[A-Z]\w*Exception\s*\(/.test(line)),
    );
  expect(offenders).toEqual([]);
});

describe('the class of a failure: its code first, then its status', () => {
  it('a row that names a class wins over the status', () => {
    expect(exceptionClassFor(400, { exception: 'ConflictException' })).toBe(ConflictException);
    expect(exceptionClassFor(503, { exception: 'RateLimitException' })).toBe(RateLimitException);
  });

  it('a row that names none, or no row, falls back to the status', () => {
    expect(exceptionClassFor(409, {})).toBe(ConflictException);
    expect(exceptionClassFor(503)).toBe(ServerException);
  });

  it('every class a row can name is an exception class of the package, under its own name', () => {
    for (const [name, Class] of Object.entries(EXCEPTION_CLASS_BY_NAME)) expect(new Class({ status: 400 }).name).toBe(name);
  });

  it('createApiException asks the row of the code before the status', () => {
    jest.isolateModules(() => {
      // One row given a class of its own, as a maintainer would in error-codes.ts.
      jest.doMock('../src/error-codes', () => {
        const actual = jest.requireActual<typeof import('../src/error-codes')>('../src/error-codes');
        const catalogueEntry = (code: string | undefined) =>
          code === 'ServiceError' ? { ...actual.catalogueEntry(code)!, exception: 'ConflictException' } : actual.catalogueEntry(code);
        return { ...actual, catalogueEntry };
      });
      const errors = jest.requireActual<typeof import('../src/errors')>('../src/errors');
      const own = errors.createApiException({ status: 503, body: JSON.stringify({ type: 'ServiceError', summary: 'x' }) });
      expect(own).toBeInstanceOf(errors.ConflictException);
      expect(own).toMatchObject({ status: 503, code: 'ServiceError', retryable: true });
      const other = errors.createApiException({ status: 503, body: JSON.stringify({ type: 'ConnectionError', summary: 'x' }) });
      expect(other).toBeInstanceOf(errors.ServerException);
    });
  });

  // Untyped codes are recognised from their documented bodies: test/faults/error-catalogue-replay.test.ts checks those.
  it.each(ERROR_CATALOGUE.filter((e) => e.typed).map((e) => [e.code, e] as const))('%s becomes the class its row gives it', (_code, entry) => {
    const body = { type: entry.code, summary: 'x', detail: 'y' };
    const error = createApiException({ status: entry.status, body: JSON.stringify(body) });
    expect(error.code).toBe(entry.code);
    expect(error).toBeInstanceOf(exceptionClassFor(entry.status, entry));
  });
});

it('what an exception reports does not depend on the retry policy: neither errors.ts nor the catalogue imports retry.ts', () => {
  for (const file of ['errors.ts', 'error-codes.ts', 'error-body.ts']) {
    expect(fs.readFileSync(path.join(SRC, file), 'utf8')).not.toMatch(/from '\.\/retry'/);
  }
});
