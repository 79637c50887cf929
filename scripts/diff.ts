// `npm run diff`: prints, in Markdown, every change of dist/openapi.json since the last release
// (releases/<version>/openapi.json), each rated breaking or non-breaking, and exits 1 when a
// breaking change came without raising the version (major, or minor below 1.0). Part of `npm test`.
//
// Options (for trying a change by hand): --base FILE, --revision FILE, --version X.Y.Z.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { baselineRelease, bundlePath, checkVersion, diffDescriptions, releasePath, renderMarkdown, rootDir } from './api-diff.js';

const { values } = parseArgs({ options: { base: { type: 'string' }, revision: { type: 'string' }, version: { type: 'string' } } });

const current = values.version ?? (JSON.parse(readFileSync(`${rootDir}/package.json`, 'utf8')) as { version: string }).version;
const released = baselineRelease(current);
const base = values.base ?? releasePath(released);
const revision = values.revision ?? bundlePath;

const changes = await diffDescriptions(base, revision);
const check = checkVersion(changes, released, current);
const shown = (file: string) => relative(process.cwd(), file) || file;
process.stdout.write(renderMarkdown({ changes, released, current, base: shown(base), revision: shown(revision), check }));
if (!check.ok) process.exitCode = 1;
