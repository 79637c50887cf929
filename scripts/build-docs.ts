// `npm run docs`: the rendered docs page, dist/docs/index.html, one file that opens from disk.
//   1. a docs-only copy of the bundled spec whose description gains the "Get started" section
//      (docs/intro.md) before its first heading, so it is the page's first section;
//   2. `redocly build-docs --inlineBundle` renders it (Redoc inlined, options from redocly.yaml);
//   3. Redoc's attribution logo becomes inline (scripts/inline-redoc-logo.ts);
//   4. the try-it console (docs/console/, bundled by esbuild), its data and the favicon go in.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { CONSOLE_SPEC_ELEMENT_ID, type ConsoleSpec } from '../docs/console/model.js';
import { consoleSpecOf } from './console-spec.js';
import { inlineRedocLogo } from './inline-redoc-logo.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const docsSources = join(root, 'docs');

/** The spec's description with `intro` inserted before its first `## ` heading (or at its end). */
export function withIntro(description: string, intro: string): string {
  const heading = /^## /m.exec(description);
  const at = heading ? heading.index : description.length;
  const before = description.slice(0, at).replace(/\s*$/, '\n\n');
  return `${before}${intro.trim()}\n\n${description.slice(at)}`.trimEnd() + '\n';
}

/** JSON that can sit inside a <script> element: no "</script>" or "<!--" can appear in it. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export type TryItAssets = { script: string; css: string; faviconSvg: string; spec: ConsoleSpec };

/**
 * Adds the console, its data and the favicon to a page rendered by Redoc. The favicon is a data:
 * URL, so the browser asks no server for /favicon.ico, from disk or served.
 */
export function addTryIt(html: string, { script, css, faviconSvg, spec }: TryItAssets): string {
  if (/<\/script/i.test(script)) throw new Error('the console bundle contains "</script": it would end its own element');
  const head = html.indexOf('<head>');
  // Redoc's inlined bundle holds "</body>" in its strings: the page's own closing tag is the last.
  const bodyEnd = html.lastIndexOf('</body>');
  if (head === -1 || bodyEnd === -1) throw new Error('the page has no <head> or no </body>: Redoc\'s page changed, check scripts/build-docs.ts');
  const icon = `\n  <link rel="icon" type="image/svg+xml" href="data:image/svg+xml,${encodeURIComponent(faviconSvg.trim())}" />`;
  // Redoc's search (FlexSearch) builds its worker from a string with Function(), which the page's
  // CSP forbids (no 'unsafe-eval'): that is one CSP violation per load. Without Worker it takes its
  // own fallback and searches on the main thread, which for two operations is instant.
  const noSearchWorker = '\n  <script>delete window.Worker;</script>';
  const tail =
    `<style>${css}</style>\n` +
    `<script type="application/json" id="${CONSOLE_SPEC_ELEMENT_ID}">${scriptSafeJson(spec)}</script>\n` +
    `<script>${script}</script>\n`;
  const afterHead = head + '<head>'.length;
  return html.slice(0, afterHead) + icon + noSearchWorker + html.slice(afterHead, bodyEnd) + tail + html.slice(bodyEnd);
}

function bundleConsole(): string {
  const result = buildSync({
    entryPoints: [join(docsSources, 'console', 'main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error('esbuild wrote no console bundle');
  return file.text.trim();
}

function buildDocs(bundledSpec: string, page: string): void {
  const doc = JSON.parse(readFileSync(bundledSpec, 'utf8')) as { info: { description?: string } };
  const intro = readFileSync(join(docsSources, 'intro.md'), 'utf8');
  const work = mkdtempSync(join(tmpdir(), 'docs-'));
  try {
    const definition = join(work, 'openapi.json');
    writeFileSync(definition, JSON.stringify({ ...doc, info: { ...doc.info, description: withIntro(doc.info.description ?? '', intro) } }));
    mkdirSync(dirname(page), { recursive: true });
    const redocly = spawnSync(join(root, 'node_modules', '.bin', 'redocly'), ['build-docs', definition, '--inlineBundle', '-o', page], {
      cwd: root,
      stdio: 'inherit',
    });
    if (redocly.status !== 0) throw new Error(`redocly build-docs failed (exit ${String(redocly.status)})`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const html = addTryIt(inlineRedocLogo(readFileSync(page, 'utf8')), {
    script: bundleConsole(),
    css: readFileSync(join(docsSources, 'console', 'console.css'), 'utf8').trim(),
    faviconSvg: readFileSync(join(docsSources, 'favicon.svg'), 'utf8'),
    spec: consoleSpecOf(doc),
  });
  writeFileSync(page, html);
  console.log(`${page}: Redoc's logo inline, the try-it console and the favicon added (${Math.round(html.length / 1024)} KiB)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildDocs(join(root, 'dist', 'openapi.json'), join(root, 'dist', 'docs', 'index.html'));
}
