/**
 * What the generated API classes (generated/apis/*) extend and send through,
 * in place of the generator's own runtime: a request is the base URL and path,
 * a query string, the client's headers under the call's own, and a JSON body,
 * handed to the client's transport with the operation's facts.
 */
import type { Transport } from './fetch-types';
import { jsonBody } from './json-body';
import { mergeHeaders } from './merge-headers';
import { querystring, type HTTPQuery } from './query-string';

export type { HTTPQuery } from './query-string';

export type HTTPMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS' | 'HEAD';
export type HTTPHeaders = { [name: string]: string };

/** The request init a per-call function receives, before its own changes. */
export interface HTTPRequestInit {
  method: HTTPMethod;
  headers: HTTPHeaders;
  body?: unknown;
}

/** One request as a generated method describes it. */
export interface RequestOpts {
  /** The path with its parameters filled in, appended to the base path. */
  path: string;
  method: HTTPMethod;
  /** Set by the operation: `Content-Type` when it sends a body. */
  headers: HTTPHeaders;
  query?: HTTPQuery;
  /** The request body, not yet encoded. */
  body?: unknown;
  /** The operation's `security` asks for a credential (src/request/fetch-types.ts). */
  auth: boolean;
}

/**
 * The second argument of every method as a function: given the init the client
 * built and the request, it returns the changes to make (headers merge over the
 * client's, see `mergeHeaders`).
 */
export type InitOverrideFunction = (requestContext: { init: HTTPRequestInit; context: RequestOpts }) => Promise<RequestInit>;

/** A response beside its decoded body. */
export interface ApiResponse<T> {
  raw: Response;
  value(): Promise<T>;
}

export class JSONApiResponse<T> implements ApiResponse<T> {
  constructor(public raw: Response) {}

  /** The body, parsed as JSON. */
  async value(): Promise<T> {
    return (await this.raw.json()) as T;
  }
}

export interface ConfigurationParameters {
  /** Prefixed to every operation's path: the API's origin, without a trailing slash. */
  basePath: string;
  /** Sends each request (the client's transport). */
  fetchApi: Transport;
  /** Sent with every request, under a call's own headers. */
  headers?: HTTPHeaders;
}

/** What every API class of one client shares. */
export class Configuration {
  readonly basePath: string;
  readonly fetchApi: Transport;
  readonly headers: HTTPHeaders;

  constructor({ basePath, fetchApi, headers = {} }: ConfigurationParameters) {
    this.basePath = basePath;
    this.fetchApi = fetchApi;
    this.headers = headers;
  }
}

/** The base class of the generated API classes. */
export class BaseAPI {
  constructor(private readonly configuration: Configuration) {}

  /**
   * Builds the URL and init of one request and sends it through the
   * configuration's `fetchApi`, with `context` as the operation's facts.
   *
   * - URL: base path, path, then `?` and the query string when there is a query.
   * - Headers: the configured ones, the operation's over them, then the call's
   *   own merged over both (`mergeHeaders`).
   * - `initOverrides`: an object, or a function of the built init, whose fields
   *   replace the built ones (headers merge, as above).
   * - Body: an operation that sends one sets `Content-Type` (always
   *   `application/json` in our document), and its body, the call's own
   *   included, goes out as JSON text (`jsonBody`).
   */
  protected async request(context: RequestOpts, initOverrides?: RequestInit | InitOverrideFunction): Promise<Response> {
    const { basePath, fetchApi, headers: configured } = this.configuration;
    let url = basePath + context.path;
    // No query, no `?`: some servers mishandle a URL that ends with one.
    if (context.query && Object.keys(context.query).length > 0) url += `?${querystring(context.query)}`;

    const headers = { ...configured, ...context.headers };
    const built: HTTPRequestInit = { method: context.method, headers, body: context.body };
    const overrides = typeof initOverrides === 'function' ? await initOverrides({ init: built, context }) : initOverrides;
    const { body, ...init } = { ...built, ...overrides, headers: mergeHeaders(headers, overrides?.headers) };
    const sendsJson = context.headers['Content-Type'] !== undefined;
    return fetchApi(url, { ...init, body: sendsJson ? jsonBody(body) : (body as BodyInit | null | undefined) }, context);
  }
}
