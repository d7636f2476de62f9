/**
 * The command in process: `main` with its own output streams, no child process.
 */
import { Writable } from 'node:stream';
import { main, parseArgs } from '../../src/sandbox/cli';

/** A stream that keeps what is written and calls `onLine` with each write. */
function output(onLine: (text: string) => void = () => {}): Writable & { text: string } {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      stream.text += chunk.toString();
      onLine(chunk.toString());
      done();
    },
  }) as Writable & { text: string };
  stream.text = '';
  return stream;
}

/** `work`, or a rejection naming what did not happen within `ms`. */
function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

it('a signal sent as soon as the first line is read stops it cleanly: it listens before it prints', async () => {
  // A reader that signals on the first line: the worst timing a supervisor or a test can have.
  const out = output(() => process.emit('SIGTERM'));
  const running = main(['sandbox', '--port', '0', '--json'], out, output());
  const code = await within(running, 10_000, 'no exit after SIGTERM').catch(async (error: Error) => {
    // Missed: a second signal, now that it listens, so the sandbox closes and the error is the test's.
    process.emit('SIGTERM');
    await running;
    throw error;
  });
  expect(code).toBe(0);
  expect(JSON.parse(out.text)).toMatchObject({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
  expect(process.listenerCount('SIGTERM') + process.listenerCount('SIGINT')).toBe(0);
});

it('a bad flag is refused naming it, exit 2, nothing started', async () => {
  const err = output();
  expect(await main(['sandbox', '--port', 'eighty'], output(), err)).toBe(2);
  expect(err.text).toMatch(/--port/);
});

it('every sandbox option a flag can carry has one: markup in text and the monthly requisition quota too', () => {
  const { sandbox } = parseArgs(['--markup-in-text', '--requisition-quota', '2', '--no-acceptance']);
  expect(sandbox).toMatchObject({ markupInText: true, requisitionQuota: 2, acceptanceEnabled: false });
  expect(() => parseArgs(['--requisition-quota', 'many'])).toThrow(/--requisition-quota must be a number/);
});
