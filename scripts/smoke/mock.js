// @ts-check
'use strict';
/**
 * A mock of the API on 127.0.0.1 that refuses (400) every request breaking the
 * published document or differing from its fixture, and otherwise answers with
 * the fixture's reply, itself checked against the document's schema for that
 * status. Every request is kept in `hits`, with what was wrong with it.
 */
const http = require('http');
const { JSON_MEDIA, ajvErrors } = require('./operations');
const { checkRequest, differencesFromFixture } = require('./check-request');

/**
 * @typedef {object} Hit
 * @property {string} method
 * @property {string} url
 * @property {string} [key] the operation reached
 * @property {string[]} errors
 * @property {unknown} [reply] the body answered
 */

/**
 * @typedef {object} Mock
 * @property {http.Server} server
 * @property {string} baseUrl
 * @property {Hit[]} hits
 * @property {Set<string>} issued the access tokens handed out, which the mock accepts as bearer tokens
 * @property {() => Promise<void>} close
 */

/**
 * @param {import('./operations').CheckedOperation[]} operations
 * @param {import('../../test/fixtures/operations').OperationFixture[]} fixtures
 * @returns {Promise<Mock>}
 */
function startMock(operations, fixtures) {
  const byKey = new Map(fixtures.map((f) => [`${f.method} ${f.template}`, f]));
  /** @type {Hit[]} */
  const hits = [];
  /** @type {Set<string>} */
  const issued = new Set();

  /**
   * @param {http.IncomingMessage} req
   * @param {string} rawBody
   * @returns {[number, unknown]}
   */
  function answer(req, rawBody) {
    const checked = checkRequest(operations, req, rawBody, issued);
    /** @type {Hit} */
    const hit = { method: String(req.method), url: String(req.url), key: checked.op && checked.op.key, errors: checked.errors };
    hits.push(hit);
    const fixture = checked.op && byKey.get(checked.op.key);
    if (checked.op && !fixture) hit.errors.push(`no fixture for ${checked.op.key}: add one to test/fixtures/operations.js`);
    if (checked.op && fixture && hit.errors.length === 0) hit.errors.push(...differencesFromFixture(fixture, String(req.url), checked.body));
    if (!checked.op || !fixture || hit.errors.length) {
      return [400, { summary: 'Request does not follow the published spec', detail: hit.errors.join('; '), status_code: 400 }];
    }
    if (!checked.op.replies.has(fixture.status)) hit.errors.push(`the published spec declares no ${fixture.status} for ${checked.op.key}`);
    const validate = checked.op.replies.get(fixture.status);
    if (validate && !validate(fixture.reply))
      hit.errors.push(...ajvErrors('mock reply', validate).map((e) => `${e} (the fixture's reply breaks the published spec)`));
    if (fixture.reply && typeof fixture.reply.access === 'string') issued.add(fixture.reply.access);
    hit.reply = fixture.reply;
    return [fixture.status, fixture.reply];
  }

  const server = http.createServer((req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const [status, value] = answer(req, Buffer.concat(chunks).toString('utf8'));
      const text = JSON.stringify(value);
      res.writeHead(status, { 'Content-Type': JSON_MEDIA, 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('net').AddressInfo} */ (server.address());
      resolve({
        server,
        baseUrl: `http://127.0.0.1:${port}`,
        hits,
        issued,
        close: () => {
          server.closeAllConnections();
          return new Promise((done) => server.close(() => done()));
        },
      });
    });
  });
}

module.exports = { startMock };
