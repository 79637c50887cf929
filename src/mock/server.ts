// The mock on its own loopback HTTP server, for tests, benchmarks and `npm run mock`.
import type { RequestListener } from 'node:http';
import { createMockFetchHandler, type MockOptions } from './handler.js';
import { listen, type Listening } from './listen.js';
import { toNodeListener } from './node.js';
import type { UserStore } from './store.js';

export type MockServer = Listening & {
  /** The mock's directory (read or change it while serving). */
  store: UserStore;
};

export type MockServerOptions = MockOptions & {
  port?: number;
  host?: string;
  /** Time a client has to send all request headers, in ms (default 10,000; Node's is 60,000). */
  headersTimeout?: number;
  /** Time a client has to send the whole request, body included, in ms (default 30,000; Node's is 300,000). */
  requestTimeout?: number;
};

export type MockHandler = RequestListener & { store: UserStore };

/** Short, so that a slow or stalled client cannot hold a connection for minutes. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** The mock as a node:http request listener for `/v1/...` paths. */
export function createMockHandler(options: MockOptions = {}): MockHandler {
  const handler = createMockFetchHandler(options);
  return Object.assign(toNodeListener(handler), { store: handler.store });
}

export async function startMockServer({
  port = 0,
  host = '127.0.0.1',
  headersTimeout = DEFAULT_HEADERS_TIMEOUT_MS,
  requestTimeout = DEFAULT_REQUEST_TIMEOUT_MS,
  ...options
}: MockServerOptions = {}): Promise<MockServer> {
  for (const [name, value] of [['headersTimeout', headersTimeout], ['requestTimeout', requestTimeout]] as const) {
    if (!(Number.isInteger(value) && value > 0)) throw new RangeError(`${name} must be a positive integer of ms, got ${value}`);
  }
  const handler = createMockHandler(options);
  return { ...(await listen(handler, { port, host, headersTimeout, requestTimeout })), store: handler.store };
}
