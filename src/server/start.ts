// `serve` on a socket: the docs and the mock API on one port, through the mock's node:http adapter
// (which answers malformed request targets and turns an exception into a 500), with the short
// header and request timeouts the mock's own server uses.
import { fileURLToPath } from 'node:url';
import {
  createMockFetchHandler,
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  listen,
  toNodeListener,
  type Listening,
  type MockOptions,
  type UserStore,
} from '../mock/index.js';
import type { FetchHandler } from './docs.js';
import { createServeHandler } from './handler.js';
import { allowedHostsFromEnv } from './hosts.js';

/** The build output next to this module, in the repository (src/server/) and in the package (dist/server/). */
export const DEFAULT_DIST_DIR = fileURLToPath(new URL('../../dist/', import.meta.url));
export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';

export type StartServerOptions = {
  /** TCP port; 0 picks a free one (default 4010). */
  port?: number;
  /** Address to bind (default 127.0.0.1, loopback only). */
  host?: string;
  /** Build output with docs/index.html, openapi.json, openapi.yaml (default: the package's dist/). */
  distDir?: string;
  /**
   * Host names allowed besides localhost, 127.0.0.1, [::1] and the bound address; `true` allows
   * any. MEETING_ALLOWED_HOSTS (comma-separated) adds more, unless `env` says otherwise.
   */
  allowedHosts?: readonly string[] | true;
  /** Where MEETING_ALLOWED_HOSTS is read (default process.env). */
  env?: Record<string, string | undefined>;
  /** Options of the mock served under /v1/ (seed, users, requireToken, cors, faults...). */
  mock?: MockOptions;
  /** Time a client has to send all request headers, in ms (default 10,000; Node's is 60,000). */
  headersTimeoutMs?: number;
  /** Time a client has to send the whole request, body included, in ms (default 30,000; Node's is 300,000). */
  requestTimeoutMs?: number;
  /** Told about each exception that became a 500 (no request data is passed). */
  onError?: (error: unknown) => void;
};

export type RunningServer = Listening & {
  /** The mock's directory (read or change it while serving). */
  store: UserStore;
};

function positiveMs(name: string, value: number): number {
  if (!(Number.isInteger(value) && value > 0)) throw new RangeError(`${name} must be a positive integer of milliseconds, got ${value}`);
  return value;
}

/** The bound address as a Host header names it, unless it is a wildcard (which names no host). */
function boundHostName(address: string): string[] {
  if (address === '0.0.0.0' || address === '::') return [];
  return [address.includes(':') ? `[${address}]` : address];
}

/** The docs and the mock, composed into the one handler `startServer` serves. */
export function createDocsAndMockHandler(options: {
  distDir?: string;
  allowedHosts?: readonly string[] | true;
  mock?: MockOptions;
  onError?: (error: unknown) => void;
}): FetchHandler & { store: UserStore } {
  const api = createMockFetchHandler(options.mock);
  const handler = createServeHandler({
    distDir: options.distDir ?? DEFAULT_DIST_DIR,
    api,
    allowedHosts: options.allowedHosts ?? [],
    onError: options.onError,
  });
  return Object.assign(handler, { store: api.store });
}

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const { port = DEFAULT_PORT, host = DEFAULT_HOST, env = process.env } = options;
  const headersTimeout = positiveMs('headersTimeoutMs', options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS);
  const requestTimeout = positiveMs('requestTimeoutMs', options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
  const allowedHosts =
    options.allowedHosts === true ? true : [...(options.allowedHosts ?? []), ...allowedHostsFromEnv(env), ...boundHostName(host)];
  const handler = createDocsAndMockHandler({ distDir: options.distDir, allowedHosts, mock: options.mock, onError: options.onError });
  const listening = await listen(toNodeListener(handler, { onError: options.onError }), { port, host, headersTimeout, requestTimeout });
  return { ...listening, store: handler.store };
}

