import { HEADER_NAME, HEADER_VALUE } from './header-rules';
import { RequiredError } from './required-error';

/**
 * `extra` (a call's own headers: a record, a `Headers` object or name/value
 * pairs) over `base` (the client's). A name in `extra` replaces the same name in
 * `base`, whatever its case, so the client's headers survive unless the caller
 * names them. `extra` absent, or `base` itself, returns `base`.
 *
 * A name that is not an HTTP token, a value that is not a string (numbers and
 * booleans are written out), or a value with CR, LF or another control
 * character, is a `RequiredError` before any request; the message leaves the
 * value out, since a header may carry a credential.
 */
export function mergeHeaders(base: Record<string, string>, extra: unknown): Record<string, string> {
  if (extra === undefined || extra === null || extra === base) return base;
  const merged: Record<string, string> = { ...base };
  for (const [name, given] of headerPairs(extra)) {
    if (!HEADER_NAME.test(name)) {
      throw new RequiredError('headers', 'Per-call headers must have HTTP header names (tokens); one does not.');
    }
    const value = headerText(name, given);
    if (!HEADER_VALUE.test(value)) {
      throw new RequiredError(`headers.${name}`, `Per-call header ${name} must not contain CR, LF or other control characters.`);
    }
    const lower = name.toLowerCase();
    for (const key of Object.keys(merged)) {
      if (key.toLowerCase() === lower) delete merged[key];
    }
    merged[name] = value;
  }
  return merged;
}

/** The name/value pairs of any shape fetch accepts as `headers`; a record's undefined values are left out. */
function headerPairs(headers: unknown): Array<[string, unknown]> {
  if (Array.isArray(headers)) return headers.map(([name, value]: [unknown, unknown]) => [String(name), value]);
  const pairs: Array<[string, unknown]> = [];
  if (typeof (headers as { forEach?: unknown }).forEach === 'function') {
    (headers as { forEach(callback: (value: string, name: string) => void): void }).forEach((value, name) => pairs.push([name, value]));
    return pairs;
  }
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    if (value !== undefined) pairs.push([name, value]);
  }
  return pairs;
}

function headerText(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new RequiredError(`headers.${name}`, `Per-call header ${name} must be a string, got ${value === null ? 'null' : typeof value}.`);
}
