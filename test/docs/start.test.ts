// `npm start` and the server behind it, on loopback only: the docs and the bundled spec are served,
// /v1/ goes to the API handler when there is one, and the process stops cleanly on SIGINT/SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createDocsServer } from '../../scripts/docs-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const distDir = fileURLToPath(new URL('../../dist', import.meta.url));

describe('the docs server', () => {
  let server: Server | undefined;
  afterEach(async () => {
    if (server?.listening) await new Promise((done) => server?.close(done));
  });

  async function serve(options: Parameters<typeof createDocsServer>[0]): Promise<string> {
    server = createDocsServer(options);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('serves the rendered docs at / and the bundled spec beside them', async () => {
    const base = await serve({ distDir });
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<div id="redoc">');
    const spec = await fetch(`${base}/openapi.json`);
    expect(((await spec.json()) as { openapi: string }).openapi).toBe('3.1.0');
    expect((await fetch(`${base}/openapi.yaml`)).headers.get('content-type')).toBe('application/yaml; charset=utf-8');
  });

  it('answers 404 for other paths and 405 for writes', async () => {
    const base = await serve({ distDir });
    expect((await fetch(`${base}/favicon.ico`)).status).toBe(404);
    const write = await fetch(`${base}/`, { method: 'POST', body: 'x' });
    expect(write.status).toBe(405);
    expect(write.headers.get('allow')).toBe('GET, HEAD');
  });

  it('says plainly that no API is served when it has none', async () => {
    const base = await serve({ distDir });
    const response = await fetch(`${base}/v1/usg/dcs/corp/member`);
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/no API is served here/i);
  });

  it('hands every request under /v1/ to the API handler, and nothing else', async () => {
    const seen: string[] = [];
    const base = await serve({
      distDir,
      api: (req, res) => {
        seen.push(`${req.method} ${req.url}`);
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"count":0,"data":[],"limit":10,"offset":0}');
      },
    });
    const response = await fetch(`${base}/v1/usg/dcs/corp/member?limit=10`);
    expect(await response.json()).toEqual({ count: 0, data: [], limit: 10, offset: 0 });
    await fetch(`${base}/v1/usg/dcs/corp/member/status/1`, { method: 'PUT', body: '["test010"]' });
    await fetch(`${base}/`);
    expect(seen).toEqual(['GET /v1/usg/dcs/corp/member?limit=10', 'PUT /v1/usg/dcs/corp/member/status/1']);
  });
});

describe('npm start', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  // The same entry point as `npm start`, without npm in between so signals reach it directly.
  function start(env: Record<string, string>): ChildProcess {
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: root, env: { ...process.env, ...env } });
    return child;
  }

  // Reads stdout without ever closing it: the server logs again when it stops.
  function printedAddress(app: ChildProcess): Promise<string> {
    return new Promise((found, fail) => {
      let out = '';
      app.stdout?.on('data', (chunk) => {
        out += String(chunk);
        const match = /Docs: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (match?.[1]) found(match[1]);
      });
      app.once('exit', () => fail(new Error(`npm start exited without printing its address: ${out}`)));
    });
  }

  it.for(['SIGINT', 'SIGTERM'] as const)('prints its address, serves the docs there and exits 0 on %s', async (signal) => {
    const app = start({ PORT: '0' });
    const address = await printedAddress(app);
    expect((await fetch(address)).status).toBe(200);
    expect((await fetch(`${address}openapi.json`)).status).toBe(200);
    app.kill(signal);
    const [code] = (await once(app, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('refuses a PORT that is not a port number, saying so', async () => {
    const app = start({ PORT: 'http' });
    let err = '';
    app.stderr?.on('data', (chunk) => (err += String(chunk)));
    const [code] = (await once(app, 'exit')) as [number | null];
    // Bad input is exit 2 for every command of huawei-meeting-users, which npm start runs.
    expect(code).toBe(2);
    expect(err).toContain('PORT must be a TCP port number');
  });
});
