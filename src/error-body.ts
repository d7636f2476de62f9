/**
 * The one reader of the API's error bodies: the exception (errors.ts), the
 * catalogue (error-codes.ts) and the transport's token decision all read a
 * failed response's body through `parseErrorBody`, so a body shape the API
 * adds is taught here once.
 *
 * Pure functions of their inputs: no I/O, nothing about the transport.
 */

/** One error of one field of a request, as the API reports it. */
export interface FieldError {
  summary?: string;
  detail?: string;
  /** Every error of the field, in order, when the API listed several (`summary` and `detail` then join theirs). */
  errors?: Array<{ summary?: string; detail?: string }>;
}

/** The API's error fields of a body. */
export interface ParsedErrorBody {
  /** The body as parsed (strings redacted), for the catalogue. */
  json?: Record<string, unknown>;
  summary?: string;
  detail?: string;
  type?: string;
  fieldErrors?: Record<string, FieldError>;
}

const asIs = (text: string) => text;

/**
 * Reads the API's error fields out of a body; anything that is not a JSON
 * object yields nothing. The body may have been redacted as text already, but
 * a JSON escape (`\u0073k_…`) decodes to a secret only now, so every decoded
 * string and field name passes through `redact` again.
 */
export function parseErrorBody(body: string, redact: (text: string) => string = asIs): ParsedErrorBody {
  if (!body || (body[0] !== '{' && body.trimStart()[0] !== '{')) return {};
  let json: unknown;
  try {
    json = JSON.parse(body, (_key, value: unknown) => (typeof value === 'string' ? redact(value) : value));
  } catch {
    return {};
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return {};
  const record = json as Record<string, unknown>;
  const fieldErrors = fieldErrorsOf(record);
  return {
    json: record,
    summary: text(record.summary),
    detail: text(record.detail),
    type: text(record.type),
    fieldErrors: fieldErrors && Object.fromEntries(Object.entries(fieldErrors).map(([field, error]) => [redact(field), error])),
  };
}

const ERROR_FIELDS = new Set(['summary', 'detail', 'type', 'status_code']);

/**
 * The per-field errors of a body, in each documented shape:
 * `{ field: { summary, detail } }`, `{ field: [{ summary, detail }, …] }` and
 * `{ field: ['This field is required.'] }`. `undefined` when there are none.
 */
export function fieldErrorsOf(body: Record<string, unknown>): Record<string, FieldError> | undefined {
  let out: Record<string, FieldError> | undefined;
  for (const [field, value] of Object.entries(body)) {
    if (ERROR_FIELDS.has(field)) continue;
    const error = toFieldError(value);
    if (error) (out ??= {})[field] = error;
  }
  return out;
}

function toFieldError(value: unknown): FieldError | undefined {
  if (Array.isArray(value)) {
    const errors = value
      .map((item) => (typeof item === 'object' ? oneError(item) : textError(item)))
      .filter((e): e is { summary?: string; detail?: string } => e !== undefined);
    if (errors.length <= 1) return errors[0];
    const join = (key: 'summary' | 'detail') =>
      errors
        .map((e) => e[key])
        .filter((t) => t !== undefined)
        .join(' ') || undefined;
    return { summary: join('summary'), detail: join('detail'), errors };
  }
  return oneError(value);
}

/** `'This field is required.'` inside a field's list. */
function textError(value: unknown): { summary: string } | undefined {
  const summary = text(value);
  return summary === undefined ? undefined : { summary };
}

function oneError(value: unknown): { summary?: string; detail?: string } | undefined {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const { summary, detail } = value as Record<string, unknown>;
    if (summary === undefined && detail === undefined) return undefined;
    return { summary: text(summary), detail: text(Array.isArray(detail) ? detail.join(' ') : detail) };
  }
  return undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
