import { RequiredError } from './required-error';

/**
 * A request body as JSON text. A body JSON cannot hold (a circular structure,
 * a BigInt) is a `RequiredError` naming `body` before any request, instead of
 * the `TypeError` `JSON.stringify` throws.
 */
export function jsonBody(body: unknown): string {
  try {
    return JSON.stringify(body);
  } catch (error) {
    throw new RequiredError('body', `Request body cannot be sent as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
