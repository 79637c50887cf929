// `npm start`: builds what is missing, serves the docs and the mock on loopback, and stops cleanly
// on SIGINT/SIGTERM. The server itself is tested in serve-handler, serve-socket and serve-fuzz.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

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
    const api = await fetch(`${address}v1/usg/dcs/corp/member?limit=1`, { headers: { 'X-Access-Token': 't', 'Accept-Language': 'en-US,en;q=0.9' } });
    expect(api.status).toBe(200);
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
