/**
 * The default transport: node-fetch 2 over keep-alive agents, so consecutive
 * calls reuse one TCP/TLS connection instead of paying a handshake each.
 * Idle sockets are released after a few seconds and never keep the process alive.
 */
import http from 'http';
import https from 'https';
import nodeFetch from 'node-fetch';
import type { FetchAPI } from '../generated/runtime';

const agentOptions = { keepAlive: true, keepAliveMsecs: 1_000, maxSockets: 64, timeout: 60_000 };
let agents: { http: http.Agent; https: https.Agent } | undefined;

function agentFor(url: URL): http.Agent {
  agents ??= { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };
  return url.protocol === 'http:' ? agents.http : agents.https;
}

/** node-fetch with a shared keep-alive agent per protocol. */
export const keepAliveFetch: FetchAPI = (input, init) =>
  nodeFetch(String(input), { ...(init as object), agent: agentFor } as never) as unknown as Promise<Response>;
