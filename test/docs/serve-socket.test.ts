// `serve` on a real socket, as `npm start` and the CLI's `serve` run it: malformed request targets
// sent byte for byte, the Host check, the short header and request timeouts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { rawExchange, rawGet } from './raw-http.js';

describe('startServer', () => {
  let running: RunningServer;
  beforeAll(async () => {
    running = await startServer({ port: 0, env: {}, allowedHosts: ['docs.example'] });
  });
  afterAll(() => running.close());

  // Each crashed today's `npm start` (issue 9, item 1), or is a close relative of one that did.
  const malformed = ['//a:99999/', '//[/openapi.json', 'http://[::1/', '/%', '/%E0%A4%A', '/%ZZ/openapi.json', '/v1/usg/dcs/corp/member/status/%ZZ', '*', 'openapi.json', '//', '/\\..\\..\\etc/passwd', '/../../etc/passwd', `/${'a'.repeat(8000)}`];

  it.for(malformed)('answers %j with a 4xx and keeps serving', async (target) => {
    const { statuses, closed } = await rawExchange(running.port, rawGet(target));
    expect(closed).toBe(true);
    expect(statuses).toHaveLength(1);
    expect(statuses[0]).toBeGreaterThanOrEqual(400);
    expect(statuses[0]).toBeLessThan(500);
    expect((await rawExchange(running.port, rawGet('/openapi.json'))).statuses).toEqual([200]);
  });

  it('serves an absolute-form target for an allowed host, and checks its Host header', async () => {
    expect((await rawExchange(running.port, rawGet(`http://127.0.0.1:${running.port}/openapi.json`))).statuses).toEqual([200]);
    expect((await rawExchange(running.port, rawGet(`http://127.0.0.1:${running.port}/openapi.json`, 'evil.example'))).statuses).toEqual([403]);
  });

  it.for([
    ['localhost', 200],
    ['127.0.0.1:80', 200],
    ['[::1]:4010', 200],
    ['docs.example', 200],
    ['evil.example', 403],
    ['127.0.0.1.evil.example', 403],
  ] as const)('Host: %s → %i, for the docs and the API alike', async ([host, status]) => {
    expect((await rawExchange(running.port, rawGet('/', host))).statuses).toEqual([status]);
    const api = await rawExchange(running.port, `GET /v1/usg/dcs/corp/member HTTP/1.1\r\nHost: ${host}\r\nX-Access-Token: t\r\nAccept-Language: en-US\r\nConnection: close\r\n\r\n`);
    expect(api.statuses).toEqual([status]);
  });

  it('reads allowed names from MEETING_ALLOWED_HOSTS, and allows the address it is bound to', async () => {
    const other = await startServer({ port: 0, env: { MEETING_ALLOWED_HOSTS: 'lan.example' } });
    try {
      expect((await rawExchange(other.port, rawGet('/', 'lan.example:4010'))).statuses).toEqual([200]);
      expect((await rawExchange(other.port, rawGet('/', 'docs.example'))).statuses).toEqual([403]);
    } finally {
      await other.close();
    }
  });

  it('serves the mock under /v1/ with the security headers', async () => {
    const response = await fetch(`${running.url}/v1/usg/dcs/corp/member?limit=2&userType=2&userType=12`, { headers: { 'X-Access-Token': 't', 'Accept-Language': 'en-US' } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: unknown[] }).data).toHaveLength(2);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(running.store.users.length).toBeGreaterThan(0);
  });
});

describe('slow clients', () => {
  // Short limits here so the test is quick; what it shows is that the server cuts the connection
  // itself, long before Node's defaults (60 s for headers, 300 s for the request).
  let running: RunningServer;
  beforeAll(async () => {
    running = await startServer({ port: 0, env: {}, headersTimeoutMs: 300, requestTimeoutMs: 600 });
  });
  afterAll(() => running.close());

  it('answers 408 and closes a connection whose headers never end', async () => {
    const exchange = await rawExchange(running.port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n', { timeoutMs: 20_000 });
    expect(exchange.closed).toBe(true);
    expect(exchange.statuses).toEqual([408]);
  });

  it('answers 408 and closes a connection whose body never ends', async () => {
    const request = 'PUT /v1/usg/dcs/corp/member/status/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Access-Token: t\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n["a';
    const exchange = await rawExchange(running.port, request, { timeoutMs: 20_000 });
    expect(exchange.closed).toBe(true);
    expect(exchange.statuses).toEqual([408]);
  });

  it('refuses timeouts that are not a positive number of milliseconds', async () => {
    await expect(startServer({ port: 0, headersTimeoutMs: 0 })).rejects.toThrow(/headersTimeoutMs must be a positive integer/);
    await expect(startServer({ port: 0, requestTimeoutMs: Number.NaN })).rejects.toThrow(/requestTimeoutMs/);
  });
});
