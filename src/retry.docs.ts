/**
 * What the client resends, in words, asked of retry.ts's `decideRetry` itself:
 * the retry table and the "the client retries" column of the failure
 * table (docs/errors-and-retries.md) and of the API pages are rendered from here, so changing the retry policy
 * changes them, and changes nothing an exception reports. Read by
 * scripts/failure-table.ts and scripts/docs only; no entry point imports this
 * file, so none of it reaches a bundle.
 */
import { ERROR_CATALOGUE, type CatalogueEntry } from './error-codes';
import { REFUSED_STATUSES, RESENT_STATUSES, decideRetry, type AttemptOutcome } from './retry';

/** An account endpoint (it reaches the bank behind the account) and one that does not. */
const ACCOUNT_PATH = '/api/v2/accounts/{id}/balances/';
const OTHER_PATH = '/api/v2/requisitions/{id}/';

const OPT_IN = 'only with `retryInstitutionErrors: true`';

/** Whether the client sends an attempt with this outcome again: the first retry, with time to spare and no server wait. */
export function resends(method: string, path: string, outcome: AttemptOutcome, retryInstitutionErrors = false): boolean {
  const policy = { maxRetries: 1, baseDelayMs: 0, maxDelayMs: 0, maxRetryWaitMs: 0, retryInstitutionErrors };
  return decideRetry({ method, path, outcome, attempt: 0, policy, now: 0, deadline: Number.POSITIVE_INFINITY }).retry;
}

/** One call's answer: `yes`, `no`, or only when the app opts in to retrying institution errors. */
export function resendsCell(method: string, path: string, outcome: AttemptOutcome): string {
  if (resends(method, path, outcome)) return 'yes';
  return resends(method, path, outcome, true) ? OPT_IN : 'no';
}

/** Whether the client resends a catalogued failure, as one cell: for which methods, and on account endpoints. */
export function clientRetries(entry: Pick<CatalogueEntry, 'code' | 'status'>): string {
  const outcome: AttemptOutcome = { kind: 'status', status: entry.status, code: entry.code };
  const post = resends('POST', OTHER_PATH, outcome);
  const idempotent = resends('GET', OTHER_PATH, outcome);
  const onAccounts = resendsCell('GET', ACCOUNT_PATH, outcome);
  if (post && !idempotent) throw new Error(`${entry.code}: resent on POST but not on GET; the words below cannot say that`);
  if (!idempotent) {
    if (onAccounts !== 'no') throw new Error(`${entry.code}: resent on account endpoints only; the words below cannot say that`);
    return 'no';
  }
  const methods = post ? 'yes, any method' : 'yes, GET, PUT and DELETE';
  return onAccounts === 'yes' ? methods : `${methods}; on \`/accounts/…\` ${onAccounts === 'no' ? 'never' : OPT_IN}`;
}

/** One row of the retry table: a kind of failure, and whether GET, PUT, DELETE and POST are resent after it. */
export interface RetryRule {
  failure: string;
  idempotent: string;
  post: string;
}

/**
 * The retry table: every kind of failure the policy tells apart, statuses (and the
 * bank's failure codes) with the same answers on one row. `cell` answers for one
 * call; tests pass another policy's.
 */
export function retryRules(cell: typeof resendsCell = resendsCell): RetryRule[] {
  const rule = (failure: string, outcome: AttemptOutcome, path = OTHER_PATH): RetryRule => ({
    failure,
    idempotent: cell('GET', path, outcome),
    post: cell('POST', path, outcome),
  });
  const rules = [
    rule('connection refused (the request never reached the server)', { kind: 'refused' }),
    rule('connection failed or reset (the request may have been processed)', { kind: 'connection' }),
    rule('no complete response in time', { kind: 'timeout' }),
  ];
  /** One row per answer: the labels of the outcomes that get it, joined, with the first outcome's cells. */
  const rowsByAnswer = (items: Array<{ label: string; outcome: AttemptOutcome }>, describe: (labels: string) => string, path = OTHER_PATH) => {
    const groups = new Map<string, { labels: string[]; outcome: AttemptOutcome }>();
    for (const { label, outcome } of items) {
      const { idempotent, post } = rule('', outcome, path);
      const group = groups.get(`${idempotent}|${post}`) ?? { labels: [], outcome };
      group.labels.push(label);
      groups.set(`${idempotent}|${post}`, group);
    }
    return [...groups.values()].map(({ labels, outcome }) => rule(describe(labels.join(', ')), outcome, path));
  };
  const statuses = [...new Set([...REFUSED_STATUSES, ...RESENT_STATUSES])].sort((a, b) => a - b);
  rules.push(
    ...rowsByAnswer(
      statuses.map((status) => ({ label: String(status), outcome: { kind: 'status', status } })),
      (labels) => labels,
    ),
  );
  const bankFailures = ERROR_CATALOGUE.filter((row) => row.institution).map((e): { label: string; outcome: AttemptOutcome } => ({
    label: `\`${e.code}\``,
    outcome: { kind: 'status', status: e.status, code: e.code },
  }));
  rules.push(...rowsByAnswer(bankFailures, (codes) => `${codes} (the bank failed) on \`/accounts/…\``, ACCOUNT_PATH));
  for (const e of ERROR_CATALOGUE.filter((row) => row.transient !== true)) {
    if (clientRetries(e) !== 'no') throw new Error(`${e.code} is not transient yet resent; the row below would say otherwise`);
  }
  const other = Array.from({ length: 200 }, (_, i) => 400 + i).find((s) => !statuses.includes(s))!;
  rules.push(rule('other statuses, and a catalogued code that is not transient', { kind: 'status', status: other }));
  rules.push(rule('a body over `maxResponseBytes`', { kind: 'unusable' }));
  return rules;
}
