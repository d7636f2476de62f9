/**
 * Per-call headers over the client's (src/request/merge-headers.ts), and the
 * header rules the client's options share with them (src/request/header-rules.ts).
 */
import { HEADER_NAME, HEADER_VALUE, mergeHeaders } from '../../src/request/index';
import { failure } from './failure';

const BASE = { Authorization: 'Bearer t', Accept: 'application/json', 'User-Agent': 'ua/1' };

describe('mergeHeaders', () => {
  it('returns the base itself when there is nothing to merge', () => {
    expect(mergeHeaders(BASE, undefined)).toBe(BASE);
    expect(mergeHeaders(BASE, null)).toBe(BASE);
    expect(mergeHeaders(BASE, BASE)).toBe(BASE);
  });

  it('adds new names and keeps the base', () => {
    expect(mergeHeaders(BASE, { 'X-Request-Id': 'r1' })).toEqual({ ...BASE, 'X-Request-Id': 'r1' });
  });

  it('replaces a base name given in any case, without changing the base', () => {
    const merged = mergeHeaders(BASE, { accept: 'text/plain' });
    expect(merged).toEqual({ Authorization: 'Bearer t', 'User-Agent': 'ua/1', accept: 'text/plain' });
    expect(BASE.Accept).toBe('application/json');
  });

  it('takes a Headers object and name/value pairs as fetch does', () => {
    expect(mergeHeaders({}, new Headers({ 'X-A': '1' }))).toEqual({ 'x-a': '1' });
    expect(mergeHeaders({}, [['X-A', '1']])).toEqual({ 'X-A': '1' });
  });

  it('leaves out undefined values and writes numbers and booleans out', () => {
    expect(mergeHeaders({}, { 'X-A': undefined, 'X-N': 5, 'X-B': true })).toEqual({ 'X-N': '5', 'X-B': 'true' });
  });

  it('a name that is not a token fails naming headers, without the name or value', () => {
    const error = failure(() => mergeHeaders(BASE, { 'X Bad\r\n': 's3cret' }));
    expect(error.field).toBe('headers');
    expect(error.message).not.toContain('s3cret');
  });

  it('a value with CR or LF fails naming the header, without the value', () => {
    const error = failure(() => mergeHeaders(BASE, { 'X-Token': 's3cret\r\nInjected: 1' }));
    expect(error.field).toBe('headers.X-Token');
    expect(error.message).not.toContain('s3cret');
  });

  it('a value that is not a string, number or boolean fails naming the header', () => {
    expect(failure(() => mergeHeaders(BASE, { 'X-Obj': { a: 1 } })).field).toBe('headers.X-Obj');
  });
});

describe('header rules', () => {
  it('a name is an HTTP token', () => {
    for (const name of ['Content-Length', 'X-Request-Id', "a!#$%&'*+-.^_`|~9"]) expect(HEADER_NAME.test(name)).toBe(true);
    for (const name of ['', 'X Bad', 'X:Bad', 'é', 'X\n']) expect(HEADER_NAME.test(name)).toBe(false);
  });
  it('a value holds visible characters, spaces and tabs, no control characters', () => {
    for (const value of ['', 'a b\tc', 'Bearer x.y-z', '\x80\xff']) expect(HEADER_VALUE.test(value)).toBe(true);
    for (const value of ['a\rb', 'a\nb', 'a\x00', '\x7f', 'Ā']) expect(HEADER_VALUE.test(value)).toBe(false);
  });
});
