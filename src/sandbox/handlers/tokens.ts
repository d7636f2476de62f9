/** `POST /api/v2/token/new/` and `POST /api/v2/token/refresh/`. */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Handler } from '../context';
import { documentedError } from '../documented-errors';
import { BodyChecker, bodyObject } from '../validate';

/** Constant-time comparison of strings of any length (hashing first evens out the lengths). */
function same(a: string, b: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** The API's InvalidToken answer (documented without a `type`). */
export const invalidToken = () => documentedError('InvalidToken');

export const obtainTokenPair: Handler = ({ sandbox, body }) => {
  const check = new BodyChecker(bodyObject(body));
  const secretId = check.string('secret_id', { required: true });
  const secretKey = check.string('secret_key', { required: true });
  check.done();
  // Both are compared whatever the first gives, so timing says nothing about which was wrong.
  const idMatches = same(secretId!, sandbox.options.secretId);
  const keyMatches = same(secretKey!, sandbox.options.secretKey);
  if (!idMatches || !keyMatches) {
    throw documentedError('AuthenticationFailed');
  }
  return { status: 200, body: sandbox.tokens.issuePair() };
};

export const refreshAccessToken: Handler = ({ sandbox, body }) => {
  const check = new BodyChecker(bodyObject(body));
  const refresh = check.string('refresh', { required: true });
  check.done();
  if (sandbox.tokens.check(refresh!, 'refresh') !== 'valid') throw invalidToken();
  return { status: 200, body: sandbox.tokens.issueAccess() };
};
