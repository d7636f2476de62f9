/**
 * Error responses in the API's shapes. Handlers throw `SandboxHttpError`; the
 * server turns it into the JSON body and status.
 *
 *   { "summary": "...", "detail": "...", "status_code": 404 }
 *   { "summary": "...", "detail": "...", "status_code": 400,
 *     "institution_id": { "summary": "...", "detail": "..." } }       (per-field 400)
 */

/** The error of one request field, as a per-field 400 reports it. */
export interface FieldProblem {
  summary: string;
  detail: string;
}

export type ErrorBody = { summary: string; detail: string; status_code: number; type?: string } & Record<string, unknown>;

export class SandboxHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${body.summary}: ${body.detail}`);
    this.name = 'SandboxHttpError';
  }
}

export function apiError(status: number, summary: string, detail: string, type?: string, headers?: Record<string, string>): SandboxHttpError {
  return new SandboxHttpError(status, { summary, detail, ...(type ? { type } : {}), status_code: status }, headers);
}

/**
 * A 400 naming each offending field. The API's per-field body carries no
 * top-level summary/detail, but our OpenAPI document's ErrorResponse requires
 * both, so they are added: the one problem itself, or a list of the fields.
 * Clients that read field errors (every key other than summary, detail, type,
 * status_code) see the API's shape unchanged.
 */
export function fieldErrors(problems: Record<string, FieldProblem>): SandboxHttpError {
  const names = Object.keys(problems);
  const only = names.length === 1 ? problems[names[0]] : undefined;
  const summary = only ? only.summary : `Invalid fields: ${names.join(', ')}`;
  const detail = only ? only.detail : names.map((name) => `${name}: ${problems[name].summary}`).join('; ');
  return new SandboxHttpError(400, { summary, detail, ...problems, status_code: 400 });
}

/** 404 for an unknown route, worded as the API words it. */
export function routeNotFound(): SandboxHttpError {
  return apiError(404, 'Not found.', 'Not found.');
}
