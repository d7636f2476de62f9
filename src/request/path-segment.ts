import { RequiredError } from './required-error';

/**
 * The URL path segment for a path parameter, percent-encoded. A value that
 * cannot reach the server as exactly itself in exactly one segment fails with a
 * `RequiredError` naming the parameter: not a string, empty, `.` or `..` (which
 * URL parsers resolve away), or a string with a lone surrogate (which has no
 * UTF-8 form).
 */
export function pathSegment(field: string, value: unknown, operation: string): string {
  if (typeof value !== 'string') {
    throw new RequiredError(
      field,
      `Parameter requestParameters.${field} must be a string when calling ${operation}, got ${value === null ? 'null' : typeof value}.`,
    );
  }
  if (value === '' || value === '.' || value === '..') {
    throw new RequiredError(
      field,
      `Parameter requestParameters.${field} must be a non-empty id other than "." and ".." when calling ${operation}, got ${JSON.stringify(value)}.`,
    );
  }
  try {
    return encodeURIComponent(value);
  } catch {
    throw new RequiredError(field, `Parameter requestParameters.${field} must be well-formed Unicode (it has a lone surrogate) when calling ${operation}.`);
  }
}
