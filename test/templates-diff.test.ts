/**
 * The gate of `npm run templates:diff` (scripts/templates-diff.js): a template may
 * call helpers and keep the functions the generator's own template defines, but
 * a function it defines on top of those is reported.
 */
import { countChanges, handWrittenFunctions } from '../scripts/templates-diff';

const UPSTREAM = `
export function querystring(params: HTTPQuery, prefix: string = ''): string {
    return '';
}
export class BaseAPI {
    protected async request(context: RequestOpts, initOverrides?: RequestInit): Promise<Response> {
    private fetchApi = async (url: string, init: RequestInit) => {
    async {{nickname}}Raw(requestParameters: {{classname}}Request): Promise<void> {
}`;

it('changed upstream functions, calls and function types are not hand-written definitions', () => {
  const ours = `${UPSTREAM}
    private fetchApi = async (url: string, init: RequestInit, context: RequestOpts) => {
        if (fetchApi) {
        overriddenInit.headers = mergeHeaders(headers, overriddenInit.headers);
        check.pathSegment('id', requestParameters.id, operation);
export type FetchAPI = (input: string, init: RequestInit) => Promise<Response>;
`;
  expect(handWrittenFunctions(ours, UPSTREAM)).toEqual([]);
});

it.each([
  ['a function declaration', 'export function pathSegment(field: string, value: unknown): string {'],
  ['an async function declaration', 'export async function bearerAuth(configuration: Configuration): Promise<void> {'],
  ['a generic function declaration', 'function pick<T>(value: T): T {'],
  ['an arrow function assigned to a const', 'const requireField = (body: any, name: string) => {'],
  ['an async arrow function with a return type', 'export const load = async (url: string): Promise<string> => fetchIt(url);'],
  ['a class method', '    protected checkThing(value: string): void {'],
])('%s is reported, by name', (_kind, line) => {
  const found = handWrittenFunctions(`${UPSTREAM}\n${line}\n`, UPSTREAM);
  expect(found).toHaveLength(1);
  expect(line).toContain(found[0]);
});

it('a template the generator does not have counts all its functions', () => {
  expect(handWrittenFunctions('function helper() {\n}\n', undefined)).toEqual(['helper']);
});

it('counts the added and removed lines of a unified diff, not its file headers', () => {
  const diff = ['--- upstream/a', '+++ templates/a', '@@ -1,2 +1,2 @@', ' same', '-old', '+new', '+more'].join('\n');
  expect(countChanges(diff)).toEqual({ added: 2, removed: 1 });
});
