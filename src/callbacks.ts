import { emitWarning } from './platform';

/**
 * Runs a callback the app supplied (`onRateLimit`, `onTokens`, the logger). One
 * that throws must not turn a successful call into a failure, nor replace the
 * real error of a failed one: its error becomes a process warning instead
 * (redacted, like everything else the client emits).
 */
export function runAppCallback(name: string, callback: () => void, redact: (text: string) => string): void {
  try {
    callback();
  } catch (error) {
    const message = redact(error instanceof Error ? error.message : String(error));
    emitWarning(`gocardless-bankaccountdata: the ${name} callback threw: ${message}`, 'CallbackWarning');
  }
}
