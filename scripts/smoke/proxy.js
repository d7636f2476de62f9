// @ts-check
'use strict';
/**
 * A checking proxy on 127.0.0.1 in front of the sandbox. A request that breaks the
 * published document is refused (400) and never reaches the sandbox; any other is
 * forwarded as sent, and the sandbox's reply goes back unchanged after it is
 * validated against the document's schema for that operation and status. Every
 * request is kept in `hits`, with what was wrong with it and with its reply.
 */
const http = require('http');
const { JSON_MEDIA, ajvErrors } = require('./operations');
const { checkRequest } = require('./check-request');

/**
 * @typedef {object} Hit
 * @property {string} method
 * @property {string} url path and query as received
 * @property {string} [key] the operation reached
 * @property {string[]} errors what breaks the published document in the request; a request with any is not forwarded
 * @property {unknown} [body] the parsed JSON body sent
 * @property {number} [status] the sandbox's status (absent when the request was refused, not forwarded)
 * @property {unknown} [reply] the sandbox's reply body, parsed when JSON
 * @property {string[]} replyErrors what breaks the published document in the reply: `<operation> <status>: <schema error>`
 */

/**
 * @typedef {object} CheckingProxy
 * @property {string} baseUrl
 * @property {Hit[]} hits
 * @property {Set<string>} issued the access tokens the sandbox handed out through the proxy: the only bearer tokens it accepts
 * @property {() => Promise<void>} close
 */

// Per connection, not per exchange: the proxy keeps its own connection to the sandbox.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade', 'te', 'trailer']);

/** @param {http.IncomingHttpHeaders} headers */
function endToEnd(headers) {
  /** @type {http.OutgoingHttpHeaders} */
  const out = {};
  for (const [name, value] of Object.entries(headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) out[name] = value;
  return out;
}

/** @param {http.IncomingMessage} message */
function readAll(message) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    message.on('data', (c) => chunks.push(c));
    message.on('end', () => resolve(Buffer.concat(chunks)));
    message.on('error', reject);
  });
}

/**
 * What breaks the document in a reply (empty when it follows it).
 * @param {import('./operations').CheckedOperation} op
 * @param {number} status
 * @param {string | undefined} contentType
 * @param {Buffer} raw
 * @returns {{ reply: unknown, errors: string[] }}
 */
function checkReply(op, status, contentType, raw) {
  const where = `${op.key} ${status}`;
  if (!op.replies.has(status)) return { reply: raw.toString('utf8'), errors: [`${where}: the published spec declares no ${status} for this operation`] };
  const validate = op.replies.get(status);
  const isJson = /^application\/json\b/i.test(String(contentType || ''));
  if (!isJson) return { reply: raw.toString('utf8'), errors: validate ? [`${where}: the reply is ${contentType || 'untyped'}, not ${JSON_MEDIA}`] : [] };
  let reply;
  try {
    reply = JSON.parse(raw.toString('utf8'));
  } catch {
    return { reply: raw.toString('utf8'), errors: [`${where}: the reply is not valid JSON`] };
  }
  if (!validate || validate(reply)) return { reply, errors: [] };
  return { reply, errors: ajvErrors('reply', validate).map((e) => `${where}: ${e}`) };
}

/**
 * @param {import('./operations').CheckedOperation[]} operations of the published document
 * @param {string} targetUrl the sandbox's base URL
 * @returns {Promise<CheckingProxy>}
 */
function startCheckingProxy(operations, targetUrl) {
  const target = new URL(targetUrl);
  const agent = new http.Agent({ keepAlive: true });
  /** @type {Hit[]} */
  const hits = [];
  /** @type {Set<string>} */
  const issued = new Set();

  /**
   * @param {http.IncomingMessage} req
   * @param {Buffer} body
   * @returns {Promise<{ status: number, headers: http.OutgoingHttpHeaders, body: Buffer }>}
   */
  function forward(req, body) {
    return new Promise((resolve, reject) => {
      const headers = { ...endToEnd(req.headers), host: target.host, 'content-length': String(body.length) };
      const out = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent }, (res) => {
        readAll(res).then((buf) => resolve({ status: res.statusCode || 0, headers: endToEnd(res.headers), body: buf }), reject);
      });
      out.on('error', reject);
      out.end(body);
    });
  }

  /**
   * @param {http.IncomingMessage} req
   * @param {Buffer} raw
   * @returns {Promise<{ status: number, headers: http.OutgoingHttpHeaders, body: Buffer }>}
   */
  async function answer(req, raw) {
    const checked = checkRequest(operations, req, raw.toString('utf8'), issued);
    /** @type {Hit} */
    const hit = {
      method: String(req.method),
      url: String(req.url),
      key: checked.op && checked.op.key,
      errors: checked.errors,
      body: checked.body,
      replyErrors: [],
    };
    hits.push(hit);
    if (!checked.op || hit.errors.length) {
      const text = JSON.stringify({ summary: 'Request does not follow the published spec', detail: hit.errors.join('; '), status_code: 400 });
      return { status: 400, headers: { 'content-type': JSON_MEDIA }, body: Buffer.from(text) };
    }
    let reply;
    try {
      reply = await forward(req, raw);
    } catch (err) {
      // The client sees a 502; the run sees why.
      hit.replyErrors.push(`${hit.key}: the sandbox did not answer (${/** @type {Error} */ (err).message})`);
      return { status: 502, headers: { 'content-type': 'text/plain' }, body: Buffer.from('the sandbox did not answer') };
    }
    const contentType = /** @type {string | undefined} */ (reply.headers['content-type']);
    const { reply: parsed, errors } = checkReply(checked.op, reply.status, contentType, reply.body);
    Object.assign(hit, { status: reply.status, reply: parsed, replyErrors: errors });
    const access = parsed && typeof parsed === 'object' ? /** @type {{ access?: unknown }} */ (parsed).access : undefined;
    if (reply.status === 200 && typeof access === 'string') issued.add(access);
    return reply;
  }

  const server = http.createServer((req, res) => {
    readAll(req)
      .then((raw) => answer(req, raw))
      .then(({ status, headers, body }) => {
        res.writeHead(status, { ...headers, 'content-length': String(body.length) });
        res.end(body);
      })
      .catch(() => res.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('net').AddressInfo} */ (server.address());
      resolve({
        baseUrl: `http://127.0.0.1:${port}`,
        hits,
        issued,
        close: () => {
          server.closeAllConnections();
          agent.destroy();
          return new Promise((done) => server.close(() => done()));
        },
      });
    });
  });
}

module.exports = { startCheckingProxy };
