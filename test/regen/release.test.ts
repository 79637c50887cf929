// `npm run release` in a scratch copy of the files it writes: version bump, spec info.version,
// snapshot, CHANGELOG entry; and the gate passing against the new snapshot.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bundlePath, checkVersion, diffDescriptions, listReleases, releasePath, rootDir, type Change } from '../../scripts/api-diff.js';
import { openChangelogEntry, release, setInfoVersion } from '../../scripts/release.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- mutations reach anywhere in the document

const CHANGELOG = `# Changelog

## [Unreleased]

### Fixed

- A fix written by hand.

## [0.1.0] - 2026-01-01

- First.
`;

// redocly diff, once per pair of descriptions (by their bytes): most releases below compare today's
// bundle with the same mutation of it, each in a scratch repository of its own. What `release` does
// with the changes is what these tests check; each distinct comparison still runs redocly diff.
const diffs = new Map<string, Promise<Change[]>>();
function sharedDiff(base: string, revision: string): Promise<Change[]> {
  const key = JSON.stringify([readFileSync(base, 'utf8'), readFileSync(revision, 'utf8')]);
  if (!diffs.has(key)) diffs.set(key, diffDescriptions(base, revision));
  return diffs.get(key)!;
}

let scratch: string | undefined;
afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

/** A repository with package 0.1.0, release 0.1.0 = today's bundle, and a bundle changed by `mutate`. */
function scratchRepo(mutate: (doc: Json) => void): { root: string; bundle: string } {
  const root = (scratch = mkdtempSync(join(tmpdir(), 'release-')));
  writeFileSync(join(root, 'package.json'), `${JSON.stringify({ name: 'scratch', version: '0.1.0', private: true }, null, 2)}\n`);
  mkdirSync(join(root, 'spec'));
  copyFileSync(join(rootDir, 'spec', 'openapi.yaml'), join(root, 'spec', 'openapi.yaml'));
  writeFileSync(join(root, 'spec', 'openapi.yaml'), setInfoVersion(readFileSync(join(root, 'spec', 'openapi.yaml'), 'utf8'), '0.1.0'));
  writeFileSync(join(root, 'CHANGELOG.md'), CHANGELOG);
  const doc = JSON.parse(readFileSync(bundlePath, 'utf8')) as Json;
  doc.info.version = '0.1.0';
  mkdirSync(join(root, 'releases', '0.1.0'), { recursive: true });
  writeFileSync(join(root, 'releases', '0.1.0', 'openapi.json'), JSON.stringify(doc, null, 2));
  mutate(doc);
  const bundle = join(root, 'bundle.json');
  writeFileSync(bundle, JSON.stringify(doc, null, 2));
  return { root, bundle };
}

const removeSearchKey = (doc: Json) => {
  const op = doc.paths['/v1/usg/dcs/corp/member'].get;
  op.parameters = op.parameters.filter((p: Json) => p.$ref !== '#/components/parameters/searchKey');
};

// Each release spawns redocly diff and npm version: a margin for a loaded machine.
describe('npm run release', { timeout: 60_000 }, () => {
  it('after a breaking change below 1.0: 0.2.0 everywhere, a snapshot the gate then accepts, and the CHANGELOG entry', async () => {
    const { root, bundle } = scratchRepo(removeSearchKey);
    const result = await release({ root, bundle, date: '2026-12-02' });
    expect(result.version).toBe('0.2.0');

    expect((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Json).version).toBe('0.2.0');
    const specText = readFileSync(join(root, 'spec', 'openapi.yaml'), 'utf8');
    expect((parse(specText) as Json).info.version).toBe('0.2.0');
    expect(specText.replace('version: "0.2.0"', 'version: "0.1.0"')).toBe(setInfoVersion(readFileSync(join(rootDir, 'spec', 'openapi.yaml'), 'utf8'), '0.1.0'));

    expect(listReleases(join(root, 'releases'))).toEqual(['0.1.0', '0.2.0']);
    const snapshot = JSON.parse(readFileSync(releasePath('0.2.0', join(root, 'releases')), 'utf8')) as Json;
    expect(snapshot.info.version).toBe('0.2.0');
    expect(await diffDescriptions(releasePath('0.2.0', join(root, 'releases')), bundle)).toEqual([]);
    expect(checkVersion(result.changes, '0.1.0', '0.2.0').ok).toBe(true);

    const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toContain(
      '## [Unreleased]\n\n## [0.2.0] - 2026-12-02\n\n### Fixed\n\n- A fix written by hand.\n\n### Removed\n\n- **Breaking:** `searchKey` query parameter was removed. (GET /v1/usg/dcs/corp/member › parameters/2)\n\n## [0.1.0] - 2026-01-01',
    );
  });

  it('refuses a bump smaller than the changes need, a version not newer, and a release with nothing changed', async () => {
    const { root, bundle } = scratchRepo(removeSearchKey);
    await expect(release({ root, bundle, request: 'patch', date: '2026-12-02', diff: sharedDiff })).rejects.toThrow('need minor (0.2.0 or later), not 0.1.1');
    await expect(release({ root, bundle, request: '0.1.0', date: '2026-12-02', diff: sharedDiff })).rejects.toThrow('0.1.0 is not newer than the last release 0.1.0');
    await expect(release({ root, bundle, request: 'next', date: '2026-12-02', diff: sharedDiff })).rejects.toThrow('"next" is neither');
    expect((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Json).version).toBe('0.1.0');

    const unchanged = scratchRepo(() => {});
    await expect(release({ root: unchanged.root, bundle: unchanged.bundle, date: '2026-12-02', diff: sharedDiff })).rejects.toThrow('nothing changed in the description since 0.1.0');
  });

  it('an added optional field is a patch below 1.0, and an explicit major is honoured', async () => {
    const addField = (doc: Json) => {
      doc.components.schemas.SearchUserResultDTO.properties.nickname = { type: 'string', description: 'Added.' };
    };
    const first = scratchRepo(addField);
    expect((await release({ root: first.root, bundle: first.bundle, date: '2026-12-02', diff: sharedDiff })).version).toBe('0.1.1');
    rmSync(first.root, { recursive: true, force: true });

    const second = scratchRepo(addField);
    expect((await release({ root: second.root, bundle: second.bundle, request: 'major', date: '2026-12-02', diff: sharedDiff })).version).toBe('1.0.0');
  });

  it('releases the version package.json was already raised to, if it is enough for the changes', async () => {
    const { root, bundle } = scratchRepo(removeSearchKey);
    const setVersion = (version: string) => writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'scratch', version, private: true }));
    setVersion('0.1.1');
    await expect(release({ root, bundle, date: '2026-12-02', diff: sharedDiff })).rejects.toThrow('need minor (0.2.0 or later), not 0.1.1');
    setVersion('0.3.0');
    expect((await release({ root, bundle, date: '2026-12-02', diff: sharedDiff })).version).toBe('0.3.0');
    expect(listReleases(join(root, 'releases'))).toEqual(['0.1.0', '0.3.0']);
  });

  it('the first release snapshots the package version as it is', async () => {
    const { root, bundle } = scratchRepo(() => {});
    rmSync(join(root, 'releases'), { recursive: true });
    const result = await release({ root, bundle, date: '2026-12-02', diff: sharedDiff });
    expect(result).toMatchObject({ version: '0.1.0', changes: [] });
    expect(readFileSync(join(root, 'CHANGELOG.md'), 'utf8')).toContain('## [Unreleased]\n\n## [0.1.0] - 2026-12-02\n\n### Fixed\n\n- A fix written by hand.\n\n## [0.1.0] - 2026-01-01');
    await expect(release({ root, bundle, date: '2026-12-02', diff: sharedDiff })).rejects.toThrow('nothing changed in the description since 0.1.0');
  });
});

describe('openChangelogEntry', () => {
  const change: Change = { pointer: '#/components/schemas/X', kind: 'modified', impact: 'patch', property: 'description', messages: [] };

  it('adds a change to an existing category instead of a second heading', () => {
    const text = '# C\n\n## [Unreleased]\n\n### Changed\n\n- By hand.\n';
    expect(openChangelogEntry(text, '1.0.1', '2026-12-02', [change])).toBe(
      '# C\n\n## [Unreleased]\n\n## [1.0.1] - 2026-12-02\n\n### Changed\n\n- By hand.\n- `description` modified (components/schemas/X)\n\n',
    );
  });

  it('refuses a changelog without an Unreleased section', () => {
    expect(() => openChangelogEntry('# C\n', '1.0.1', '2026-12-02', [])).toThrow('no "## [Unreleased]" section');
  });
});
