// `npm start`: runs `huawei-meeting-users serve` (the docs with the try-it console, and the mock
// API, at http://127.0.0.1:4010/; PORT overrides) until SIGINT or SIGTERM, first building the
// bundle if it is missing or older than the spec, and the docs page in the background if it is.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProcess } from '../src/cli/process.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = (file: string) => join(root, 'dist', file);
const inRoot = (path: string) => join(root, path);
// The mock needs the bundle only; the page needs the bundle with its samples, rendered.
const api = { outputs: ['openapi.json', 'openapi.yaml'].map(dist), sources: ['spec', 'redocly.yaml'].map(inRoot) };
const page = {
  outputs: [dist('docs/index.html')],
  sources: ['spec', 'samples', 'redocly.yaml', 'docs', 'scripts/build-docs.ts', 'scripts/console-spec.ts', 'scripts/inline-redoc-logo.ts'].map(inRoot),
};

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

/** Why `outputs` must be built again, or undefined when they are newer than every source. */
function needsBuild({ outputs, sources }: { outputs: string[]; sources: string[] }): string | undefined {
  const missing = outputs.filter((file) => !existsSync(file));
  if (missing.length > 0) return `${missing.map((file) => file.slice(root.length)).join(', ')} missing`;
  return Math.min(...outputs.map(newestMtime)) < Math.max(...sources.filter(existsSync).map(newestMtime)) ? 'its sources changed' : undefined;
}

function npmRun(script: string): boolean {
  return spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit' }).status === 0;
}

/** The samples and the page, built while the mock already answers; `/` serves the page once it is written. */
function buildPageInBackground(reason: string): void {
  console.log(`Docs: building in the background (${reason}); the mock answers meanwhile.`);
  const child = spawn('npm run samples && npm run docs', { cwd: root, shell: true, stdio: ['ignore', 'ignore', 'inherit'] });
  child.once('exit', (code) => console.log(code === 0 ? 'Docs: built.' : `Docs: the build failed (exit ${code}); run \`npm run docs\` to see why.`));
  process.once('exit', () => child.kill());
}

// Serving starts as soon as the mock can: the linters and the rest of `npm run build` are not needed
// to serve, and the page takes longer to render than the mock to start (issue 14: <= 5 s).
const apiReason = needsBuild(api);
if (apiReason) console.log(`Building the bundle (${apiReason}).`);
if (apiReason && !npmRun('bundle')) {
  console.error('npm run bundle failed; nothing is served.');
  process.exitCode = 1;
} else {
  const pageReason = needsBuild(page);
  if (pageReason) buildPageInBackground(pageReason);
  await runProcess(['serve', ...process.argv.slice(2)]);
}
