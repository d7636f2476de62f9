/**
 * The catalogue's prose (src/error-codes.docs.ts) is kept apart from the
 * runtime table (src/error-codes.ts) so it stays out of bundles; the codes are
 * listed once, in the runtime table, and the prose must cover exactly them.
 */
import { ERROR_CATALOGUE } from '../src/error-codes';
import { ERROR_PROSE, documentedCatalogue } from '../src/error-codes.docs';

it('every catalogued code has prose, and there is no prose for a code the catalogue lacks', () => {
  expect(Object.keys(ERROR_PROSE).sort()).toEqual(ERROR_CATALOGUE.map((entry) => entry.code).sort());
});

it('the prose of every code says what it means and what the app should do (and what else the client does, when it says it)', () => {
  const empty = Object.entries(ERROR_PROSE).filter(([, p]) => !p.meaning.trim() || (p.client !== undefined && !p.client.trim()) || !p.app.trim());
  expect(empty.map(([code]) => code)).toEqual([]);
});

it('a code without prose fails the documented catalogue instead of rendering an empty row', () => {
  const prose = ERROR_PROSE as Record<string, unknown>;
  const saved = prose.InvalidID;
  delete prose.InvalidID;
  try {
    expect(() => documentedCatalogue()).toThrow(/no prose for InvalidID/);
  } finally {
    prose.InvalidID = saved;
  }
});

it('the runtime catalogue carries no prose (the prose never reaches a bundle)', () => {
  // `exception` is there only on a row whose code has a class of its own, and names that class.
  const FIELDS = ['code', 'exception', 'institution', 'reconnectRequired', 'status', 'transient', 'typed'];
  for (const entry of ERROR_CATALOGUE) {
    expect(Object.keys(entry).filter((key) => !FIELDS.includes(key))).toEqual([]);
    expect(entry.exception === undefined || /^[A-Z]\w+Exception$/.test(entry.exception)).toBe(true);
  }
});
