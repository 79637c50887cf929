// A server for the mock benchmark, in its own process so that its work is not timed as the load
// generator's. BENCH_SERVER=mock serves the embedded mock; BENCH_SERVER=bare a bare node:http
// server that answers each SearchUsers URL with the very bytes the mock sends for it (body,
// content type, length, a 32-hex request id), computed once: the floor the mock is compared to.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createUserStore, startMockServer } from '../../src/mock/index.js';

const userCount = Number(process.env.BENCH_USERS ?? 1000);

if (process.env.BENCH_SERVER === 'mock') {
  const mock = await startMockServer({ userCount });
  mock.server.keepAliveTimeout = 60_000;
  process.send?.(mock.port);
} else {
  const store = createUserStore({ userCount });
  const bodies = new Map<string, Buffer>();
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    let body = bodies.get(url);
    if (!body) {
      const limit = Number(new URL(url, 'http://x').searchParams.get('limit') ?? 10);
      body = Buffer.from(JSON.stringify(store.search({ limit, offset: 0 })));
      bodies.set(url, body);
    }
    res.writeHead(200, {
      'x-request-id': randomBytes(16).toString('hex'),
      'content-length': String(body.length),
      'content-type': 'application/json;charset=UTF-8',
    });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send?.((server.address() as AddressInfo).port));
}
process.on('message', (m) => {
  if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
});
