// A node:http server listening with short header and request timeouts: the mock's own server and
// `serve` start theirs here, so both keep slow clients to the same limits.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ListenOptions = {
  port: number;
  host: string;
  /** Time a client has to send all request headers, in ms. */
  headersTimeout: number;
  /** Time a client has to send the whole request, body included, in ms. */
  requestTimeout: number;
};

export type Listening = {
  /** e.g. http://127.0.0.1:40123 (no trailing slash). */
  url: string;
  port: number;
  host: string;
  server: Server;
  close(): Promise<void>;
};

export async function listen(listener: RequestListener, { port, host, headersTimeout, requestTimeout }: ListenOptions): Promise<Listening> {
  // Node checks both timeouts every `connectionsCheckingInterval` ms (default 30 s): check often
  // enough that a timeout is kept to within a second.
  const server = createServer(
    { headersTimeout: Math.min(headersTimeout, requestTimeout), requestTimeout, connectionsCheckingInterval: Math.min(1000, headersTimeout) },
    listener,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    host: address.address,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive connections (an open browser tab) would otherwise hold the server open.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
