import { RequiredError } from './required-error';

/**
 * `body[name]`, a required field of a request body, is given, or a
 * `RequiredError` naming `<param>.<name>`. A `nullable` field may be null:
 * only leaving it out fails.
 */
export function requireField(body: object, param: string, name: string, operation: string, nullable: boolean): void {
  const value = (body as Record<string, unknown>)[name];
  if (nullable ? value === undefined : value == null) {
    throw new RequiredError(`${param}.${name}`, `Required field requestParameters.${param}.${name} was null or undefined when calling ${operation}.`);
  }
}
