// The headers every answer of `serve` carries, and the Content-Security-Policy of the docs page.
import { createHash } from 'node:crypto';

/** On every answer: no MIME sniffing, no referrer, never in a frame. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

/** Anything that is not the docs page (the spec, the API, errors) may load and run nothing. */
export const LOCKED_DOWN_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The text of every inline <script> element, as the browser hashes it. Inside a script element
 * nothing but "</script" ends it (Redoc's bundle has "<script>" in its strings, never "</script>").
 */
export function inlineScripts(html: string): string[] {
  const scripts: string[] = [];
  const open = /<script\b[^>]*>/gi;
  const close = /<\/script/gi;
  let match: RegExpExecArray | null;
  while ((match = open.exec(html)) !== null) {
    if (/\bsrc\s*=/i.test(match[0])) throw new Error('the docs page loads a script from a URL: it must stay one self-contained file');
    const start = match.index + match[0].length;
    // Searched in the page itself: lower-casing it first would move indexes (one "İ" becomes two).
    close.lastIndex = start;
    const end = close.exec(html)?.index;
    if (end === undefined) throw new Error('the docs page has a <script> element that never ends');
    scripts.push(html.slice(start, end));
    open.lastIndex = end;
  }
  return scripts;
}

/**
 * The policy of the docs page: its own inline scripts only (by hash, so nothing injected runs),
 * the inline styles Redoc's styled-components write, images and fonts from data: (the inlined
 * logo, the favicon, a font of Redoc's); no eval and no worker (the build turns Redoc's search
 * worker off). connect-src is what the try-it console may send to: this origin (the mock), https:
 * servers (production, a gateway) and loopback mocks on other ports.
 */
export function docsPageCsp(html: string): string {
  const hashes = [...new Set(inlineScripts(html).map((script) => `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`))];
  return [
    "default-src 'none'",
    `script-src ${hashes.join(' ') || "'none'"}`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    // Redoc's inlined bundle carries a font as a data: URL.
    'font-src data:',
    "connect-src 'self' https: http://localhost:* http://127.0.0.1:*",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
