// The breaking-change gate of `npm run diff` (part of `npm test`): mutations of the bundled
// description against it, the version arithmetic, and the script's exit code.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  baselineRelease, bundlePath, checkVersion, describePointer, diffDescriptions, listReleases, neededLevel, releasePath, renderMarkdown, rootDir,
  type Change,
} from '../../scripts/api-diff.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- mutations reach anywhere in the document
const SEARCH = '/v1/usg/dcs/corp/member';

const mutations: Record<string, (doc: Json) => void> = {
  'remove a parameter': (doc) => {
    const op = doc.paths[SEARCH].get;
    op.parameters = op.parameters.filter((p: Json) => p.$ref !== '#/components/parameters/searchKey');
  },
  'make an optional parameter required': (doc) => {
    doc.components.parameters.deptCode.required = true;
  },
  'narrow an enum': (doc) => {
    doc.components.parameters.userType.schema.items.enum = [2, 12, 13];
  },
  'remove a response field': (doc) => {
    delete doc.components.schemas.SearchUserResultDTO.properties.title;
  },
  'add an optional response field': (doc) => {
    doc.components.schemas.SearchUserResultDTO.properties.nickname = { type: 'string', description: 'A field a later page could add.' };
  },
};
const breakingMutations = Object.keys(mutations).filter((name) => name !== 'add an optional response field');

let dir: string;
const files: Record<string, string> = {};
const changes: Record<string, Change[]> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'diff-gate-'));
  await Promise.all(
    Object.entries(mutations).map(async ([name, mutate], index) => {
      const doc = JSON.parse(readFileSync(bundlePath, 'utf8')) as Json;
      mutate(doc);
      const file = join(dir, `mutation-${index}.json`);
      writeFileSync(file, JSON.stringify(doc, null, 2));
      files[name] = file;
      changes[name] = await diffDescriptions(bundlePath, file);
    }),
  );
}, 60_000); // Five redocly diff processes at once: a margin for a loaded machine.
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the gate against mutations of dist/openapi.json', () => {
  it.each(breakingMutations)('%s: rated breaking, refused at the same version, allowed once the minor (below 1.0) or major is raised', (name) => {
    const found = changes[name]!;
    expect(found.filter((change) => change.impact === 'major')).toHaveLength(1);
    expect(checkVersion(found, '0.1.0', '0.1.0').ok).toBe(false);
    expect(checkVersion(found, '0.1.0', '0.1.5').ok).toBe(false);
    expect(checkVersion(found, '0.1.0', '0.2.0').ok).toBe(true);
    expect(checkVersion(found, '1.4.0', '1.5.0').ok).toBe(false);
    expect(checkVersion(found, '1.4.0', '2.0.0').ok).toBe(true);
  });

  it('add an optional response field: rated non-breaking (minor) and passes at the same version', () => {
    const found = changes['add an optional response field']!;
    expect(found.map((change) => change.impact)).toEqual(['minor']);
    expect(checkVersion(found, '0.1.0', '0.1.0')).toEqual({ ok: true, message: expect.stringContaining('no breaking change') });
  });

  it('names each breaking change in the Markdown summary, with the failed check', () => {
    const found = changes['make an optional parameter required']!;
    const check = checkVersion(found, '0.1.0', '0.1.0');
    const markdown = renderMarkdown({ changes: found, released: '0.1.0', current: '0.1.0', base: 'a.json', revision: 'b.json', check });
    expect(markdown).toContain('**1** breaking · **0** non-breaking');
    expect(markdown).toMatch(/\| \*\*breaking\*\* \| major \| GET \/v1\/usg\/dcs\/corp\/member › parameters\/\d+ \| `deptCode` query parameter became required\. \|/);
    expect(markdown).toContain('FAILED**: 1 breaking change(s) since 0.1.0 need version 0.2.0 or later, but package.json has 0.1.0.');
  });

  it('finds no change between a description and itself', async () => {
    expect(await diffDescriptions(bundlePath, bundlePath)).toEqual([]);
  });

  it('npm run diff exits 1 on a breaking change and 0 on an addition, printing the summary', async () => {
    const run = (revision: string) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', join(rootDir, 'scripts', 'diff.ts'), '--revision', revision, '--version', '0.1.0'], { cwd: rootDir }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
      );
    const [refused, passed] = await Promise.all([run(files['remove a parameter']!), run(files['add an optional response field']!)]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('`searchKey` query parameter was removed.');
    expect(passed.code).toBe(0);
    expect(passed.stdout).toMatch(/\*\*0\*\* breaking · \*\*\d+\*\* non-breaking/);
    expect(passed.stdout).toContain('| non-breaking | minor |');
  });
});

describe('version arithmetic', () => {
  const change = (impact: Change['impact']): Change => ({ pointer: '#/paths', kind: 'modified', impact, property: undefined, messages: [] });

  it('needs minor for a breaking change below 1.0 and major from 1.0; patch for the rest below 1.0', () => {
    expect(neededLevel([change('major')], '0.3.1')).toBe('minor');
    expect(neededLevel([change('major')], '1.3.1')).toBe('major');
    expect(neededLevel([change('minor')], '0.3.1')).toBe('patch');
    expect(neededLevel([change('minor'), change('patch')], '1.3.1')).toBe('minor');
    expect(neededLevel([change('patch')], '1.3.1')).toBe('patch');
    expect(neededLevel([], '1.3.1')).toBeUndefined();
  });

  it('refuses a version older than the release, and one that is not MAJOR.MINOR.PATCH', () => {
    expect(checkVersion([], '0.2.0', '0.1.9').ok).toBe(false);
    expect(() => checkVersion([], '0.2.0', '0.3.0-rc.1')).toThrow(/current version "0.3.0-rc.1"/);
  });

  it('reads JSON pointers as operations', () => {
    expect(describePointer('#/paths/~1v1~1usg~1dcs~1corp~1member/get/parameters/2')).toBe('GET /v1/usg/dcs/corp/member › parameters/2');
    expect(describePointer('#/components/schemas/SearchUsersPage')).toBe('components/schemas/SearchUsersPage');
    expect(describePointer('#/paths/~1v1~1x/parameters/0')).toBe('/v1/x › parameters/0');
    expect(describePointer('#/paths/~1v1~1x')).toBe('/v1/x');
    expect(describePointer('#/')).toBe('(document)');
  });
});

describe('the releases in the repository', () => {
  const packageVersion = (JSON.parse(readFileSync(join(rootDir, 'package.json'), 'utf8')) as { version: string }).version;

  it('holds a snapshot whose info.version is its directory name, and the gate compares with the newest one', () => {
    const versions = listReleases();
    expect(versions.length).toBeGreaterThan(0);
    for (const version of versions) {
      expect((JSON.parse(readFileSync(releasePath(version), 'utf8')) as Json).info.version).toBe(version);
    }
    expect(baselineRelease(packageVersion)).toBe(versions.filter((version) => semver.lte(version, packageVersion)).at(-1));
  });

  it('the spec and the package carry one version', () => {
    const spec = parse(readFileSync(join(rootDir, 'spec', 'openapi.yaml'), 'utf8')) as Json;
    expect(spec.info.version).toBe(packageVersion);
  });
});
