// In-process loopback HTTP server for the client tests: records every request, answers with
// whatever the test scripts.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  /** Path and query exactly as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Destroy the socket instead of answering. */
  destroy?: boolean;
  /** Send the headers, then stall the body. */
  stallBody?: boolean;
  /** Send the headers and part of the body, then reset the connection. */
  dropBody?: boolean;
}

export type Handler = (request: Recorded, index: number) => Reply | Promise<Reply>;

export interface TestServer {
  baseUrl: string;
  requests: Recorded[];
  close(): Promise<void>;
}

function send(res: ServerResponse, reply: Reply): void {
  const body = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  const headers = { ...(reply.body !== undefined && typeof reply.body !== 'string' ? { 'content-type': 'application/json' } : {}), ...reply.headers };
  if (reply.stallBody || reply.dropBody) {
    res.writeHead(reply.status ?? 200, { ...headers, 'content-length': String(body.length + 10) });
    res.write(body.slice(0, 1));
    if (reply.dropBody) setTimeout(() => res.socket?.destroy(), 10);
    return;
  }
  res.writeHead(reply.status ?? 200, headers);
  res.end(body);
}

/** Starts a server on 127.0.0.1, port 0. `handler` may also be a list of replies, one per request. */
export async function startServer(handler: Handler | Reply[]): Promise<TestServer> {
  const requests: Recorded[] = [];
  const handle: Handler = Array.isArray(handler) ? (_r, i) => handler[Math.min(i, handler.length - 1)] ?? {} : handler;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: Recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      const index = requests.push(recorded) - 1;
      void Promise.resolve(handle(recorded, index)).then(async (reply) => {
        if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
        if (reply.destroy) req.socket.destroy();
        else send(res, reply);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A page of `count` fake users, `offset`..`offset+limit`. */
export function fakeUsers(offset: number, limit: number, count: number) {
  const data = [];
  for (let i = offset; i < Math.min(offset + limit, count); i++) data.push({ id: `u${i}`, userAccount: `acc${i}`, name: `User ${i}`, status: 0, userType: 2 });
  return data;
}

/** A SearchUsers server over `count` users that caps `limit` at `maxLimit` and repeats the last page past the end. */
export function pagingHandler(count: () => number, maxLimit = Number.POSITIVE_INFINITY): Handler {
  return (req) => {
    const q = new URL(req.url, 'http://x').searchParams;
    const total = count();
    const limit = Math.min(Number(q.get('limit') ?? 10), maxLimit);
    let offset = Number(q.get('offset') ?? 0);
    if (offset >= total) offset = Math.max(0, Math.floor((total - 1) / limit) * limit);
    return { body: { count: total, limit, offset, data: fakeUsers(offset, limit, total) } };
  };
}
