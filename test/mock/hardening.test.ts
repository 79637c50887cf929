// Issue 9, items 5-10: bad input gets a small 4xx, limits are checked before the body is read,
// 405 says what is allowed, clients' default Accept-Language works, path values are exact, and a
// 400 names every problem in a stable order.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockApi, lookupLanguage, parseLanguageRanges, startMockServer, type MockServer } from '../../src/mock/index.js';
import { putStatus, search, send, SEARCH_PATH, statusPath } from '../contract/support/http.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ userCount: 50 });
});
afterAll(async () => {
  await mock.close();
});

const messageOf = (json: unknown) => (json as { error_msg: string }).error_msg;

/** Sends headers that declare a body, and at most `send` bytes of it; resolves with the status as soon as it comes. */
function declareBody(path: string, headers: Record<string, string>, sent: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: mock.port, path, method: 'PUT', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    // Writes after the server has answered and closed may fail; only the answer matters.
    req.on('error', (error) => (req.writableEnded ? reject(error) : undefined));
    if (sent !== undefined) req.write(sent);
    req.flushHeaders();
  });
}

describe('item 5: an error body stays small whatever was sent', () => {
  it('answers 30,000 invalid items with 400, the first problems and how many there were, under 64 KiB', async () => {
    const body = JSON.stringify(Array.from({ length: 30_000 }, (_, i) => 100_000_000 + i)); // ~300 KB of numbers, not accounts
    const res = await putStatus(mock.url, 1, body);
    expect(res.status).toBe(400);
    expect(Buffer.byteLength(res.text)).toBeLessThan(64 * 1024);
    expect(messageOf(res.json)).toMatch(/body\/0 must be string; body\/1 must be string; .*; and 29980 more \(30000 problems in all\)$/);
  });

  it('cuts long values short in messages', async () => {
    const res = await search(mock.url, `limit=${'9x'.repeat(4000)}&userType=${'7'.repeat(5000)}`);
    expect(res.status).toBe(400);
    expect(res.text.length).toBeLessThan(2000);
    expect(messageOf(res.json)).toContain('limit');
    expect(messageOf(res.json)).toContain('userType');
  });

  it('does not echo an X-Request-Id longer than 256 characters', async () => {
    const res = await search(mock.url, 'limit=x', { headers: { 'X-Request-Id': 'r'.repeat(5000) } });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('item 6: route, method and token before the body; a body over the limit is refused', () => {
  const tooLong = { 'Content-Type': 'application/json', 'Content-Length': String(1024 ** 3), 'X-Access-Token': 't' };

  it('answers a declared Content-Length over the limit with 413 at once, without reading the body', async () => {
    // Only the headers are sent: an answer proves the server did not wait for the gigabyte.
    expect(await declareBody(statusPath(1), tooLong, undefined)).toBe(413);
  });

  it('routes, checks the method and authenticates before looking at the body', async () => {
    expect(await declareBody('/v1/usg/dcs/corp/nothing', tooLong, undefined)).toBe(404);
    expect(await declareBody(SEARCH_PATH, tooLong, undefined)).toBe(405);
    const noToken: Record<string, string> = { ...tooLong };
    delete noToken['X-Access-Token'];
    expect(await declareBody(statusPath(1), noToken, undefined)).toBe(401);
  });

  it('stops reading at the limit when the length is not declared', async () => {
    const chunked = { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'X-Access-Token': 't' };
    expect(await declareBody(statusPath(1), chunked, `["${'a'.repeat(1024 * 1024 + 10)}`)).toBe(413);
  });

  it('in process too: a streamed body over maxBodyBytes gets 413', async () => {
    const api = createMockApi({ userCount: 5, maxBodyBytes: 100 });
    const body = new ReadableStream({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",'));
      },
    });
    const init: RequestInit & { duplex: 'half' } = { method: 'PUT', headers: { 'X-Access-Token': 't', 'Content-Type': 'application/json' }, body, duplex: 'half' };
    const res = await api.fetch(statusPath(1), init);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error_msg: string }).error_msg).toContain('100 bytes');
  });
});

describe('item 7: 405 with Allow, and HEAD', () => {
  it('lists the allowed methods in Allow', async () => {
    const onSearch = await send(mock.url, SEARCH_PATH, { method: 'DELETE' });
    expect(onSearch.status).toBe(405);
    expect(onSearch.headers.get('allow')).toBe('GET, HEAD');
    const onStatus = await send(mock.url, statusPath(1), { method: 'POST' });
    expect(onStatus.status).toBe(405);
    expect(onStatus.headers.get('allow')).toBe('PUT');
  });

  it('answers HEAD on the search path as GET, without a body', async () => {
    const get = await search(mock.url, 'limit=3');
    const head = await send(mock.url, `${SEARCH_PATH}?limit=3`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers.get('content-length')).toBe(get.headers.get('content-length'));
    expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
  });
});

describe("item 8: what clients send by default", () => {
  it("answers Node fetch's own default (no Accept-Language set: it sends *)", async () => {
    const res = await fetch(`${mock.url}${SEARCH_PATH}`, { headers: { 'X-Access-Token': 't' } });
    expect(res.status).toBe(200);
  });

  it.each([
    ['*', 'zh-CN'],
    ['en-US,en;q=0.9', 'en-US'],
    ['en-GB', 'en-US'],
    ['fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5', 'en-US'],
    ['fr', 'zh-CN'],
    ['zh-Hant-TW', 'zh-CN'],
    ['en;q=0.1, zh;q=0.2', 'zh-CN'],
    ['zh-CN;q=0, *', 'en-US'],
    ['EN-us', 'en-US'],
    ['en-x-private', 'en-US'],
  ])('picks by RFC 4647 lookup: %s -> %s', async (header, language) => {
    expect(lookupLanguage(parseLanguageRanges(header) ?? [])).toBe(language);
    const api = createMockApi({ userCount: 1 });
    expect((await api.fetch(SEARCH_PATH, { headers: { 'X-Access-Token': 't', 'Accept-Language': header } })).status).toBe(200);
    expect(api.requests[0]?.language).toBe(language);
  });

  it.each(['en_US', 'en-US;q=2', 'en;q=0.5;q=0.4', 'en-US;level=1', '12', 'abcdefghi'])('rejects the malformed %s with 400 naming the header', async (header) => {
    expect(parseLanguageRanges(header)).toBeUndefined();
    const res = await search(mock.url, '', { headers: { 'Accept-Language': header } });
    expect(res.status).toBe(400);
    expect(messageOf(res.json)).toContain('Accept-Language');
  });

  it('treats an empty list as no preference (zh-CN)', () => {
    expect(lookupLanguage(parseLanguageRanges('') ?? [])).toBe('zh-CN');
    expect(lookupLanguage(parseLanguageRanges(' , ') ?? [])).toBe('zh-CN');
  });
});

describe('item 9: path value', () => {
  it.each(['-0', '01', '+1', '1.0', '00', ' 1'])('answers /status/%s with 400 naming value', async (value) => {
    const res = await putStatus(mock.url, encodeURIComponent(value), ['user0001']);
    expect(res.status).toBe(400);
    expect(messageOf(res.json)).toContain('value');
  });

  it('takes integers in query strings only in their plain form too', async () => {
    expect((await search(mock.url, 'limit=010')).status).toBe(400);
    expect((await search(mock.url, 'limit=10&offset=0')).status).toBe(200);
  });
});

describe('item 10: every problem, every time, in a stable order', () => {
  it('names all three problems of ?status=7&limit=-1&userType=3 in the order of the spec', async () => {
    const first = await search(mock.url, 'status=7&limit=-1&userType=3');
    expect(first.status).toBe(400);
    const message = messageOf(first.json);
    const at = ['limit', 'userType', 'status'].map((name) => message.indexOf(`${name} `));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    // The same problems in another order of the query string: the same message.
    expect(messageOf((await search(mock.url, 'userType=3&limit=-1&status=7')).json)).toBe(message);
  });

  it('names parameter and body problems together', async () => {
    const res = await putStatus(mock.url, 2, [1], 'accountType=9');
    expect(messageOf(res.json)).toMatch(/value .*accountType .*body\/0/);
  });
});

describe('header names', () => {
  // Found by test/docs/serve-fuzz.test.ts: a `constructor` header was looked up on a plain object's
  // prototype (Object) and the answer was a 500.
  it.for(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('answers a request with a %s header as without it', async (name) => {
    const api = createMockApi({ userCount: 5 });
    const token = { 'X-Access-Token': 'header-name-token' };
    const answer = async (headers: Record<string, string>) => (await api.fetch(`${SEARCH_PATH}?limit=1`, { headers })).status;
    expect(await answer({ ...token, [name]: 'x' })).toBe(200);
    expect(await answer({ [name]: 'x' })).toBe(401);
    const put = await api.fetch(statusPath(1), { method: 'PUT', headers: { ...token, [name]: 'x', 'Content-Type': 'application/json' }, body: '[]' });
    expect(put.status).toBe(400);
  });
});
