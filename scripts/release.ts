// `npm run release [-- major|minor|patch|X.Y.Z]`: cuts a release of the API description.
//
// 1. compares dist/openapi.json with the last release (scripts/api-diff.ts) and works out the bump
//    the changes need (breaking: major, or minor below 1.0); a smaller bump is refused;
// 2. sets the version in package.json and package-lock.json (`npm version`) and in the spec's
//    `info.version`, so the package and the description it ships carry one version;
// 3. snapshots the bundle as releases/<version>/openapi.json, the baseline of the next `npm run diff`
//    (in the repository, so a clean clone has it without tags or network);
// 4. opens the CHANGELOG entry: the notes under [Unreleased] move to the new version, with one
//    line per change of the description added for the maintainer to edit.
// It commits and tags nothing: review the result, then commit.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import semver from 'semver';
import { bundlePath, describeChange, describePointer, diffDescriptions, isBreaking, listReleases, neededLevel, releasePath, rootDir, type Change } from './api-diff.js';

const LEVELS = ['major', 'minor', 'patch'] as const;
type Level = (typeof LEVELS)[number];

export type ReleaseOptions = {
  /** The repository: package.json, spec/openapi.yaml, CHANGELOG.md and releases/ live here. */
  root: string;
  /** The bundled description to release. */
  bundle: string;
  /** A level or an exact version; default: package.json's version if it is newer than the last release, else the level the changes need. */
  request?: string;
  /** YYYY-MM-DD of the CHANGELOG entry. */
  date: string;
  /** Compares two descriptions (default: diffDescriptions, one redocly diff process); the tests share its results between releases of the same files. */
  diff?: (base: string, revision: string) => Promise<Change[]>;
};

/** Replaces `version` inside the top-level `info:` block of a YAML file, leaving every other byte as it was. */
export function setInfoVersion(yamlText: string, version: string): string {
  const lines = yamlText.split('\n');
  const start = lines.indexOf('info:');
  if (start < 0) throw new Error('spec/openapi.yaml has no top-level `info:`');
  for (let i = start + 1; i < lines.length && /^(\s|$)/.test(lines[i]!); i++) {
    if (/^ {2}version:/.test(lines[i]!)) {
      lines[i] = `  version: "${version}"`;
      return lines.join('\n');
    }
  }
  throw new Error('spec/openapi.yaml has no `info.version`');
}

const CATEGORY: Record<Change['kind'], string> = { added: 'Added', modified: 'Changed', removed: 'Removed' };

function changeLine(change: Change): string {
  return `- ${isBreaking(change) ? '**Breaking:** ' : ''}${describeChange(change)} (${describePointer(change.pointer)})`;
}

/**
 * Moves the notes under `## [Unreleased]` into a new `## [version] - date` section, adding one line
 * per change of the description under the Keep a Changelog category it belongs to.
 */
export function openChangelogEntry(text: string, version: string, date: string, changes: Change[]): string {
  const heading = '## [Unreleased]';
  const start = text.indexOf(`${heading}\n`);
  if (start < 0) throw new Error(`CHANGELOG.md has no "${heading}" section`);
  const bodyStart = start + heading.length + 1;
  const next = text.indexOf('\n## [', bodyStart);
  const bodyEnd = next < 0 ? text.length : next + 1;

  // Sections of the unreleased notes, in order: '' holds any text before the first `### `.
  const sections = new Map<string, string[]>([['', []]]);
  let current = '';
  for (const line of text.slice(bodyStart, bodyEnd).split('\n')) {
    const category = /^### (.+)$/.exec(line)?.[1];
    if (category) sections.set((current = category), sections.get(category) ?? []);
    else if (line.trim() !== '') sections.get(current)!.push(line);
  }
  for (const change of [...changes.filter(isBreaking), ...changes.filter((c) => !isBreaking(c))]) {
    const category = CATEGORY[change.kind];
    sections.set(category, [...(sections.get(category) ?? []), changeLine(change)]);
  }
  const body = [...sections].filter(([, lines]) => lines.length > 0).map(([name, lines]) => (name ? `### ${name}\n\n${lines.join('\n')}` : lines.join('\n')));
  const entry = `## [${version}] - ${date}\n\n${body.join('\n\n')}\n\n`;
  return `${text.slice(0, bodyStart)}\n${entry}${text.slice(bodyEnd)}`;
}

function pickVersion(released: string, needed: Level | undefined, request: string | undefined): string {
  const floor = needed ? semver.inc(released, needed)! : undefined;
  let version: string;
  if (request === undefined) {
    if (!floor) throw new Error(`nothing changed in the description since ${released}; to release anyway, name the version or level`);
    version = floor;
  } else if ((LEVELS as readonly string[]).includes(request)) {
    version = semver.inc(released, request as Level)!;
  } else if (semver.valid(request) && !semver.prerelease(request)) {
    version = request;
  } else {
    throw new Error(`release: "${request}" is neither major, minor, patch nor a MAJOR.MINOR.PATCH version`);
  }
  if (!semver.gt(version, released)) throw new Error(`release: ${version} is not newer than the last release ${released}`);
  if (floor && semver.lt(version, floor)) throw new Error(`release: the changes since ${released} need ${needed} (${floor} or later), not ${version}`);
  return version;
}

function writeSnapshot(root: string, bundle: string, version: string): string {
  const doc = JSON.parse(readFileSync(bundle, 'utf8')) as { info: { version: string } };
  doc.info.version = version;
  const file = releasePath(version, join(root, 'releases'));
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  return file;
}

export async function release({ root, bundle, request, date, diff = diffDescriptions }: ReleaseOptions): Promise<{ version: string; changes: Change[]; snapshot: string }> {
  const packagePath = join(root, 'package.json');
  const current = (JSON.parse(readFileSync(packagePath, 'utf8')) as { version: string }).version;
  const released = listReleases(join(root, 'releases')).at(-1);

  let version: string;
  let changes: Change[] = [];
  if (released === undefined) {
    if (request !== undefined) throw new Error(`release: the first release snapshots package.json's version (${current}); run it without an argument`);
    version = current;
  } else {
    changes = await diff(releasePath(released, join(root, 'releases')), bundle);
    // A package.json already raised past the last release (by hand) names the version to release.
    const wanted = request ?? (semver.gt(current, released) ? current : undefined);
    version = pickVersion(released, neededLevel(changes, released) as Level | undefined, wanted);
  }
  if (existsSync(releasePath(version, join(root, 'releases')))) throw new Error(`release: releases/${version} already exists`);

  if (version !== current) {
    await promisify(execFile)('npm', ['version', version, '--no-git-tag-version', '--allow-same-version'], { cwd: root });
  }
  const specPath = join(root, 'spec', 'openapi.yaml');
  writeFileSync(specPath, setInfoVersion(readFileSync(specPath, 'utf8'), version));
  const snapshot = writeSnapshot(root, bundle, version);
  const changelogPath = join(root, 'CHANGELOG.md');
  writeFileSync(changelogPath, openChangelogEntry(readFileSync(changelogPath, 'utf8'), version, date, changes));
  return { version, changes, snapshot };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await release({ root: rootDir, bundle: bundlePath, request: process.argv[2], date: new Date().toISOString().slice(0, 10) });
  const breaking = result.changes.filter(isBreaking).length;
  console.log(`Released ${result.version}: ${result.changes.length} change(s) of the description, ${breaking} breaking.`);
  console.log(`Wrote ${result.snapshot}, package.json, package-lock.json, spec/openapi.yaml (info.version) and CHANGELOG.md.`);
  console.log('Next: edit the CHANGELOG entry, run `npm run build` (the bundle carries the new info.version), commit, tag.');
}
