/**
 * Checks of request bodies and parameters. A `BodyChecker` collects one problem
 * per field, so a 400 names every offending field at once, the way the API does.
 * Types are checked as the API's framework checks them: an integer may come as
 * a string of digits ("90"), a boolean as "true" or "false", and a body may be
 * form-encoded instead of JSON (a repeated key makes a list).
 */
import { DAY_MS } from './api-facts';
import { apiError, fieldErrors, type FieldProblem } from './errors';

const REQUIRED: FieldProblem = { summary: 'This field is required.', detail: 'This field is required.' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const URI = /^[a-z][a-z0-9+.-]*:\S+$/i;
/** An integer written out, as the API's framework reads one ("90", " -3 "). */
const INTEGER = /^\s*-?\d{1,15}\s*$/;
/** The words the API's framework reads as a boolean, lower-cased. */
const BOOLEAN_WORDS = new Map([
  ['true', true],
  ['1', true],
  ['false', false],
  ['0', false],
]);

/** An absolute URI that `new URL` can parse (so a redirect built on it cannot fail later); any scheme, for app deep links. */
function isAbsoluteUri(value: string): boolean {
  if (!URI.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Days since the Unix epoch of a `YYYY-MM-DD` calendar date; `undefined` when malformed or not a real date (2024-02-30). */
export function parseDay(value: string): number | undefined {
  const match = DATE.exec(value);
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number);
  const ms = Date.UTC(y, m - 1, d);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return ms / DAY_MS;
}

/** Bodies that came form-encoded: there a list of one is a single value. */
const FORM_BODIES = new WeakSet<object>();

/** A form-encoded body as an object; a key given more than once becomes a list. */
export function parseForm(raw: string): Record<string, string | string[]> {
  const body: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const previous = body[key];
    body[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  FORM_BODIES.add(body);
  return body;
}

/** Parses a request body by its Content-Type: form-encoded, or else JSON. */
export function parseBody(raw: string, contentType: string | undefined): unknown {
  if (/^\s*application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType ?? '')) return raw.trim() === '' ? undefined : parseForm(raw);
  return parseJson(raw);
}

/** Parses a request body: empty → `undefined`; invalid JSON → 400. */
export function parseJson(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw apiError(400, 'Invalid JSON', `JSON parse error - ${(error as Error).message}`, 'ParseError');
  }
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * The body as an object. A missing body counts as `{}`, so its required fields
 * are reported one by one; anything but an object is a 400.
 */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw apiError(400, 'Invalid data', `Expected a JSON object, but got ${describeType(body)}.`, 'ParseError');
  }
  return body as Record<string, unknown>;
}

interface StringRule {
  required?: boolean;
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  format?: 'uri' | 'uuid';
}

export class BodyChecker {
  private readonly problems: Record<string, FieldProblem> = {};

  private readonly form: boolean;

  constructor(private readonly body: Record<string, unknown>) {
    this.form = FORM_BODIES.has(body);
  }

  /** Records a problem for `field` (the first one per field wins). */
  fail(field: string, summary: string, detail: string = summary): void {
    this.problems[field] ??= { summary, detail };
  }

  has(field: string): boolean {
    return field in this.problems;
  }

  string(field: string, rule: StringRule & { nullable: true }): string | null | undefined;
  string(field: string, rule?: StringRule): string | undefined;
  string(field: string, rule: StringRule = {}): string | null | undefined {
    const value = this.body[field];
    if (value === undefined) {
      if (rule.required) this.problems[field] ??= REQUIRED;
      return undefined;
    }
    if (value === null) {
      if (rule.nullable) return null;
      this.fail(field, 'This field may not be null.');
      return undefined;
    }
    if (typeof value !== 'string') {
      this.fail(field, 'Not a valid string.', `Expected a string, got ${describeType(value)}.`);
      return undefined;
    }
    const min = rule.minLength ?? (rule.required ? 1 : 0);
    if (value.length < min) {
      this.fail(field, value === '' ? 'This field may not be blank.' : `Ensure this field has at least ${min} characters.`);
      return undefined;
    }
    if (rule.maxLength !== undefined && value.length > rule.maxLength) {
      this.fail(field, `Ensure this field has no more than ${rule.maxLength} characters.`);
      return undefined;
    }
    if (rule.format === 'uri' && !isAbsoluteUri(value)) {
      this.fail(field, 'Enter a valid URL.', `'${value}' is not an absolute URI such as https://example.com/callback.`);
      return undefined;
    }
    if (rule.format === 'uuid' && !isUuid(value)) {
      this.fail(field, 'Must be a valid UUID.', `'${value}' is not a valid UUID.`);
      return undefined;
    }
    return value;
  }

  integer(field: string): number | undefined {
    const value = this.body[field];
    if (value === undefined) return undefined;
    if (typeof value === 'string' && INTEGER.test(value)) return Number(value);
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.fail(field, 'A valid integer is required.', `Expected an integer, got ${describeType(value)}.`);
      return undefined;
    }
    return value;
  }

  /** A finite number, or one written out ("1.5"). */
  number(field: string): number | undefined {
    const value = this.body[field];
    if (value === undefined) return undefined;
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number)) {
      this.fail(field, 'A valid number is required.', `Expected a number, got ${describeType(value)}.`);
      return undefined;
    }
    return number;
  }

  boolean(field: string): boolean | undefined {
    const value = this.body[field];
    if (value === undefined) return undefined;
    if (typeof value === 'string' && BOOLEAN_WORDS.has(value.toLowerCase())) return BOOLEAN_WORDS.get(value.toLowerCase());
    if (typeof value !== 'boolean') {
      this.fail(field, 'Must be a valid boolean.', `Expected true or false, got ${describeType(value)}.`);
      return undefined;
    }
    return value;
  }

  stringArray(field: string): string[] | undefined {
    const raw = this.body[field];
    const value = this.form && typeof raw === 'string' ? [raw] : raw;
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
      this.fail(field, 'Expected a list of strings.', `Expected a list of strings, got ${describeType(value)}.`);
      return undefined;
    }
    return value as string[];
  }

  /** Throws the 400 naming every field that failed. */
  done(): void {
    if (Object.keys(this.problems).length > 0) throw fieldErrors(this.problems);
  }
}
