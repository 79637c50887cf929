// The two steps `npm run build` adds around Redocly: pulling the samples in, and making Redoc's
// attribution logo inline. Both must fail loudly rather than quietly ship a page that is wrong.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCodeSamples, sampleBaseName } from '../../scripts/code-samples.js';
import { inlineRedocLogo, REDOC_LOGOS } from '../../scripts/inline-redoc-logo.js';

describe('readCodeSamples', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function samplesDir(files: string[]): string {
    dir = mkdtempSync(join(tmpdir(), 'samples-'));
    for (const file of files) writeFileSync(join(dir, file), `# ${file}\n`);
    return dir;
  }

  it('names the file of an operationId in kebab case', () => {
    expect(sampleBaseName('SearchUsers')).toBe('search-users');
    expect(sampleBaseName('BatchUpdateUserStatus')).toBe('batch-update-user-status');
  });

  it('reads curl then TypeScript for each operation', () => {
    const samples = readCodeSamples(['SearchUsers'], samplesDir(['search-users.sh', 'search-users.ts', 'README.md']));
    expect(samples.get('SearchUsers')).toEqual([
      { lang: 'curl', label: 'curl', source: '# search-users.sh\n' },
      { lang: 'TypeScript', label: 'TypeScript', source: '# search-users.ts\n' },
    ]);
  });

  it('refuses an operation without its samples, naming the missing files', () => {
    expect(() => readCodeSamples(['SearchUsers'], samplesDir(['search-users.sh']))).toThrow(/missing code samples .*search-users\.ts/);
  });

  it('refuses a sample that belongs to no operation (a renamed operationId)', () => {
    const files = ['search-users.sh', 'search-users.ts', 'list-users.ts'];
    expect(() => readCodeSamples(['SearchUsers'], samplesDir(files))).toThrow(/match no operationId: list-users\.ts/);
  });
});

describe('inlineRedocLogo', () => {
  const page = REDOC_LOGOS.map(([url]) => `src:e?\`${url}\`:x`).join(';');

  it('replaces every CDN logo URL with an inline SVG', () => {
    const out = inlineRedocLogo(`${page};${page}`);
    for (const [url, inline] of REDOC_LOGOS) {
      expect(out).not.toContain(url);
      expect(out).toContain(inline);
      expect(inline).toMatch(/^data:image\/svg\+xml,/);
      // It sits in a JavaScript template literal: nothing in it may end or interpolate one.
      expect(inline).not.toMatch(/[`$\\]/);
    }
  });

  it('fails when Redoc no longer has a logo URL, so the change is looked at', () => {
    const [first] = REDOC_LOGOS;
    expect(() => inlineRedocLogo(page.replace(first?.[0] ?? '', 'https://elsewhere.example/logo.svg'))).toThrow(/Redoc changed/);
  });
});
