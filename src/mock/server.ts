// The mock on its own loopback HTTP server, for tests, benchmarks and `npm run mock`.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMockHandler, type MockOptions } from './handler.js';
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

export type MockServerOptions = MockOptions & { port?: number; host?: string };

export async function startMockServer({ port = 0, host = '127.0.0.1', ...options }: MockServerOptions = {}): Promise<MockServer> {
  const handler = createMockHandler(options);
  const server = createServer(handler);
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
