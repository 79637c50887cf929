// `npm run lint:package`: publint --strict and attw (profile esm-only) on the package as packed.
// One `npm pack` for both: each tool packing the package on its own took as long as both checks.
// `npm test` runs lintPackedTarball on the tarball test/package/install.test.ts packs anyway, so
// the package is packed once per run.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

const linters = (tarball: string) =>
  [
    ['publint', ['--strict', tarball]],
    // The YAML copies of the spec are not modules: attw has nothing to resolve there.
    ['attw', [tarball, '--profile', 'esm-only', '--exclude-entrypoints', './openapi.yaml', './openapi-3.0.yaml']],
  ] as const;

export type LintResult = { tool: string; ok: boolean; output: string };

/** Both linters on a packed tarball, side by side; each result carries what the tool printed. */
export function lintPackedTarball(tarball: string): Promise<LintResult[]> {
  return Promise.all(
    linters(tarball).map(
      ([tool, args]) =>
        new Promise<LintResult>((resolve) => {
          execFile(bin(tool), args, { cwd: root }, (error, stdout, stderr) => resolve({ tool, ok: !error, output: `${stdout}${stderr}` }));
        }),
    ),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = mkdtempSync(join(tmpdir(), 'lint-package-'));
  try {
    // --ignore-scripts: `prepare` would build everything again; lint what is built.
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8' })) as { filename: string }[];
    if (!packed) throw new Error('npm pack printed nothing');
    const results = await lintPackedTarball(join(dir, packed.filename));
    for (const { output } of results) process.stdout.write(output);
    if (results.some((result) => !result.ok)) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
