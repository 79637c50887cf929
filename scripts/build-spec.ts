// `npm run build:spec`: what the tests and the package read of the spec: the bundle (YAML and JSON)
// with its code samples, then the 3.0 copy and the docs page side by side. Skipped when neither an
// input nor an output changed since it last ran (a content hash of both, kept in dist/): after
// `npm ci`, whose `prepare` has just built all of it, `npm test` does not build it a second time.
// Contents, not timestamps: a checkout, a copy or an upgrade (package-lock.json) all rebuild.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentHash, type BuildFiles } from './build-stamp.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const FILES: BuildFiles = {
  // Everything the steps read: the spec, the samples, the docs' sources, the scripts, the tools' versions.
  inputs: ['spec', 'samples', 'docs', 'scripts', 'redocly.yaml', 'package.json', 'package-lock.json'],
  outputs: ['dist/openapi.yaml', 'dist/openapi.json', 'dist/openapi-3.0.yaml', 'dist/openapi-3.0.json', 'dist/docs/index.html'],
};
const STAMP = join(root, 'dist', '.build-spec.sha256');

const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const run = (tool: string, scripts: string[]) => execFileSync(bin(tool), ['--print-label', ...scripts], { cwd: root, stdio: 'inherit' });

const before = contentHash(root, FILES);
if (before !== undefined && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === before) {
  console.log('build:spec: up to date (no input or output changed since it was built)');
} else {
  // A build that fails halfway must not leave a stamp that vouches for its outputs.
  rmSync(STAMP, { force: true });
  run('run-s', ['bundle', 'samples']);
  run('run-p', ['convert:3.0', 'docs']);
  const after = contentHash(root, FILES);
  if (after === undefined) throw new Error(`build:spec: an output is missing after the build (${FILES.outputs.join(', ')})`);
  writeFileSync(STAMP, after);
}
