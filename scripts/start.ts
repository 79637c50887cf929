// `npm start`: builds what is missing or older than its sources, then serves the docs and the mock
// API at http://127.0.0.1:4010/ (PORT overrides) until SIGINT or SIGTERM.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createDocsServer } from './docs-server.js';
import { createMockHandler } from '../src/mock/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const distDir = join(root, 'dist');
const HOST = '127.0.0.1';

// The mock reads dist/openapi.json, so it is created only after the build.
const createApi = (): RequestListener => createMockHandler();

const outputs = ['docs/index.html', 'openapi.json', 'openapi.yaml'].map((file) => join(distDir, file));
const sources = ['spec', 'samples', 'redocly.yaml'].map((path) => join(root, path));

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

function buildIfNeeded(): void {
  const missing = outputs.filter((file) => !existsSync(file));
  const stale = missing.length === 0 && Math.min(...outputs.map(newestMtime)) < Math.max(...sources.filter(existsSync).map(newestMtime));
  if (missing.length === 0 && !stale) return;
  console.log(missing.length > 0 ? `Building: ${missing.map((file) => file.slice(root.length)).join(', ')} missing.` : 'Building: the spec or samples changed.');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('npm run build failed; nothing is served.');
    process.exit(1);
  }
}

function portFromEnv(): number {
  const raw = process.env.PORT ?? '4010';
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) {
    console.error(`PORT must be a TCP port number from 0 to 65535, got "${raw}".`);
    process.exit(1);
  }
  return port;
}

const port = portFromEnv();
buildIfNeeded();

const api = createApi();
const server = createDocsServer({ distDir, api });
server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(error.code === 'EADDRINUSE' ? `Port ${port} on ${HOST} is in use: set PORT to another port.` : `Cannot serve: ${error.message}`);
  process.exit(1);
});
server.listen(port, HOST, () => {
  const { port: actual } = server.address() as AddressInfo;
  console.log(`Docs: http://${HOST}:${actual}/`);
  console.log(`Mock API: http://${HOST}:${actual} (e.g. GET /v1/usg/dcs/corp/member; any X-Access-Token works)`);
  console.log('Press Ctrl+C to stop.');
});

function stop(signal: NodeJS.Signals): void {
  console.log(`${signal}: stopping.`);
  server.close(() => process.exit(0));
  // Keep-alive connections of an open browser tab would otherwise hold the server open.
  server.closeAllConnections();
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
