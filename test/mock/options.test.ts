// What the `mock` and `serve` commands build on: CORS for a console on another origin, the
// per-request log hook, and a directory saved as JSON and loaded back.
import { describe, expect, it } from 'vitest';
import { createMockApi, startMockServer, type MockExchange } from '../../src/mock/index.js';

const SEARCH = '/v1/usg/dcs/corp/member';
const CONSOLE = 'http://localhost:5173';

describe('cors option', () => {
  it('answers a preflight from the allowed origin with the spec methods and headers', async () => {
    const api = createMockApi({ userCount: 1, cors: CONSOLE });
    const res = await api.fetch(`${SEARCH}/status/1`, {
      method: 'OPTIONS',
      headers: { Origin: CONSOLE, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'x-access-token, content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    expect(res.headers.get('access-control-allow-methods')).toBe('PUT');
    expect(res.headers.get('access-control-allow-headers')).toBe('X-Access-Token, Accept-Language, Content-Type, X-Request-Id');
    expect(res.headers.get('vary')).toBe('Origin');
  });

  it('adds CORS headers to answers, errors included, for the allowed origin only', async () => {
    const api = createMockApi({ userCount: 1, cors: CONSOLE });
    const ok = await api.fetch(SEARCH, { headers: { Origin: CONSOLE, 'X-Access-Token': 't' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    expect(ok.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
    const denied = await api.fetch(SEARCH, { headers: { Origin: CONSOLE } });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    const other = await api.fetch(SEARCH, { headers: { Origin: 'http://evil.example', 'X-Access-Token': 't' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('is off by default: no CORS headers, and OPTIONS is a 405 with Allow', async () => {
    const api = createMockApi({ userCount: 1 });
    const res = await api.fetch(SEARCH, { method: 'OPTIONS', headers: { Origin: CONSOLE, 'Access-Control-Request-Method': 'GET' } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('takes * for any origin, and refuses a value that is not an origin, naming the option', async () => {
    const api = createMockApi({ userCount: 1, cors: '*' });
    const res = await api.fetch(SEARCH, { headers: { Origin: 'http://anywhere.example', 'X-Access-Token': 't' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(() => createMockApi({ cors: 'http://localhost:5173/docs' })).toThrow(/cors must be an origin/);
    expect(() => createMockApi({ cors: 'localhost' })).toThrow(/cors/);
  });

  it('works over HTTP for a browser-style preflight', async () => {
    const mock = await startMockServer({ userCount: 1, cors: CONSOLE });
    try {
      const res = await fetch(`${mock.url}${SEARCH}`, { method: 'OPTIONS', headers: { Origin: CONSOLE, 'Access-Control-Request-Method': 'GET' } });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-methods')).toBe('GET, HEAD');
    } finally {
      await mock.close();
    }
  });
});

describe('onExchange: one call per request, for a log line', () => {
  it('gives method, url, status, duration and the request with the token redacted', async () => {
    const seen: MockExchange[] = [];
    const token = 'a-secret-token-value';
    const api = createMockApi({ userCount: 3, onExchange: (e) => seen.push(e) });
    await api.fetch(`${SEARCH}?limit=1`, { headers: { 'X-Access-Token': token, 'Accept-Language': 'en-US' } });
    await api.fetch(`${SEARCH}/status/1?note=${token}`, { method: 'PUT', headers: { 'X-Access-Token': token, 'Content-Type': 'application/json' }, body: `["${token}"]` });
    expect(seen.map((e) => [e.method, e.status])).toEqual([
      ['GET', 200],
      ['PUT', 400],
    ]);
    expect(seen[0]?.durationMs).toBeGreaterThanOrEqual(0);
    expect(seen[0]?.language).toBe('en-US');
    expect(seen[0]?.request.headers['x-access-token']).toBe('[REDACTED]');
    const logged = JSON.stringify(seen.map(({ method, url, status, request }) => ({ method, url, status, request })));
    expect(logged).not.toContain(token);
    expect(JSON.stringify(api.requests)).not.toContain(token);
  });
});

describe('a hook that throws', () => {
  it('does not change the answer', async () => {
    const api = createMockApi({
      userCount: 2,
      onExchange: () => {
        throw new Error('logger down');
      },
    });
    expect((await api.fetch(SEARCH, { headers: { 'X-Access-Token': 't' } })).status).toBe(200);
  });
});

describe('the directory as JSON', () => {
  it('saves with JSON.stringify(store) and loads back with the users option', async () => {
    const first = createMockApi({ userCount: 30, seed: 5 });
    const account = first.store.users.find((u) => u.userType === 2 && u.status === 0)?.userAccount ?? '';
    await first.fetch(`${SEARCH}/status/1`, { method: 'PUT', headers: { 'X-Access-Token': 't', 'Content-Type': 'application/json' }, body: JSON.stringify([account]) });
    const saved = JSON.stringify(first.store);
    const second = createMockApi({ users: JSON.parse(saved) as [] });
    expect(second.store.users).toEqual(first.store.users);
    expect(second.store.users.find((u) => u.userAccount === account)?.status).toBe(1);
  });
});
