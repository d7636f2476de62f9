/**
 * Checks of a call's parameters object, run by the generated methods before any
 * request. Each failure is a `RequiredError` naming the parameter and the
 * operation.
 */
import { RequiredError } from './required-error';

/**
 * `params` is an object, or a `RequiredError` naming `requestParameters`.
 * `required`: the operation has required parameters, so the message says the
 * object itself is required.
 */
export function checkParameters(params: unknown, operation: string, required: boolean): void {
  if (params === null || typeof params !== 'object') {
    const got = params === null ? 'null' : typeof params;
    throw new RequiredError(
      'requestParameters',
      required ? `Required parameters object was ${got} when calling ${operation}.` : `Parameters must be an object when calling ${operation}, got ${got}.`,
    );
  }
}

/** `params[field]` is given (neither null nor undefined), or a `RequiredError` naming it. */
export function requireParameter(params: object, field: string, operation: string): void {
  if ((params as Record<string, unknown>)[field] == null) {
    throw new RequiredError(field, `Required parameter requestParameters.${field} was null or undefined when calling ${operation}.`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `params[field]`, when given, is a UUID string (any case), or a `RequiredError` naming it and showing what it got. */
export function checkUuid(params: object, field: string, operation: string): void {
  const value = (params as Record<string, unknown>)[field];
  if (value == null || (typeof value === 'string' && UUID.test(value))) return;
  const got = typeof value === 'string' ? JSON.stringify(value) : typeof value;
  throw new RequiredError(field, `Parameter requestParameters.${field} must be a UUID when calling ${operation}, got ${got}.`);
}
