// Prism's validation proxy (`prism proxy --errors`) in front of a loopback upstream: an engine this
// project did not write judges every request and response of a suite. It reads the bundled
// dist/openapi.yaml (no remote $refs) and forwards only to the loopback upstream; proxy variables
// are removed from its environment so nothing routes elsewhere.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const prismBin = `${root}node_modules/.bin/prism`;
const bundledYaml = `${root}dist/openapi.yaml`;

export type Prism = { url: string; output: () => string; forwardedTo: () => string[]; close(): Promise<void> };

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startPrism(upstream: string, timeoutMs = 20_000): Promise<Prism> {
  if (!existsSync(bundledYaml)) throw new Error(`${bundledYaml} is missing: run \`npm run bundle\` first.`);
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(upstream)) throw new Error(`Prism may only proxy to a loopback upstream, got ${upstream}`);
  const port = await freePort();
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(https?|all|no)_proxy$/i.test(k)));
  const child = spawn(prismBin, ['proxy', '--errors', bundledYaml, upstream, '--port', String(port), '--host', '127.0.0.1'], {
    env: { ...env, NO_PROXY: '*' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const watch = () => {
      if (output.includes('Prism is listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', watch);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`Prism could not be started (${prismBin}): ${error.message}`));
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`Prism exited before it was ready:\n${output}`));
    });
  });

  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    // Every upstream URL Prism's log says it forwarded to (the log is kept to its last 20 kB).
    forwardedTo: () => [...output.matchAll(/Forwarding "\w+" request to (\S+?)(?:\.\.\.)?\s/g)].map((m) => m[1] ?? ''),
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** What Prism reports about one exchange: a violation header, or an error it produced itself. */
export function prismViolation(headers: Headers, text: string): string | undefined {
  const header = headers.get('sl-violations');
  if (header) return `sl-violations: ${header}`;
  if (headers.get('content-type')?.includes('application/problem+json')) return text;
  return undefined;
}
