/**
 * `npx gocardless-bankaccountdata sandbox [options]`: the sandbox on its own, for
 * apps in any language. Prints the base URL, the secrets and how to drive it
 * (with `--json`, the first stdout line is `{ "url", "secretId", "secretKey" }`),
 * then runs until SIGINT or SIGTERM and closes cleanly (exit 0).
 *
 * Every option of `createSandboxServer` but `now` is a flag of the same name in
 * kebab case (`--failure-rate 0.1`); a bad flag or value exits 2 naming it.
 */
import { createSandboxServer, type SandboxOptions } from './index';

const USAGE = `Usage: gocardless-bankaccountdata sandbox [options]

Runs the GoCardless Bank Account Data API sandbox until SIGINT or SIGTERM.

Options:
  --port <n>                      TCP port (default 8000; 0 picks a free one)
  --host <address>                interface to listen on (default 127.0.0.1)
  --seed <n|text>                 seed of generated data, ids and faults (default 1)
  --json                          first stdout line: {"url","secretId","secretKey"}
  --secret-id <text>              secret id the token endpoint accepts
  --secret-key <text>             secret key the token endpoint accepts
  --start <ISO 8601>              start the sandbox clock at this instant (then it runs on)
  --access-ttl-seconds <n>        access token lifetime (default 86400)
  --refresh-ttl-seconds <n>       refresh token lifetime (default 2592000)
  --account-daily-limit <n>       successful calls per account and scope a day (default 4)
  --rate-limit <n>                requests per general window (default 1000)
  --rate-limit-window-seconds <n> length of the general window (default 60)
  --no-acceptance                 PUT …/accept/ answers 403
  --markup-in-text                bank names and transaction texts end with a <script> element
  --requisition-quota <n>         requisitions a month; then POST /requisitions/ answers 402
  --latency-ms <n>                delay before each API answer
  --failure-rate <0..1>           fraction of API requests answered 500/503
  --reset-rate <0..1>             fraction of API requests whose connection is cut
  --help                          this text`;

type Kind = 'number' | 'string' | 'seed';
const VALUE_FLAGS: Record<string, [keyof SandboxOptions | 'start', Kind]> = {
  '--port': ['port', 'number'],
  '--host': ['host', 'string'],
  '--seed': ['seed', 'seed'],
  '--secret-id': ['secretId', 'string'],
  '--secret-key': ['secretKey', 'string'],
  '--start': ['start', 'string'],
  '--access-ttl-seconds': ['accessTtlSeconds', 'number'],
  '--refresh-ttl-seconds': ['refreshTtlSeconds', 'number'],
  '--account-daily-limit': ['accountDailyLimit', 'number'],
  '--rate-limit': ['rateLimit', 'number'],
  '--rate-limit-window-seconds': ['rateLimitWindowSeconds', 'number'],
  '--latency-ms': ['latencyMs', 'number'],
  '--failure-rate': ['failureRate', 'number'],
  '--reset-rate': ['resetRate', 'number'],
  '--requisition-quota': ['requisitionQuota', 'number'],
};

export class UsageError extends Error {}

export interface CliOptions {
  sandbox: SandboxOptions;
  json: boolean;
  help: boolean;
}

/** Parses the arguments after `sandbox`; throws a `UsageError` naming a bad flag. */
export function parseArgs(args: readonly string[]): CliOptions {
  const sandbox: Record<string, unknown> = { port: 8000 };
  let json = false;
  let help = false;
  for (let index = 0; index < args.length; index++) {
    const [flag, inline] = args[index].startsWith('--') && args[index].includes('=') ? args[index].split(/=(.*)/s, 2) : [args[index], undefined];
    if (flag === '--json') json = true;
    else if (flag === '--help' || flag === '-h') help = true;
    else if (flag === '--no-acceptance') sandbox.acceptanceEnabled = false;
    else if (flag === '--markup-in-text') sandbox.markupInText = true;
    else if (flag in VALUE_FLAGS) {
      const [option, kind] = VALUE_FLAGS[flag];
      const value = inline ?? args[++index];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
      if (kind === 'number' && (value.trim() === '' || !Number.isFinite(Number(value))))
        throw new UsageError(`${flag} must be a number, got ${JSON.stringify(value)}`);
      if (option === 'start') {
        const start = Date.parse(value);
        if (Number.isNaN(start)) throw new UsageError(`--start must be an ISO 8601 date and time, got ${JSON.stringify(value)}`);
        const offset = start - Date.now();
        sandbox.now = () => Date.now() + offset;
      } else {
        sandbox[option] = kind === 'number' || (kind === 'seed' && /^\d+$/.test(value)) ? Number(value) : value;
      }
    } else throw new UsageError(`unknown option ${JSON.stringify(args[index])}`);
  }
  return { sandbox, json, help };
}

function describe(url: string, secretId: string, secretKey: string): string {
  return `GoCardless Bank Account Data sandbox on ${url}
  secret id:  ${secretId}
  secret key: ${secretKey}

Point your client at ${url} (its base URL) with these secrets, or try:
  curl -s -X POST ${url}/api/v2/token/new/ -H 'Content-Type: application/json' \\
       -d '{"secret_id": "${secretId}", "secret_key": "${secretKey}"}'

Play the end user and the bank (no token needed):
  POST ${url}/_sandbox/requisitions/{id}/link     consent: the requisition turns LN
  POST ${url}/_sandbox/requisitions/{id}/reject   {"error"?, "details"?}
  POST ${url}/_sandbox/clock                      {"advanceDays": n} or {"now": "<ISO 8601>"}
  POST ${url}/_sandbox/errors                     {"code", "accountId"?, "operation"?, "times"?}
  POST ${url}/_sandbox/reset
  GET  ${url}/_sandbox/requests                   the requests your app made
A requisition's link opens its consent page (Approve / Reject) in a browser.
Stop with Ctrl-C.`;
}

/** Runs the command; resolves with the exit code once the sandbox has closed (or at once on a bad flag). */
export async function main(argv: readonly string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'sandbox') {
    err.write(command === undefined || command === '--help' ? `${USAGE}\n` : `unknown command ${JSON.stringify(command)}\n\n${USAGE}\n`);
    return command === '--help' ? 0 : 2;
  }
  let options: CliOptions;
  try {
    options = parseArgs(rest);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err.write(`gocardless-bankaccountdata sandbox: ${error.message}\n(see --help)\n`);
    return 2;
  }
  if (options.help) {
    out.write(`${USAGE}\n`);
    return 0;
  }
  let sandbox;
  try {
    sandbox = await createSandboxServer(options.sandbox);
  } catch (error) {
    const message = (error as Error).message
      .replace(/^gocardless-bankaccountdata\/sandbox: /, '')
      .replace(/option "(\w+)"/, (_, name: string) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    err.write(`gocardless-bankaccountdata sandbox: ${message}\n`);
    return 2;
  }
  const running = sandbox;
  // Listening before the first line is out: whoever reads it may signal at once.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void running.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  const { secretId, secretKey } = sandbox.credentials;
  out.write(options.json ? `${JSON.stringify({ url: sandbox.url, secretId, secretKey })}\n` : `${describe(sandbox.url, secretId, secretKey)}\n`);
  await stopped;
  return 0;
}
