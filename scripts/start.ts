// `npm start`: builds what is missing or older than its sources, then serves the docs (with the
// try-it console) and the mock API at http://127.0.0.1:4010/ (PORT overrides) until SIGINT or SIGTERM.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const distDir = join(root, 'dist');
const HOST = '127.0.0.1';

const outputs = ['docs/index.html', 'openapi.json', 'openapi.yaml'].map((file) => join(distDir, file));
// What the page is built from: the spec and samples, and the docs build with its console.
const sources = ['spec', 'samples', 'redocly.yaml', 'docs', 'scripts/build-docs.ts', 'scripts/console-spec.ts', 'scripts/inline-redoc-logo.ts'].map((path) =>
  join(root, path),
);

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

function buildIfNeeded(): void {
  const missing = outputs.filter((file) => !existsSync(file));
  const stale = missing.length === 0 && Math.min(...outputs.map(newestMtime)) < Math.max(...sources.filter(existsSync).map(newestMtime));
  if (missing.length === 0 && !stale) return;
  console.log(missing.length > 0 ? `Building: ${missing.map((file) => file.slice(root.length)).join(', ')} missing.` : 'Building: the spec, the samples or the docs sources changed.');
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

// Imported only after the build: the mock reads dist/openapi.json when it loads.
const { startServer } = await import('../src/server/index.js');
try {
  const running = await startServer({
    port,
    host: HOST,
    distDir,
    onError: (error) => console.error(`500: ${error instanceof Error ? error.message : String(error)}`),
  });
  console.log(`Docs: ${running.url}/`);
  console.log(`Mock API: ${running.url} (e.g. GET /v1/usg/dcs/corp/member; any X-Access-Token works)`);
  console.log('Press Ctrl+C to stop.');
  const stop = (signal: NodeJS.Signals): void => {
    console.log(`${signal}: stopping.`);
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(code === 'EADDRINUSE' ? `Port ${port} on ${HOST} is in use: set PORT to another port.` : `Cannot serve: ${(error as Error).message}`);
  process.exit(1);
}
