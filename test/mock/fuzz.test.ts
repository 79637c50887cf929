// Arbitrary requests, in process and as raw bytes over HTTP: never a 5xx, never a crash.
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockApi, startMockServer, type MockServer } from '../../src/mock/index.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ userCount: 40 });
});
afterAll(async () => {
  await mock.close();
});

const paths = fc.oneof(
  fc.constantFrom('/v1/usg/dcs/corp/member', '/v1/usg/dcs/corp/member/status/0', '/v1/usg/dcs/corp/member/status/1', '/v1/usg/dcs/corp/member/'),
  fc.webPath(),
  fc.string({ maxLength: 30 }).map((s) => `/v1/usg/dcs/corp/member/status/${s}`),
  fc.string({ maxLength: 30 }).map((s) => `/${s}`),
);
const query = fc.array(fc.tuple(fc.constantFrom('offset', 'limit', 'userType', 'status', 'searchKey', 'sortField', 'isAsc', 'accountType', 'x'), fc.string({ maxLength: 12 })), { maxLength: 6 });
const headerValue = fc.string({ maxLength: 40 }).filter((v) => /^[\t\x20-\x7e]*$/.test(v));
const headers = fc.record(
  {
    'x-access-token': headerValue,
    'accept-language': headerValue,
    'content-type': fc.oneof(fc.constantFrom('application/json', 'text/plain', 'application/json;charset=UTF-8'), headerValue),
    'x-request-id': headerValue,
  },
  { requiredKeys: [] },
);
const body = fc.oneof(fc.constant(undefined), fc.json(), fc.string({ maxLength: 200 }), fc.array(fc.string({ maxLength: 10 })).map((a) => JSON.stringify(a)));
const method = fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH');

describe('mock fuzz', () => {
  it('in process: any method, path, query, headers and body get an answer below 500', async () => {
    const api = createMockApi({ userCount: 40, cors: '*' });
    await fc.assert(
      fc.asyncProperty(method, paths, query, headers, body, async (m, p, q, h, b) => {
        const url = `${p.startsWith('/') ? p : `/${p}`}?${new URLSearchParams(q).toString()}`;
        const res = await api.fetch(url, { method: m, headers: h, body: m === 'GET' || m === 'HEAD' ? undefined : b });
        expect(res.status, `${m} ${url}`).toBeLessThan(500);
        await res.arrayBuffer();
      }),
      { numRuns: 300 },
    );
  });

  it('over HTTP: arbitrary request lines get an answer (or a close) and the server keeps serving', async () => {
    const line = fc.tuple(
      fc.oneof(method, fc.stringMatching(/^[A-Z]{1,8}$/)),
      fc.oneof(paths, fc.string({ maxLength: 40 }).filter((s) => !/[\s]/.test(s))),
    );
    await fc.assert(
      fc.asyncProperty(line, fc.string({ maxLength: 60 }), async ([m, target], extra) => {
        const head = `${m} ${target} HTTP/1.1\r\nHost: x\r\nX-Access-Token: t\r\nContent-Length: ${Buffer.byteLength(extra)}\r\nConnection: close\r\n\r\n${extra}`;
        const answer = await new Promise<string>((resolve) => {
          const socket = connect(mock.port, '127.0.0.1', () => socket.write(head));
          let received = '';
          socket.on('data', (chunk) => (received += chunk.toString('latin1')));
          socket.on('error', () => resolve(received));
          socket.on('close', () => resolve(received));
        });
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
        // 0: the parser refused the bytes and closed the connection without an answer.
        expect(status === 0 || status < 500, `${m} ${target} -> ${answer.slice(0, 40)}`).toBe(true);
      }),
      { numRuns: 150 },
    );
    const res = await fetch(`${mock.url}/v1/usg/dcs/corp/member`, { headers: { 'X-Access-Token': 't' } });
    expect(res.status).toBe(200);
  });
});
