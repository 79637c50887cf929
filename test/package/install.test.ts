// The package as users get it: packed once, installed offline (npm cache only) from the tarball and
// from the clone; a consumer file and every TypeScript block of README.md type-checked under
// `strict` with module nodenext and with moduleResolution bundler; the consumer run against the
// mock; and the installed command doing the headline job end to end.
import { execFile as execFileCallback } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/mock/index.js';
import { lintPackedTarball, type LintResult } from '../../scripts/lint-package.js';

const execFile = promisify(execFileCallback);
const root = join(import.meta.dirname, '..', '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; bin: object; dependencies: Record<string, string>; devDependencies: Record<string, string>; engines: object };
const npmFlags = ['--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'];

let work: string;
let fromTarball: string;
let fromClone: string;
let packedFiles: string[];
let linted: Promise<LintResult[]>;
const timings: Record<string, number> = {};

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await run();
  } finally {
    timings[label] = Math.round(performance.now() - started);
  }
}

function project(name: string, dependencies: Record<string, string> = {}): string {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module', dependencies }));
  return dir;
}

type LockEntry = { dev?: boolean; [key: string]: unknown };

/**
 * A lockfile for a project that depends on the tarball: the tarball's entry plus the repository's
 * own lock entries of every runtime dependency (those npm does not mark `dev`). `npm ci --offline`
 * then needs nothing but the npm cache, and installs exactly the versions the tests ran with.
 */
function consumerLock(name: string, spec: string, integrity: string): object {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  // This npm leaves `resolved` out of lock entries from the default registry; without it npm ci
  // would ask the registry for each package's metadata. The tarball URL is the registry's fixed layout.
  const runtime = Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && !entry.dev && !entry.link)
    .map(([path, entry]) => {
      const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
      const resolved = entry.resolved ?? `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${String(entry.version)}.tgz`;
      return [path, { ...entry, resolved }] as const;
    });
  return {
    name,
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name, dependencies: { [manifest.name]: spec } },
      [`node_modules/${manifest.name}`]: {
        version: manifest.version,
        resolved: spec,
        integrity,
        license: 'Apache-2.0',
        dependencies: manifest.dependencies,
        bin: manifest.bin,
        engines: manifest.engines,
      },
      ...Object.fromEntries(runtime),
    },
  };
}

/** The ```ts blocks of README.md, each as its own module. */
export function readmeBlocks(markdown: string): string[] {
  // A block may be indented under a list item: its fence's indentation is taken off every line.
  return [...markdown.matchAll(/^( *)```ts\n([\s\S]*?)^\1```/gm)].map(([, indent = '', code = '']) => {
    const lines = code.split('\n').map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line));
    return `${lines.join('\n')}\nexport {};\n`;
  });
}

/**
 * A README block may configure another tool (orval's config imports `orval`): such a tool is one
 * of this repository's dev dependencies, linked into the consumer so the block type-checks against
 * the version the generator matrix runs. Any other bare import is an error in the README.
 */
function linkReadmeTools(blocks: string[], dir: string): void {
  const imported = new Set(blocks.flatMap((block) => [...block.matchAll(/from '([^'.][^']*)'/g)].map(([, name = '']) => name.split('/').slice(0, name.startsWith('@') ? 2 : 1).join('/'))));
  for (const name of imported) {
    if (name === manifest.name || name.startsWith('node:')) continue;
    if (!(name in manifest.devDependencies)) throw new Error(`README.md imports ${name}, which is neither this package nor one of its dev dependencies`);
    const target = join(dir, 'node_modules', name);
    if (!existsSync(target)) symlinkSync(join(root, 'node_modules', name), target, 'dir');
  }
}

function tsconfig(dir: string, name: string, moduleOptions: Record<string, string>, files: string[]): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: 'ES2022',
        ...moduleOptions,
        resolveJsonModule: true,
        // Checking every library's declarations (@types/node above all) took 20 s of the 25; the
        // package's own types are still resolved and used by every line checked here.
        skipLibCheck: true,
        typeRoots: [join(root, 'node_modules', '@types')],
        types: ['node'],
        outDir: `out-${name.replace(/\.json$/, '')}`,
      },
      files,
    }),
  );
  return file;
}

beforeAll(async () => {
  for (const file of ['dist/index.js', 'dist/cli/main.js', 'dist/openapi.json', 'dist/docs/index.html']) {
    if (!existsSync(join(root, file))) throw new Error(`${file} is missing: run \`npm run build:ts && npm run docs\` (npm test does)`);
  }
  work = mkdtempSync(join(tmpdir(), 'hmu-package-'));
  // --ignore-scripts: npm test has just built dist/; `prepare` would build it all again.
  const { stdout } = await timed('pack', () => execFile('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: root }));
  const [packed] = JSON.parse(stdout) as { filename: string; integrity: string; files: { path: string }[] }[];
  if (!packed) throw new Error('npm pack printed nothing');
  packedFiles = packed.files.map((f) => f.path);
  // `npm run lint:package` on this very tarball, while npm installs it below (npm test packs once).
  linted = timed('lint', () => lintPackedTarball(join(work, packed.filename)));
  const tarballSpec = `file:../${packed.filename}`;
  fromTarball = project('from-tarball', { [manifest.name]: tarballSpec });
  writeFileSync(join(fromTarball, 'package-lock.json'), JSON.stringify(consumerLock('from-tarball', tarballSpec, packed.integrity)));
  fromClone = project('from-clone');
  await timed('install', () =>
    Promise.all([
      execFile('npm', ['ci', ...npmFlags], { cwd: fromTarball }),
      // A folder installs as a link to the clone, whose own node_modules serves its dependencies.
      execFile('npm', ['install', ...npmFlags, root], { cwd: fromClone }),
    ]),
  );
}, 120_000);

afterAll(() => {
  console.log(`package test timings (ms): ${JSON.stringify(timings)}`);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds the built code, both spec files, the docs page and the types, and nothing of the clone', () => {
    for (const file of ['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts', 'dist/mock/index.js', 'dist/response-validator/index.js', 'dist/cli/main.js', 'dist/openapi.json', 'dist/openapi.yaml', 'dist/docs/index.html', 'generated/schema.d.ts']) {
      expect(packedFiles).toContain(file);
    }
    expect(packedFiles.filter((f) => /^(src|test|spec|scripts)\/|\.tgz$|\.map$/.test(f))).toEqual([]);
  });

  it('passes publint --strict and attw --profile esm-only (npm run lint:package)', async () => {
    for (const { tool, ok, output } of await linted) expect(ok, `${tool} failed:\n${output}`).toBe(true);
  });

  it('installs offline with only its declared dependencies, and every entry point loads', async () => {
    const script = [
      "const root = await import('huawei-meeting-users');",
      "const mock = await import('huawei-meeting-users/mock');",
      "const validator = await import('huawei-meeting-users/response-validator');",
      "const spec = await import('huawei-meeting-users/openapi.json', { with: { type: 'json' } });",
      "const pkg = await import('huawei-meeting-users/package.json', { with: { type: 'json' } });",
      "const yaml = (await import('node:fs')).readFileSync(new URL(import.meta.resolve('huawei-meeting-users/openapi.yaml')), 'utf8');",
      'console.log(JSON.stringify([typeof root.createMeetingClient, typeof mock.startMockServer, typeof validator.createValidatingFetch, spec.default.openapi, pkg.default.version, yaml.startsWith("openapi:")]));',
    ].join('\n');
    for (const dir of [fromTarball, fromClone]) {
      const { stdout } = await execFile(process.execPath, ['--input-type=module', '--no-warnings', '-e', script], { cwd: dir });
      expect(JSON.parse(stdout)).toEqual(['function', 'function', 'function', '3.1.0', manifest.version, true]);
    }
  });

  it('installs the command from the tarball and from the clone', async () => {
    for (const dir of [fromTarball, fromClone]) {
      const { stdout } = await execFile(join(dir, 'node_modules', '.bin', 'huawei-meeting-users'), ['--version']);
      expect(stdout.trim()).toBe(manifest.version);
    }
  });
});

describe('a TypeScript consumer of the installed package', () => {
  it('type-checks the consumer and every README block under strict, with nodenext and with bundler, and runs against the mock', async () => {
    cpSync(join(import.meta.dirname, 'consumer', 'consumer.ts'), join(fromTarball, 'consumer.ts'));
    const blocks = readmeBlocks(readFileSync(join(root, 'README.md'), 'utf8'));
    expect(blocks.length).toBe(readFileSync(join(root, 'README.md'), 'utf8').match(/^ *```ts$/gm)?.length);
    linkReadmeTools(blocks, fromTarball);
    const files = ['consumer.ts', ...blocks.map((block, i) => {
      writeFileSync(join(fromTarball, `readme-${i + 1}.ts`), block);
      return `readme-${i + 1}.ts`;
    })];
    const configs = [
      tsconfig(fromTarball, 'nodenext.json', { module: 'nodenext', moduleResolution: 'nodenext' }, files),
      tsconfig(fromTarball, 'bundler.json', { module: 'esnext', moduleResolution: 'bundler' }, files),
    ];
    // One tsc --build over both: the two programs share what they parse (the libraries, the
    // package's declarations), half the CPU time of two tsc -p. --verbose names the failing config.
    await timed('tsc', () => execFile(process.execPath, [tsc, '--build', '--verbose', ...configs], { cwd: fromTarball }).catch((error: { stdout?: string }) => {
      throw new Error(`tsc --build ${configs.join(' ')} failed:\n${error.stdout ?? String(error)}`);
    }));
    const { stdout } = await timed('consumer', () => execFile(process.execPath, ['--no-warnings', join(fromTarball, 'out-nodenext', 'consumer.js')], { cwd: fromTarball }));
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(result).toMatchObject({ after: 0, unknownAccount: '400 USG.201040000', drift: 0, version: manifest.version });
    expect(result.before).toBeGreaterThan(0);
    expect(result.updated).toBe(result.before);
    expect(String(result.yaml)).toMatch(/\/node_modules\/huawei-meeting-users\/dist\/openapi\.yaml$/);
  }, 120_000);
});

describe('the installed command', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer();
  });
  afterAll(async () => {
    await mock?.close();
  });

  it('runs the contract checks against its own mock, and writes the docs page it ships', async () => {
    const bin = join(fromTarball, 'node_modules', '.bin', 'huawei-meeting-users');
    // No base URL: `check` starts the mock of the installed package (Ajv, the spec and all).
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'MEETING_BASE_URL'));
    const check = await timed('check', () => execFile(bin, ['check'], { env }));
    expect(check.stdout).toMatch(/(\d+)\/\1 contract checks passed against the mock/);
    const out = join(work, 'docs-out');
    await execFile(bin, ['docs', '--out', out]);
    expect(readFileSync(join(out, 'index.html')).equals(readFileSync(join(root, 'dist', 'docs', 'index.html')))).toBe(true);
  }, 60_000);

  it('re-enables every disabled user: users list --status disabled --format ndjson | users enable --from -', async () => {
    const bin = join(fromTarball, 'node_modules', '.bin', 'huawei-meeting-users');
    const token = 'secret-token-4f2a';
    const env = { ...process.env, MEETING_TOKEN: token, MEETING_BASE_URL: mock.url };
    const disabledBefore = mock.store.users.filter((u) => u.status === 1 && u.userType === 2).length;
    expect(disabledBefore).toBeGreaterThan(0);
    const pipeline = await timed('headline job', () =>
      execFile('sh', ['-c', '"$BIN" users list --status disabled --format ndjson | "$BIN" users enable --from -'], { env: { ...env, BIN: bin } }),
    );
    expect(pipeline.stderr).toContain(`Enabled ${disabledBefore} account(s).`);
    expect(pipeline.stdout + pipeline.stderr).not.toContain(token);
    const after = await execFile(bin, ['users', 'list', '--status', 'disabled'], { env });
    expect(after.stdout).toBe('');
    expect(mock.store.users.filter((u) => u.status === 1 && u.userType === 2)).toEqual([]);
  }, 60_000);
});
