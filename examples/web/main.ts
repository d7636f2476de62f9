/**
 * `npm start -- --web [--port 3000]`: the web quickstart. On the embedded
 * sandbox by default; on the real API when SECRET_ID and SECRET_KEY are set
 * (BASE_URL overrides the API host, PUBLIC_URL the app's own address when it
 * is not opened on this machine).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BankAccountDataClient } from '../../src/index';
import { createSandboxServer, type SandboxServer } from '../../src/sandbox/index';
import { createWebApp } from './app';

const DEFAULT_PORT = 3000;

function portOf(args: string[]): number {
  const index = args.indexOf('--port');
  const inline = args.find((arg) => arg.startsWith('--port='));
  if (index < 0 && !inline) return DEFAULT_PORT;
  const raw = inline ? inline.slice('--port='.length) : args[index + 1];
  const port = Number(raw);
  if (!/^\d+$/.test(raw ?? '') || port > 65_535)
    throw new Error(`--port must be a port number from 0 to 65535, got ${raw === undefined ? 'nothing' : JSON.stringify(raw)}`);
  return port;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

export async function runWeb(args: string[]): Promise<void> {
  const port = portOf(args);
  const { SECRET_ID: secretId, SECRET_KEY: secretKey } = process.env;
  if (Boolean(secretId) !== Boolean(secretKey)) throw new Error('Set both SECRET_ID and SECRET_KEY to use the real API, or neither to use the sandbox.');
  const sandbox: SandboxServer | undefined = secretId ? undefined : await createSandboxServer();
  const client = new BankAccountDataClient(
    sandbox ? { ...sandbox.credentials, baseUrl: sandbox.url } : { secretId, secretKey, baseUrl: process.env.BASE_URL || undefined },
  );
  // The sandbox's banks are made up, so their logo addresses name no image: monograms instead.
  const app = createWebApp({ client, mode: sandbox ? 'Sandbox' : 'Live API', publicUrl: process.env.PUBLIC_URL || undefined, fetchLogos: !sandbox });
  const server = createServer(app.handle);
  let actual: number;
  try {
    actual = await listen(server, port);
  } catch (error) {
    await sandbox?.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new Error(`Port ${port} is in use; choose another with --port <number>.`, { cause: error });
    throw error;
  }
  const stop = () => {
    server.closeAllConnections();
    server.close();
    client.close();
    void sandbox?.close();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(`Web quickstart ready at http://localhost:${actual}/ (${sandbox ? 'on the embedded sandbox' : 'on the real API'}). Ctrl+C stops it.`);
}
