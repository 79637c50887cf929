import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createUserStore } from '../../src/mock/store.js';
import { run, start } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'hmu-servers-'));
const MEMBER = '/v1/usg/dcs/corp/member';

/** Starts a server command, waits for the address it prints, and gives a way to stop it. */
async function startServer(argv: string[], address: RegExp, env: Record<string, string> = {}) {
  const stop = new AbortController();
  const started = start(argv, { signal: stop.signal, env });
  const found = await Promise.race([
    started.stdout.waitFor(address),
    started.stderr.waitFor(address),
    started.done.then((result) => Promise.reject(new Error(`exited ${result.code} before listening: ${result.stderr}`))),
  ]);
  return {
    url: found[1] as string,
    ...started,
    stop: async () => {
      stop.abort();
      return started.done;
    },
  };
}

const search = (url: string, token: string, query = '') => fetch(`${url}${MEMBER}${query}`, { headers: { 'X-Access-Token': token } });

describe('mock', () => {
  it('serves the seeded directory, only to --require-token, logs each request without its query, and keeps --state across runs', async () => {
    const state = join(dir, 'directory.json');
    const mock = await startServer(['mock', '--port', '0', '--users', '40', '--seed', '3', '--require-token', 'mock-token-1', '--state', state], /Mock API: (http:\/\/127\.0\.0\.1:\d+)/);
    expect((await search(mock.url, 'other-token-2')).status).toBe(401);
    const page = (await (await search(mock.url, 'mock-token-1', '?searchKey=Wang&limit=1')).json()) as { count: number; data: { userAccount: string; id: string }[] };
    const seeded = createUserStore({ seed: 3, userCount: 40 }).users.filter((u) => u.userType === 2 && /Wang/.test(JSON.stringify(u)));
    expect(page.data[0]?.id).toBe(seeded[0]?.id);
    const account = page.data[0]?.userAccount ?? '';
    const put = await fetch(`${mock.url}${MEMBER}/status/1`, { method: 'PUT', headers: { 'X-Access-Token': 'mock-token-1', 'Content-Type': 'application/json' }, body: JSON.stringify([account]) });
    expect(put.status).toBe(200);
    const result = await mock.stop();
    expect(result.code).toBe(0);
    const log = result.stdout.trimEnd().split('\n');
    expect(log).toHaveLength(3);
    expect(log[0]).toMatch(/^GET \/v1\/usg\/dcs\/corp\/member 401 \d+ ms \S+$/);
    expect(log[2]).toMatch(/^PUT \/v1\/usg\/dcs\/corp\/member\/status\/1 200 \d+ ms \S+$/);
    expect(result.stdout).not.toContain('Wang');
    expect(result.stdout + result.stderr).not.toContain('mock-token-1');
    const saved = JSON.parse(readFileSync(state, 'utf8')) as { userAccount: string; status: number }[];
    expect(saved).toHaveLength(40);
    expect(saved.find((u) => u.userAccount === account)?.status).toBe(1);

    const again = await startServer(['mock', '--port', '0', '--quiet', '--state', state], /Mock API: (http:\/\/127\.0\.0\.1:\d+)/);
    const disabled = (await (await search(again.url, 'any-token-3', `?searchKey=${account}`)).json()) as { data: { userAccount: string; status: number }[] };
    expect(disabled.data.find((u) => u.userAccount === account)?.status).toBe(1);
    const quiet = await again.stop();
    expect(quiet.stdout).toBe('');
  });

  it('injects failures and refuses bad options and bad state files with exit 2', async () => {
    const failing = await startServer(['mock', '--port', '0', '--quiet', '--fail-rate', '1'], /Mock API: (http:\/\/127\.0\.0\.1:\d+)/);
    expect((await search(failing.url, 'any-token-3')).status).toBe(500);
    await failing.stop();
    const badState = join(dir, 'bad.json');
    writeFileSync(badState, '[{"userAccount": 5}]');
    for (const argv of [['mock', '--fail-rate', '2'], ['mock', '--users', '-1'], ['mock', '--state', badState], ['mock', '--port', '70000']]) {
      const result = await run(argv);
      expect(result.code, argv.join(' ')).toBe(2);
    }
    const bad = await run(['mock', '--state', badState]);
    expect(bad.stderr).toMatch(/users\[0\]/);
  });
});

describe('serve', () => {
  it('serves the docs at / and the mock under /v1/ on one port, and stops cleanly', async () => {
    const server = await startServer(['serve', '--port', '0'], /Docs: (http:\/\/127\.0\.0\.1:\d+)\//);
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await search(server.url, 'any-token-3')).status).toBe(200);
    const result = await server.stop();
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('warns when listening beyond loopback; a bad PORT is bad usage', async () => {
    const server = await startServer(['serve', '--port', '0', '--host', '0.0.0.0'], /Docs: (http:\/\/0\.0\.0\.0:\d+)\//);
    expect(server.stderr.text()).toContain('warning: listening on 0.0.0.0: other machines can reach this server');
    await server.stop();
    const bad = await run(['serve'], { env: { PORT: 'http' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('PORT must be a TCP port number');
  });
});

describe('docs --serve', () => {
  it('serves the page and the spec, and no API', async () => {
    const server = await startServer(['docs', '--serve', '--port', '0'], /Docs: (http:\/\/127\.0\.0\.1:\d+)\//);
    expect((await fetch(`${server.url}/`)).status).toBe(200);
    expect((await fetch(`${server.url}/openapi.json`)).status).toBe(200);
    expect((await search(server.url, 'any-token-3')).status).toBe(404);
    expect((await server.stop()).code).toBe(0);
  });
});
