/**
 * A loopback server for the client's hostile-input tests: records every
 * request (raw target, headers, body) and answers with the test's handler
 * (by default 200 with a small JSON body).
 */
import http from 'http';
import type { AddressInfo } from 'net';

export interface SeenRequest {
  method: string;
  /** The request target exactly as it arrived. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Loopback {
  baseUrl: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, seen: SeenRequest) => void;

const answerJson: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"id":"ok"}');
};

export async function startLoopback(handler: Handler = answerJson): Promise<Loopback> {
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(request);
      handler(req, res, request);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A long-lived access token (a JWT expiring in 2100) the client uses as is. */
export const ACCESS_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDB9.hostile-suite-signature';
