// `npm start`: builds what is missing or older than its sources, then runs
// `huawei-meeting-users serve` (the docs with the try-it console, and the mock API, at
// http://127.0.0.1:4010/; PORT overrides) until SIGINT or SIGTERM.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProcess } from '../src/cli/process.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const distDir = join(root, 'dist');
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

function buildIfNeeded(): boolean {
  const missing = outputs.filter((file) => !existsSync(file));
  const stale = missing.length === 0 && Math.min(...outputs.map(newestMtime)) < Math.max(...sources.filter(existsSync).map(newestMtime));
  if (missing.length === 0 && !stale) return true;
  console.log(missing.length > 0 ? `Building: ${missing.map((file) => file.slice(root.length)).join(', ')} missing.` : 'Building: the spec, samples or docs sources changed.');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status === 0) return true;
  console.error('npm run build failed; nothing is served.');
  return false;
}

if (buildIfNeeded()) await runProcess(['serve', ...process.argv.slice(2)]);
else process.exitCode = 1;
