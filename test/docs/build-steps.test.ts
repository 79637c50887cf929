// The steps `npm run build` adds around Redocly: pulling the samples in, the "Get started"
// section, making Redoc's attribution logo inline, and adding the console and the favicon. Each
// must fail loudly rather than quietly ship a page that is wrong.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCodeSamples, sampleBaseName } from '../../scripts/code-samples.js';
import { inlineRedocLogo, REDOC_LOGOS } from '../../scripts/inline-redoc-logo.js';
import { addTryIt, withIntro } from '../../scripts/build-docs.js';
import { inlineScripts } from '../../src/server/security.js';

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

describe('withIntro', () => {
  it('puts the section before the first heading of the description, after its opening paragraphs', () => {
    expect(withIntro('Intro.\n\n## Errors\nText.\n', '## Get started\nRun it.\n')).toBe('Intro.\n\n## Get started\nRun it.\n\n## Errors\nText.\n');
  });

  it('appends it to a description without headings', () => {
    expect(withIntro('Only text.', '## Get started\nRun it.')).toBe('Only text.\n\n## Get started\nRun it.\n');
  });
});

describe('addTryIt', () => {
  const page = '<html><head><title>t</title></head><body><div id="redoc"></div><script type="module">const s = `</body>`;</script></body></html>';
  const assets = {
    script: 'console.log(1)',
    css: '.try-it{}',
    faviconSvg: '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
    spec: { operations: [], servers: [{ url: 'https://x', description: '</script><script>alert(1)</script>' }], tokenHeader: 'T', requestIdHeader: 'X-Request-Id' },
  };

  it('adds the favicon as a data: URL in the head and the console after Redoc, before the real </body>', () => {
    const out = addTryIt(page, assets);
    expect(out).toMatch(/^<html><head>\n {2}<link rel="icon" type="image\/svg\+xml" href="data:image\/svg\+xml,%3Csvg/);
    expect(out).toContain('const s = `</body>`;</script><style>.try-it{}</style>');
    expect(out.endsWith('<script>console.log(1)</script>\n</body></html>')).toBe(true);
  });

  it('keeps the embedded data inside its element, whatever its strings hold', () => {
    const scripts = inlineScripts(addTryIt(page, assets));
    const data = scripts.find((script) => script.startsWith('{'));
    expect(JSON.parse(data ?? '')).toEqual(assets.spec);
    expect(scripts).toHaveLength(4);
  });

  it('turns off Redoc\'s search worker before Redoc runs (it would need eval under the CSP)', () => {
    const out = addTryIt(page, assets);
    expect(out.indexOf('<script>delete window.Worker;</script>')).toBeLessThan(out.indexOf('<script type="module">'));
  });

  it('refuses a console bundle that would end its own script element, and a page it cannot place it in', () => {
    expect(() => addTryIt(page, { ...assets, script: 'a="</SCRIPT>"' })).toThrow(/would end its own element/);
    expect(() => addTryIt('<div></div>', assets)).toThrow(/no <head> or no <\/body>/);
  });
});
