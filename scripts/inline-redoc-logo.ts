// Redoc 3 shows "API docs by Redocly" in the sidebar and loads that logo from cdn.redoc.ly on every
// page view; no Redoc CE option turns it off (removeAttribution is an Enterprise setting). The
// built page must make no request beyond its own file, so this step swaps the two logo URLs in the
// inlined Redoc script for an inline SVG of the same wordmark. The attribution text and its link
// stay. scripts/build-docs.ts applies it to the rendered page.
const REDOC_BLUE = '#0044D4';

function svgDataUri(width: number, text: string): string {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="14" viewBox="0 0 ${width} 14">` +
    `<text x="0" y="11.5" font-family="sans-serif" font-size="12" font-weight="700" fill="${REDOC_BLUE}">${text}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/** The logo URLs Redoc 3.0 loads, each with the inline image that replaces it. */
export const REDOC_LOGOS: ReadonlyArray<readonly [url: string, inline: string]> = [
  ['https://cdn.redoc.ly/redoc/logo-mini-full.svg', svgDataUri(46, 'Redocly')],
  ['https://cdn.redoc.ly/redoc/logo-mini.svg', svgDataUri(10, 'R')],
];

/**
 * Replaces Redoc's CDN logo URLs in a page built by `redocly build-docs --inlineBundle`. Throws when
 * a URL is absent: a Redoc upgrade changed how the logo loads, and the page must be checked again
 * (test/docs counts every request) before this step is changed or dropped.
 */
export function inlineRedocLogo(html: string): string {
  let out = html;
  for (const [url, inline] of REDOC_LOGOS) {
    if (!out.includes(url)) {
      throw new Error(`Redoc's logo URL ${url} is not in the page: Redoc changed, so check the page's requests and update scripts/inline-redoc-logo.ts`);
    }
    out = out.split(url).join(inline);
  }
  return out;
}
