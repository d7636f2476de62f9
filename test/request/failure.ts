import { RequiredError } from '../../src/request/index';

/** The RequiredError `run` throws; fails the test when it throws anything else, or nothing. */
export function failure(run: () => unknown): RequiredError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(RequiredError);
    return error as RequiredError;
  }
  throw new Error('expected a RequiredError, nothing was thrown');
}
