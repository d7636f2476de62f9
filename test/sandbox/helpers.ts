/**
 * Shared by the sandbox tests: plain-HTTP calls to a sandbox, ready-made flows
 * (token, linked accounts), a settable clock, and a validator of response bodies
 * against our OpenAPI document.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { DAY_MS } from '../../src/sandbox/api-facts';
import { createSandboxServer, type SandboxOptions, type SandboxServer } from '../../src/sandbox/index';

import { HTTP_METHODS, OUR_SPEC, readSpec } from '../../scripts/lib/spec';

export const SANDBOX_BANK = 'SANDBOXFINANCE_SFIN0000';
export const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';
export { DAY_MS };

/** A clock tests move by hand; starts at a fixed instant so dates in assertions are stable. */
export function testClock(start = Date.parse('2024-03-15T12:00:00.000Z')) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
    get value() {
      return now;
    },
  };
}

export interface HttpResult {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the raw text when the body is not JSON. */
  body: any;
}

export interface CallOptions {
  token?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (for invalid JSON). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export type Fetch = typeof fetch;

/** Plain HTTP to a sandbox, no client involved: `call('GET', '/api/v2/…', { token })`. */
export function http(sandbox: SandboxServer, fetchImpl: Fetch = fetch) {
  return async function call(method: string, pathAndQuery: string, options: CallOptions = {}): Promise<HttpResult> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetchImpl(`${sandbox.url}${pathAndQuery}`, { method, headers, body, redirect: 'manual' });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };
}
export type Call = ReturnType<typeof http>;

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxServer> {
  return createSandboxServer({ port: 0, ...options });
}

export async function accessToken(sandbox: SandboxServer, call: Call = http(sandbox)): Promise<string> {
  const { status, body } = await call('POST', '/api/v2/token/new/', {
    body: { secret_id: sandbox.credentials.secretId, secret_key: sandbox.credentials.secretKey },
  });
  if (status !== 200) throw new Error(`token request answered ${status}`);
  return body.access;
}

export interface Linked {
  agreement: any;
  requisition: any;
  accounts: string[];
}

/** Agreement → requisition → consent (through the sandbox) → the linked requisition and its accounts. */
export async function linkAccounts(
  sandbox: SandboxServer,
  call: Call,
  token: string,
  agreementBody: Record<string, unknown> = {},
  institutionId = SANDBOX_BANK,
): Promise<Linked> {
  const agreement = await call('POST', '/api/v2/agreements/enduser/', { token, body: { institution_id: institutionId, ...agreementBody } });
  if (agreement.status !== 201) throw new Error(`agreement answered ${agreement.status}: ${JSON.stringify(agreement.body)}`);
  const created = await call('POST', '/api/v2/requisitions/', {
    token,
    body: { redirect: 'https://app.example/callback', institution_id: institutionId, agreement: agreement.body.id },
  });
  if (created.status !== 201) throw new Error(`requisition answered ${created.status}: ${JSON.stringify(created.body)}`);
  const requisition = await sandbox.completeRequisition(created.body.id);
  return { agreement: agreement.body, requisition, accounts: requisition.accounts ?? [] };
}

// --- OpenAPI validation ---------------------------------------------------------------

export const SPEC_PATH = OUR_SPEC;
const METHODS = HTTP_METHODS;

export interface SpecOperation {
  operationId: string;
  method: string;
  template: string;
  pattern: RegExp;
  /** Declared statuses → schema (undefined for a response without a JSON body). */
  responses: Map<number, unknown>;
}

export interface ValidationResult {
  operation?: SpecOperation;
  /** Whether the operation declares this status. */
  declared: boolean;
  valid: boolean;
  errors: string;
}

/** A copy of `node` where every object schema that names its properties and leaves `additionalProperties` unset allows no others. */
function closeSchemas(node: any): any {
  if (Array.isArray(node)) return node.map(closeSchemas);
  if (!node || typeof node !== 'object') return node;
  const copy = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, closeSchemas(value)]));
  if (copy.type === 'object' && copy.properties && !('additionalProperties' in copy)) copy.additionalProperties = false;
  return copy;
}

/** Compiles one validator per declared response of every operation in our OpenAPI document. */
export class SpecValidator {
  readonly operations: SpecOperation[] = [];
  readonly document: any;
  private readonly ajv: Ajv;
  private readonly validators = new Map<unknown, ValidateFunction>();

  constructor() {
    this.document = readSpec(SPEC_PATH);
    // strict: false lets OpenAPI's own keywords (readOnly, nullable with a type, example…) through;
    // Ajv 8 implements `nullable: true` next to `type` itself.
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    // A schema is closed unless the document opens it (`additionalProperties`): a field the sandbox sends
    // must be one the document declares, except where the document says banks send more. The error body
    // stays open: its description says a 400 adds one member per offending field.
    const { ErrorResponse, ...others } = this.document.components.schemas;
    const components = { ...this.document.components, schemas: { ...closeSchemas(others), ErrorResponse } };
    this.ajv.addSchema({ $id: 'openapi.json', components });
    for (const [template, item] of Object.entries<any>(this.document.paths)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation) continue;
        const responses = new Map<number, unknown>();
        for (const [status, response] of Object.entries<any>(operation.responses ?? {})) {
          responses.set(Number(status), response.content?.['application/json']?.schema);
        }
        this.operations.push({
          operationId: operation.operationId,
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
          responses,
        });
      }
    }
  }

  /** A validator for a schema of the document (its `#/…` refs resolved against the document). */
  compile(schema: unknown): ValidateFunction {
    let validator = this.validators.get(schema);
    if (!validator) {
      const rewrite = (node: any): any => {
        if (Array.isArray(node)) return node.map(rewrite);
        if (node && typeof node === 'object') {
          return Object.fromEntries(
            Object.entries(node).map(([key, value]) => [
              key,
              key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `openapi.json${value}` : rewrite(value),
            ]),
          );
        }
        return node;
      };
      validator = this.ajv.compile(rewrite(schema));
      this.validators.set(schema, validator);
    }
    return validator;
  }

  schema(name: string): unknown {
    return { $ref: `#/components/schemas/${name}` };
  }

  findOperation(method: string, pathname: string): SpecOperation | undefined {
    return this.operations.find((operation) => operation.method === method && operation.pattern.test(pathname));
  }

  /**
   * Validates a response body against the schema the operation declares for the
   * status. A status the operation does not declare is checked against
   * ErrorResponse (the document's error shape) and reported as undeclared.
   */
  validate(method: string, pathname: string, status: number, body: unknown): ValidationResult {
    const operation = this.findOperation(method, pathname);
    const declared = operation?.responses.has(status) ?? false;
    const schema = declared ? operation!.responses.get(status) : this.schema('ErrorResponse');
    if (schema === undefined) return { operation, declared, valid: body === '' || body === undefined, errors: 'no body expected' };
    const validator = this.compile(schema);
    const valid = validator(body);
    return { operation, declared, valid, errors: valid ? '' : this.ajv.errorsText(validator.errors, { separator: '\n' }) };
  }
}

/** One recorded exchange (see `recordingFetch`). */
export interface Exchange {
  method: string;
  pathname: string;
  status: number;
  text: string;
}

/** A fetch that records every answer it gets (the body is read from a clone, so callers are unaffected). */
export function recordingFetch(log: Exchange[]): Fetch {
  return (async (input: any, init?: any) => {
    const response = await fetch(input, init);
    const url = new URL(typeof input === 'string' ? input : String(input.url ?? input));
    log.push({ method: (init?.method ?? 'GET').toUpperCase(), pathname: url.pathname, status: response.status, text: await response.clone().text() });
    return response;
  }) as Fetch;
}
