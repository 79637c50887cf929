// A fetch-shaped handler on a node:http server until the command is stopped (Ctrl+C, SIGTERM).
import type { AddressInfo } from 'node:net';
import { Option } from '@commander-js/extra-typings';
import type { FetchHandler } from '../mock/node.js';
import { isLoopbackHost } from '../client/config.js';
import { EXIT_OK, UsageError } from './errors.js';
import type { CliIo } from './io.js';
import { integer } from './parse.js';

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';

/** `--port` and `--host` of every command that listens; `docs` prefixes "with --serve: " to both. */
export function listenOptions(prefix = '') {
  return {
    port: new Option('--port <port>', `${prefix}TCP port, 0 for any free one (default: env PORT, else ${DEFAULT_PORT})`).argParser(integer(0, 65535)),
    host: new Option('--host <address>', `${prefix}address to listen on; anything but loopback is reachable from other machines`).default(DEFAULT_HOST),
  };
}

/** --port, else the PORT variable (what `PORT=5000 npm start` has always meant), else 4010. */
export function portOf(option: number | undefined, io: CliIo): number {
  if (option !== undefined) return option;
  const raw = io.env.PORT;
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) throw new UsageError(`PORT must be a TCP port number from 0 to 65535, got ${JSON.stringify(raw.slice(0, 20))}`);
  return Number(raw);
}

/** Loopback unless told otherwise; any other address is reachable from elsewhere, and is said so. */
export function warnIfExposed(host: string, io: CliIo): void {
  const name = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  if (!isLoopbackHost(name)) {
    io.stderr.write(`warning: listening on ${host}: other machines can reach this server. Only host names in MEETING_ALLOWED_HOSTS (or --allowed-hosts) and loopback are answered.\n`);
  }
}

export interface Listening {
  /** e.g. http://127.0.0.1:4010 */
  url: string;
}

/** Resolves once the command is told to stop (Ctrl+C, SIGTERM). */
export function untilStopped(io: CliIo): Promise<void> {
  if (io.signal.aborted) return Promise.resolve();
  return new Promise((resolve) => io.signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** A listen failure as the user can act on it. */
export function listenError(error: unknown, port: number, host: string): unknown {
  return (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? new Error(`port ${port} on ${host} is in use: choose another with --port`) : error;
}

/** Serves `handler` on host:port, calls `ready`, and resolves with exit code 0 once stopped. */
export async function serveUntilStopped(handler: FetchHandler, port: number, host: string, io: CliIo, ready: (listening: Listening) => void): Promise<number> {
  // Loaded here, not at start-up: `users list` and the others never need the servers' modules.
  const { createServer } = await import('node:http');
  const { toNodeListener } = await import('../mock/node.js');
  const { DEFAULT_HEADERS_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS } = await import('../mock/server.js');
  const server = createServer(
    { headersTimeout: DEFAULT_HEADERS_TIMEOUT_MS, requestTimeout: DEFAULT_REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 1000 },
    toNodeListener(handler, { onError: (error) => io.stderr.write(`error while answering a request: ${error instanceof Error ? error.message : String(error)}\n`) }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenError(error, port, host)));
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  ready({ url: `http://${shown}:${address.port}` });
  await untilStopped(io);
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections of an open browser tab would otherwise hold the server open.
    server.closeAllConnections();
  });
  return EXIT_OK;
}
