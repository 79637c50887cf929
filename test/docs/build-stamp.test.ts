// The content stamp that lets `build:spec` skip a build: any change to an input or an output, or a
// missing output, must give a different hash (or none), so a stale build is never taken as current.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentHash, type BuildFiles } from '../../scripts/build-stamp.js';

const FILES: BuildFiles = { inputs: ['spec', 'tool.lock'], outputs: ['dist/out.json'] };
let root: string;
const write = (path: string, text: string) => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'build-stamp-'));
  write('spec/openapi.yaml', 'openapi: 3.1.0');
  write('spec/paths/users.yaml', 'get: {}');
  write('tool.lock', 'redocly 2.0.0');
  write('dist/out.json', '{}');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('contentHash', () => {
  it('is the same for the same files, whatever their timestamps', () => {
    const first = contentHash(root, FILES);
    write('spec/openapi.yaml', 'openapi: 3.1.0');
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash(root, FILES)).toBe(first);
  });

  it('changes with any input, nested, added, renamed or upgraded, and with an output edited by hand', () => {
    const seen = new Set([contentHash(root, FILES)]);
    const changes = [
      () => write('spec/paths/users.yaml', 'get: { summary: x }'),
      () => write('spec/paths/new.yaml', ''),
      () => {
        rmSync(join(root, 'spec/paths/new.yaml'));
        write('spec/paths/renamed.yaml', '');
      },
      () => write('tool.lock', 'redocly 2.1.0'),
      () => write('dist/out.json', '{"edited":true}'),
    ];
    for (const change of changes) {
      change();
      const hash = contentHash(root, FILES);
      expect(seen.has(hash)).toBe(false);
      seen.add(hash);
    }
  });

  it('is undefined while an output is missing', () => {
    rmSync(join(root, 'dist/out.json'));
    expect(contentHash(root, FILES)).toBeUndefined();
  });
});
