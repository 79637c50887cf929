// `serve` as a fetch-shaped handler, without a socket: the Host check, the routing between the
// docs and the API, the security headers on every answer, and the docs page's CSP.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bufferedBody, bufferedResponse } from '../../src/mock/response.js';
import { createServeHandler } from '../../src/server/handler.js';
import { allowedHostsFromEnv, createHostCheck, hostName } from '../../src/server/hosts.js';
import { docsPageCsp, inlineScripts, LOCKED_DOWN_CSP } from '../../src/server/security.js';

const distDir = fileURLToPath(new URL('../../dist', import.meta.url));
const pagePath = fileURLToPath(new URL('../../dist/docs/index.html', import.meta.url));

function get(path: string, init: RequestInit & { host?: string } = {}): Request {
  const headers = new Headers(init.headers);
  headers.set('host', init.host ?? '127.0.0.1:4010');
  return new Request(`http://localhost${path}`, { ...init, headers });
}

describe('the Host check', () => {
  const check = createHostCheck(['docs.example', '.corp.example']);

  it.for(['localhost:4010', '127.0.0.1', '127.0.0.1:1', '[::1]:4010', 'LOCALHOST', 'localhost.:80', 'docs.example:8080', 'corp.example', 'a.b.corp.example'])('allows %s', (host) => {
    expect(check(host)).toBe(true);
  });

  it.for(['evil.example', 'localhost.evil.example', '127.0.0.1.nip.io', 'evilcorp.example', '[::2]', 'docs.example.evil', '', 'a b', 'localhost:port', 'user@localhost', '[::1'])(
    'refuses %j',
    (host) => {
      expect(check(host)).toBe(false);
    },
  );

  it('refuses a request without Host', () => {
    expect(check(null)).toBe(false);
  });

  it('allows anything when told to (behind a proxy that checks Host itself)', () => {
    expect(createHostCheck(true)('evil.example')).toBe(true);
  });

  it('reads extra names from MEETING_ALLOWED_HOSTS, comma-separated', () => {
    expect(allowedHostsFromEnv({ MEETING_ALLOWED_HOSTS: ' a.example, .b.example ,,' })).toEqual(['a.example', '.b.example']);
    expect(allowedHostsFromEnv({})).toEqual([]);
  });

  it('takes the port off a Host value', () => {
    expect(hostName('[::1]:4010')).toBe('[::1]');
    expect(hostName('Example.COM:80')).toBe('example.com');
    expect(hostName('example.com:123456')).toBeUndefined();
  });
});

describe('createServeHandler', () => {
  const seen: string[] = [];
  const handler = createServeHandler({
    distDir,
    allowedHosts: ['docs.example'],
    api: async (request) => {
      const path = new URL(request.url).pathname;
      seen.push(`${request.method} ${path}`);
      if (path.endsWith('/boom')) throw new Error('api exploded');
      // A Response with immutable headers, as fetch() returns.
      return Response.json({ ok: true });
    },
  });

  it('answers 403 to a Host that is neither loopback nor allowed, before routing anywhere', async () => {
    const before = seen.length;
    for (const path of ['/', '/openapi.json', '/v1/usg/dcs/corp/member']) {
      const response = await handler(get(path, { host: 'attacker.example' }));
      expect(response.status).toBe(403);
      expect(await response.text()).toMatch(/Host "attacker\.example" is not allowed.*MEETING_ALLOWED_HOSTS/);
    }
    expect(seen.length).toBe(before);
    expect((await handler(get('/openapi.json', { host: 'docs.example:4010' }))).status).toBe(200);
  });

  it('hands /v1/ to the API and everything else to the docs', async () => {
    const response = await handler(get('/v1/usg/dcs/corp/member?limit=1'));
    expect(await response.json()).toEqual({ ok: true });
    expect(seen.at(-1)).toBe('GET /v1/usg/dcs/corp/member');
    const page = await handler(get('/'));
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<div id="redoc">');
  });

  it('puts the security headers on every answer: the page, the spec, the API, errors', async () => {
    for (const request of [get('/'), get('/openapi.yaml'), get('/v1/x'), get('/nope'), get('/', { host: 'attacker.example' })]) {
      const response = await handler(request);
      expect(response.headers.get('x-content-type-options'), request.url).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    }
    expect((await handler(get('/openapi.json'))).headers.get('content-security-policy')).toBe(LOCKED_DOWN_CSP);
  });

  it('answers an exception in one request with 500 that says nothing of it, and keeps answering', async () => {
    const errors: unknown[] = [];
    const failing = createServeHandler({ distDir, api: () => Promise.reject(new Error('secret detail')), onError: (error) => errors.push(error) });
    const response = await failing(get('/v1/x'));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('secret detail');
    expect(errors).toHaveLength(1);
    expect((await failing(get('/'))).status).toBe(200);
  });

  it('serves the docs read-only: 405 with Allow for writes, HEAD with the length and no body, 404 elsewhere', async () => {
    const write = await handler(get('/', { method: 'POST', body: 'x' }));
    expect(write.status).toBe(405);
    expect(write.headers.get('allow')).toBe('GET, HEAD');
    const head = await handler(get('/openapi.json', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBe(readFileSync(`${distDir}/openapi.json`).length);
    expect(await head.text()).toBe('');
    expect((await handler(get('/favicon.ico'))).status).toBe(404);
  });

  it('keeps a body the API holds as a string as one, for the adapter to write without streaming', async () => {
    const api = createServeHandler({ distDir, api: async () => bufferedResponse('{"count":0}', { status: 200 }) });
    const response = await api(get('/v1/x'));
    expect(bufferedBody(response)).toBe('{"count":0}');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(bufferedBody(await api(get('/nope')))).toMatch(/^Not found/);
  });

  it('says plainly that no API is served when it has none', async () => {
    const docsOnly = createServeHandler({ distDir });
    const response = await docsOnly(get('/v1/usg/dcs/corp/member'));
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/no API is served here/i);
  });

  it('says which file is not built instead of failing obscurely', async () => {
    const unbuilt = createServeHandler({ distDir: fileURLToPath(new URL('./no-such-dist/', import.meta.url)) });
    const response = await unbuilt(get('/'));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.text()).toMatch(/docs\/index\.html is not built yet: `npm start` builds it in the background; otherwise run `npm run build`/);
  });
});

describe('the docs page CSP', () => {
  const html = readFileSync(pagePath, 'utf8');
  const csp = docsPageCsp(html);

  it('allows each inline script of the built page by its hash, and no eval, inline handler or outside script', () => {
    const scripts = inlineScripts(html);
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    for (const script of scripts) expect(csp).toContain(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|script-src[^;]*(https?:|\*)/);
    expect(csp).toMatch(/default-src 'none'/);
  });

  it('refuses a page that loads a script from a URL', () => {
    expect(() => docsPageCsp('<script src="https://cdn.example/x.js"></script>')).toThrow(/self-contained/);
  });
});
