// `npm run lint:package`: publint --strict and attw (profile esm-only) on the package as packed.
// One `npm pack` for both: each tool packing the package on its own took as long as both checks.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const dir = mkdtempSync(join(tmpdir(), 'lint-package-'));
let failed = false;
try {
  // --ignore-scripts: `prepare` would build everything again; lint what is built.
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8' })) as { filename: string }[];
  if (!packed) throw new Error('npm pack printed nothing');
  const tarball = join(dir, packed.filename);
  for (const [tool, args] of [
    ['publint', ['--strict', tarball]],
    // The YAML copies of the spec are not modules: attw has nothing to resolve there.
    ['attw', [tarball, '--profile', 'esm-only', '--exclude-entrypoints', './openapi.yaml', './openapi-3.0.yaml']],
  ] as const) {
    try {
      execFileSync(bin(tool), args, { cwd: root, stdio: 'inherit' });
    } catch {
      failed = true;
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
