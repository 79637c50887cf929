// The mock on its own loopback HTTP server, for tests, benchmarks and `npm run mock`.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMockFetchHandler, type MockOptions } from './handler.js';
import { toNodeListener } from './node.js';
import type { UserStore } from './store.js';

export type MockServer = {
  /** e.g. http://127.0.0.1:40123 (no trailing slash): the client's baseUrl. */
  url: string;
  port: number;
  host: string;
  store: UserStore;
  server: Server;
  close(): Promise<void>;
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
  // Node checks the two timeouts every `connectionsCheckingInterval` ms (default 30 s); check often
  // enough that a timeout is kept to within a second.
  const server = createServer(
    { headersTimeout: Math.min(headersTimeout, requestTimeout), requestTimeout, connectionsCheckingInterval: Math.min(1000, headersTimeout) },
    handler,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    host: address.address,
    store: handler.store,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
