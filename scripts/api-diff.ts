// What changed in the API description since a release, and whether the version says so.
//
// The comparison is `redocly diff` (in @redocly/cli, already a dependency; offline, under a second)
// with the `diff-recommended` rules of redocly.diff.yaml. It rates each change by the semver bump
// it needs; this project calls a `major` change breaking and every other change non-breaking.
// oasdiff is not on npm and @pb33f/openapi-changes downloads a binary on install, so neither runs
// here.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import semver from 'semver';

export type Impact = 'major' | 'minor' | 'patch';

export type Change = {
  /** JSON pointer of the change in the compared documents, e.g. `#/paths/~1v1~1.../get/parameters/2`. */
  pointer: string;
  kind: 'added' | 'removed' | 'modified';
  impact: Impact;
  /** The keyword that changed (`required`, `enum`, `description`...), for a `modified` change. */
  property: string | undefined;
  /** What the rules say about it; empty for changes no rule names (wording, order). */
  messages: string[];
};

export const rootDir = fileURLToPath(new URL('..', import.meta.url));
export const releasesDir = join(rootDir, 'releases');
export const bundlePath = join(rootDir, 'dist', 'openapi.json');
const configPath = join(rootDir, 'redocly.diff.yaml');

export function isBreaking(change: Change): boolean {
  return change.impact === 'major';
}

/** The version at which a breaking change is allowed after `released`: the next major, or the next minor below 1.0. */
export function breakingLevel(released: string): 'major' | 'minor' {
  return semver.major(released) === 0 ? 'minor' : 'major';
}

/** The bump the changes need after `released`: below 1.0 breaking is minor and the rest patch. */
export function neededLevel(changes: Change[], released: string): 'major' | 'minor' | 'patch' | undefined {
  if (changes.length === 0) return undefined;
  if (changes.some(isBreaking)) return breakingLevel(released);
  if (semver.major(released) > 0 && changes.some((change) => change.impact === 'minor')) return 'minor';
  return 'patch';
}

export type VersionCheck = { ok: boolean; message: string };

/** The gate: a breaking change since `released` needs `current` to be at least the next major (minor below 1.0). */
export function checkVersion(changes: Change[], released: string, current: string): VersionCheck {
  for (const [name, version] of [['released', released], ['current', current]] as const) {
    if (!semver.valid(version) || semver.prerelease(version)) throw new Error(`${name} version "${version}" is not a plain MAJOR.MINOR.PATCH version`);
  }
  if (semver.lt(current, released)) return { ok: false, message: `package.json has ${current}, older than the last release ${released}.` };
  const breaking = changes.filter(isBreaking).length;
  if (breaking === 0) return { ok: true, message: `no breaking change since ${released}; version ${current} is fine.` };
  const needed = semver.inc(released, breakingLevel(released))!;
  if (semver.gte(current, needed)) return { ok: true, message: `${breaking} breaking change(s) since ${released}, and the version was raised to ${current}.` };
  return {
    ok: false,
    message: `${breaking} breaking change(s) since ${released} need version ${needed} or later, but package.json has ${current}. Undo the breaking change, or run \`npm run release\`.`,
  };
}

/** Released versions found in releases/<version>/openapi.json, oldest first. */
export function listReleases(dir = releasesDir): string[] {
  if (!existsSync(dir)) return [];
  const versions = readdirSync(dir).filter((name) => semver.valid(name) && existsSync(join(dir, name, 'openapi.json')));
  return versions.sort(semver.compare);
}

/** The release to compare `current` with: the newest one not newer than it. */
export function baselineRelease(current: string, dir = releasesDir): string {
  const candidates = listReleases(dir).filter((version) => semver.lte(version, current));
  const last = candidates.at(-1);
  if (!last) throw new Error(`no release at or below ${current} in ${dir}: run \`npm run release\` to make the first one`);
  return last;
}

export function releasePath(version: string, dir = releasesDir): string {
  return join(dir, version, 'openapi.json');
}

type RawChange = { path: string; kind: string; impact: string; property?: string; verdicts?: { message?: string }[] };

function toChange(raw: RawChange): Change {
  if (!['added', 'removed', 'modified'].includes(raw.kind) || !['major', 'minor', 'patch'].includes(raw.impact)) {
    throw new Error(`redocly diff reported a change this script does not know: ${JSON.stringify({ kind: raw.kind, impact: raw.impact })}`);
  }
  return {
    pointer: raw.path,
    kind: raw.kind as Change['kind'],
    impact: raw.impact as Impact,
    property: raw.property,
    messages: (raw.verdicts ?? []).flatMap((verdict) => (verdict.message ? [verdict.message] : [])),
  };
}

// The release itself changes `info.version`; that is not a change of the API.
function isVersionStamp(change: Change): boolean {
  return change.pointer === '#/info' && change.property === 'version';
}

const redoclyBin = join(createRequire(import.meta.url).resolve('@redocly/cli/package.json'), '..', 'bin', 'cli.js');

/** Every change from `base` to `revision` (both OpenAPI files), as rated by redocly diff. */
export async function diffDescriptions(base: string, revision: string): Promise<Change[]> {
  for (const file of [base, revision]) if (!existsSync(file)) throw new Error(`${file} does not exist (run \`npm run bundle && npm run samples\` for dist/)`);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [redoclyBin, 'diff', base, revision, '--config', configPath, '--format', 'json', '--fail-on', 'none'],
    { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, REDOCLY_TELEMETRY: 'off' } },
  );
  const report = JSON.parse(stdout) as { changes?: RawChange[] };
  if (!Array.isArray(report.changes)) throw new Error('redocly diff printed no `changes` list');
  return report.changes.map(toChange).filter((change) => !isVersionStamp(change));
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

/** `#/paths/~1v1~1x/get/parameters/2` -> `GET /v1/x › parameters/2`. */
export function describePointer(pointer: string): string {
  const parts = pointer.replace(/^#\/?/, '').split('/').filter(Boolean).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (parts[0] === 'paths' && parts.length >= 2) {
    const [, path, method, ...rest] = parts;
    if (method && METHODS.has(method)) return [`${method.toUpperCase()} ${path}`, rest.join('/')].filter(Boolean).join(' › ');
    return [path, [method, ...rest].filter(Boolean).join('/')].filter(Boolean).join(' › ');
  }
  return parts.join('/') || '(document)';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function describeChange(change: Change): string {
  if (change.messages.length > 0) return change.messages.join(' ');
  return `${change.property ? `\`${change.property}\` ` : ''}${change.kind}`;
}

/** The Markdown summary printed by `npm run diff`. */
export function renderMarkdown(input: { changes: Change[]; released: string; current: string; base: string; revision: string; check: VersionCheck }): string {
  const { changes, check } = input;
  const breaking = changes.filter(isBreaking);
  const lines = [
    `## API description changes since ${input.released}`,
    '',
    `\`${input.base}\` → \`${input.revision}\`, compared by \`redocly diff\` with the \`diff-recommended\` rules.`,
    '',
    `**${breaking.length}** breaking · **${changes.length - breaking.length}** non-breaking`,
    '',
  ];
  if (changes.length > 0) {
    lines.push('| Rating | Impact | Where | Change |', '| --- | --- | --- | --- |');
    const ordered = [...breaking, ...changes.filter((change) => !isBreaking(change))];
    for (const change of ordered) {
      const rating = isBreaking(change) ? '**breaking**' : 'non-breaking';
      lines.push(`| ${rating} | ${change.impact} | ${cell(describePointer(change.pointer))} | ${cell(describeChange(change))} |`);
    }
    lines.push('');
  }
  lines.push(`**Version check (package.json ${input.current}): ${check.ok ? 'passed' : 'FAILED'}**: ${check.message}`);
  return `${lines.join('\n')}\n`;
}
