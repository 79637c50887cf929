// The exact requests the client puts on the wire.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMeetingClient } from '../../src/index.js';
import { startServer, fakeUsers, type TestServer } from './server.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const page = { body: { count: 2, limit: 10, offset: 0, data: fakeUsers(0, 2, 2) } };
let server: TestServer;
afterEach(() => server?.close());

describe('SearchUsers request', () => {
  it('sends the token, an explicit language and a fresh UUID request id per call', async () => {
    server = await startServer([page]);
    const client = createMeetingClient({ accessToken: 'tok-12345', baseUrl: server.baseUrl });
    await client.searchUsers();
    await client.searchUsers();
    const [a, b] = server.requests;
    expect(a?.method).toBe('GET');
    expect(a?.url).toBe('/v1/usg/dcs/corp/member');
    expect(a?.headers['x-access-token']).toBe('tok-12345');
    expect(a?.headers['accept-language']).toBe('zh-CN');
    expect(a?.headers['x-request-id']).toMatch(UUID);
    expect(b?.headers['x-request-id']).toMatch(UUID);
    expect(a?.headers['x-request-id']).not.toBe(b?.headers['x-request-id']);
    expect(a?.headers['content-type']).toBeUndefined();
  });

  it('serialises userType as repeated keys, leaves undefined out and invents nothing', async () => {
    server = await startServer([page]);
    const client = createMeetingClient({ accessToken: 'test-token', baseUrl: `${server.baseUrl}/`, language: 'en-US' });
    await client.searchUsers({ offset: 0, limit: 5, userType: [2, 12], searchKey: 'a b&c', isAsc: false, deptCode: undefined, sortField: 'status' });
    const url = new URL(server.requests[0]?.url ?? '', 'http://x');
    expect(url.pathname).toBe('/v1/usg/dcs/corp/member');
    expect([...url.searchParams]).toEqual([
      ['offset', '0'],
      ['limit', '5'],
      ['userType', '2'],
      ['userType', '12'],
      ['searchKey', 'a b&c'],
      ['isAsc', 'false'],
      ['sortField', 'status'],
    ]);
    expect(server.requests[0]?.headers['accept-language']).toBe('en-US');
  });

  it('reads a body that arrives in pieces, characters split across them, as the text it is', async () => {
    const name = '张伟 Zhāng Wěi 😀';
    const bytes = Buffer.from(JSON.stringify({ count: 1, data: [{ name }] }));
    // One byte per write, each flushed on its own: every multi-byte character is cut.
    const chunked = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      let at = 0;
      const next = () => (at < bytes.length ? res.write(bytes.subarray(at, ++at), () => setImmediate(next)) : res.end());
      next();
    });
    await new Promise<void>((resolve) => chunked.listen(0, '127.0.0.1', resolve));
    try {
      const client = createMeetingClient({ accessToken: 'test-token', baseUrl: `http://127.0.0.1:${(chunked.address() as AddressInfo).port}` });
      expect((await client.searchUsers()).data[0]?.name).toBe(name);
    } finally {
      chunked.closeAllConnections();
      await new Promise((resolve) => chunked.close(resolve));
    }
  });

  it('uses the caller request id and returns the page', async () => {
    server = await startServer([page]);
    const client = createMeetingClient({ accessToken: 'test-token', baseUrl: server.baseUrl });
    const result = await client.searchUsers({}, { requestId: 'my-id-1' });
    expect(server.requests[0]?.headers['x-request-id']).toBe('my-id-1');
    expect(result).toEqual(page.body);
  });
});

describe('BatchUpdateUserStatus request', () => {
  it('PUTs the JSON array with Content-Type, status in the path and accountType in the query', async () => {
    server = await startServer([{ status: 200 }]);
    const client = createMeetingClient({ accessToken: 'test-token', baseUrl: server.baseUrl });
    await expect(client.batchUpdateUserStatus({ status: 1, accounts: ['a', 'b'], accountType: 1 })).resolves.toEqual({ updated: ['a', 'b'] });
    const r = server.requests[0];
    expect(r?.method).toBe('PUT');
    expect(r?.url).toBe('/v1/usg/dcs/corp/member/status/1?accountType=1');
    expect(r?.headers['content-type']).toBe('application/json');
    expect(r?.headers['x-access-token']).toBe('test-token');
    expect(r?.headers['accept-language']).toBe('zh-CN');
    expect(r?.headers['x-request-id']).toMatch(UUID);
    expect(JSON.parse(r?.body ?? '')).toEqual(['a', 'b']);
  });

  it('leaves accountType out when not given', async () => {
    server = await startServer([{ status: 200 }]);
    const client = createMeetingClient({ accessToken: 'test-token', baseUrl: server.baseUrl });
    await client.batchUpdateUserStatus({ status: 0, accounts: ['a'] }, { requestId: 'rid' });
    expect(server.requests[0]?.url).toBe('/v1/usg/dcs/corp/member/status/0');
    expect(server.requests[0]?.headers['x-request-id']).toBe('rid');
  });

  it.each([
    ['no body', { status: 200 }],
    ['a JSON content type with an empty body', { status: 200, headers: { 'content-type': 'application/json;charset=UTF-8' }, body: '' }],
    ['a JSON content type with junk', { status: 200, headers: { 'content-type': 'application/json;charset=UTF-8' }, body: '<html>ok</html>' }],
    ['a JSON object', { status: 200, body: { result: 'ok' } }],
  ])('ignores the 200 body: %s', async (_name, reply) => {
    server = await startServer([reply]);
    const client = createMeetingClient({ accessToken: 'test-token', baseUrl: server.baseUrl });
    await expect(client.batchUpdateUserStatus({ status: 0, accounts: ['x'] })).resolves.toEqual({ updated: ['x'] });
  });
});

describe('client.raw', () => {
  it('is the openapi-fetch client with the same token, language and request id', async () => {
    server = await startServer([{ status: 503 }, page]);
    const client = createMeetingClient({ accessToken: 'raw-token', baseUrl: server.baseUrl, language: 'en-US', clock: { sleep: async () => undefined } });
    const { data, response } = await client.raw.GET('/v1/usg/dcs/corp/member', { params: { query: { userType: [13, 14] } } });
    expect(response.status).toBe(200);
    expect(data?.count).toBe(2);
    const [first, second] = server.requests;
    expect(first?.url).toBe('/v1/usg/dcs/corp/member?userType=13&userType=14');
    expect(first?.headers['x-access-token']).toBe('raw-token');
    expect(first?.headers['accept-language']).toBe('en-US');
    expect(first?.headers['x-request-id']).toMatch(UUID);
    // Retried by the same transport, with the same id.
    expect(second?.headers['x-request-id']).toBe(first?.headers['x-request-id']);
  });

  it('keeps openapi-fetch\'s result contract for an HTTP error', async () => {
    server = await startServer([{ status: 400, body: { error_code: 'USG.201040000', error_msg: 'no user' } }]);
    const client = createMeetingClient({ accessToken: 'test-token', baseUrl: server.baseUrl });
    const { error, response } = await client.raw.PUT('/v1/usg/dcs/corp/member/status/{value}', { params: { path: { value: 0 } }, body: ['a'] });
    expect(response.status).toBe(400);
    expect(error).toEqual({ error_code: 'USG.201040000', error_msg: 'no user' });
  });
});

describe('client.raw middleware', () => {
  it('runs on raw calls only, never on the typed methods', async () => {
    server = await startServer([page]);
    const client = createMeetingClient({ accessToken: 'test-token', baseUrl: server.baseUrl });
    const seen: string[] = [];
    client.raw.use({
      onRequest({ request }) {
        seen.push(request instanceof Request ? 'Request' : 'other');
        request.headers.set('X-Extra', 'yes');
      },
    });
    await client.searchUsers();
    await client.raw.GET('/v1/usg/dcs/corp/member');
    expect(seen).toEqual(['Request']);
    expect(server.requests.map((r) => r.headers['x-extra'])).toEqual([undefined, 'yes']);
  });
});
