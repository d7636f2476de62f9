/**
 * The argument checks the generated methods run before any request
 * (src/request/). Each failure is a RequiredError whose `field` names the
 * argument as the caller wrote it.
 */
import { checkParameters, checkUuid, jsonBody, pathSegment, requireField, requireParameter, RequiredError } from '../../src/request/index';
import { failure } from './failure';
import { InstitutionsApi } from '../../generated/apis/InstitutionsApi';
import { RequiredError as PublicRequiredError } from '../../src';
import { Configuration } from '../../src/request/runtime';

it('one RequiredError class: the package exports the one the generated methods throw', async () => {
  expect(PublicRequiredError).toBe(RequiredError);
  expect(new RequiredError('id', 'm').name).toBe('RequiredError');
  const fetchApi = jest.fn();
  const api = new InstitutionsApi(new Configuration({ basePath: 'http://127.0.0.1:9', fetchApi }));
  await expect(api.retrieveInstitution({} as { id: string })).rejects.toBeInstanceOf(PublicRequiredError);
  expect(fetchApi).not.toHaveBeenCalled();
});

describe('checkParameters', () => {
  it('accepts an object', () => {
    expect(() => checkParameters({}, 'op', true)).not.toThrow();
  });
  it.each([
    [undefined, true, 'Required parameters object was undefined when calling op.'],
    [null, true, 'Required parameters object was null when calling op.'],
    ['id', false, 'Parameters must be an object when calling op, got string.'],
  ])('%p (required: %p) fails naming requestParameters', (value, required, message) => {
    const error = failure(() => checkParameters(value, 'op', required));
    expect(error.field).toBe('requestParameters');
    expect(error.message).toBe(message);
  });
});

describe('requireParameter', () => {
  it('accepts any given value, falsy ones included', () => {
    for (const value of ['', 0, false]) expect(() => requireParameter({ id: value }, 'id', 'op')).not.toThrow();
  });
  it.each([undefined, null])('%p fails naming the parameter and the operation', (value) => {
    const error = failure(() => requireParameter({ id: value }, 'id', 'getThing'));
    expect(error.field).toBe('id');
    expect(error.message).toBe('Required parameter requestParameters.id was null or undefined when calling getThing.');
  });
});

describe('checkUuid', () => {
  const UUID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
  it('accepts a UUID in either case, and an absent value (requireParameter decides that)', () => {
    for (const value of [UUID, UUID.toUpperCase(), undefined, null]) expect(() => checkUuid({ id: value }, 'id', 'op')).not.toThrow();
  });
  it('fails on a string that is not one, showing it', () => {
    const error = failure(() => checkUuid({ id: `${UUID}x` }, 'id', 'op'));
    expect(error.field).toBe('id');
    expect(error.message).toBe(`Parameter requestParameters.id must be a UUID when calling op, got "${UUID}x".`);
  });
  it('fails on a value that is not a string, naming its type', () => {
    expect(failure(() => checkUuid({ id: 42 }, 'id', 'op')).message).toBe('Parameter requestParameters.id must be a UUID when calling op, got number.');
    expect(failure(() => checkUuid({ id: { toString: () => UUID } }, 'id', 'op')).message).toContain('got object');
  });
});

describe('requireField', () => {
  it('fails on a missing field, naming <param>.<field>', () => {
    const error = failure(() => requireField({}, 'body', 'institution_id', 'createEUA', false));
    expect(error.field).toBe('body.institution_id');
    expect(error.message).toBe('Required field requestParameters.body.institution_id was null or undefined when calling createEUA.');
  });
  it('a nullable field may be null, not left out', () => {
    expect(() => requireField({ agreement: null }, 'body', 'agreement', 'op', true)).not.toThrow();
    expect(failure(() => requireField({}, 'body', 'agreement', 'op', true)).field).toBe('body.agreement');
    expect(failure(() => requireField({ agreement: null }, 'body', 'agreement', 'op', false)).field).toBe('body.agreement');
  });
});

describe('pathSegment', () => {
  it('percent-encodes a string into exactly one segment', () => {
    expect(pathSegment('id', 'a/b?c#d %', 'op')).toBe('a%2Fb%3Fc%23d%20%25');
    expect(pathSegment('id', 'é', 'op')).toBe('%C3%A9');
  });
  it.each([
    ['', 'must be a non-empty id other than "." and ".."'],
    ['.', 'must be a non-empty id other than "." and ".."'],
    ['..', 'must be a non-empty id other than "." and ".."'],
    ['a\uD800', 'must be well-formed Unicode'],
    [7, 'must be a string when calling op, got number'],
    [null, 'must be a string when calling op, got null'],
  ])('%p fails naming the parameter', (value, message) => {
    const error = failure(() => pathSegment('id', value, 'op'));
    expect(error.field).toBe('id');
    expect(error.message).toContain(message);
  });
});

describe('jsonBody', () => {
  it('is the JSON text of the body', () => {
    expect(jsonBody({ a: [1, 'x'] })).toBe('{"a":[1,"x"]}');
  });
  it('a body JSON cannot hold fails naming body', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(failure(() => jsonBody(circular)).field).toBe('body');
    expect(failure(() => jsonBody({ n: 1n })).message).toMatch(/^Request body cannot be sent as JSON: /);
  });
});
