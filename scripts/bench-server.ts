// The benchmark's API stand-in, run in its own process so its work is not timed as the client's.
// Serves SearchUsers over `BENCH_USERS` users, answering each request after `BENCH_LATENCY_MS`.
// It is deliberately minimal, unlike the mock (bench-mock.ts): the mock filters all its users and
// validates every request against the spec, server time that would be counted against the client
// in the targets (it shrinks the per-call ratio and stretches the listing).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const users = Number(process.env.BENCH_USERS ?? 1000);
const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 0);

function page(offset: number, limit: number): string {
  const start = offset >= users ? Math.max(0, users - limit) : offset;
  const data = [];
  for (let i = start; i < Math.min(start + limit, users); i++) {
    data.push({ id: `id-${i}`, userAccount: `account${i}`, name: `User ${i}`, email: `user${i}@example.com`, deptCode: '1', status: 0, userType: 2, adminType: 2 });
  }
  return JSON.stringify({ count: users, limit, offset: start, data });
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const body = page(Number(url.searchParams.get('offset') ?? 0), Number(url.searchParams.get('limit') ?? 10));
  const send = () => {
    res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8', 'x-request-id': String(req.headers['x-request-id'] ?? '') });
    res.end(body);
  };
  if (latencyMs > 0) setTimeout(send, latencyMs);
  else send();
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send?.((server.address() as AddressInfo).port));
