// Accept-Language as a server reads it (RFC 9110 §12.5.4): a list of language ranges with
// optional weights. The mock answers in one of two languages, picked by RFC 4647 lookup (§3.4):
// each range in order of preference, shortened subtag by subtag until it names a language served.
// `zh` and `en` stand for zh-CN and en-US, so that `en-GB` finds English and `zh-Hant-TW` Chinese.

export type Language = 'zh-CN' | 'en-US';

/** The seed's server default, also what a list that names neither language gets. */
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

const SERVED: Record<string, Language> = { 'zh-cn': 'zh-CN', zh: 'zh-CN', 'en-us': 'en-US', en: 'en-US' };
const RANGE = /^(?:\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)$/;
const WEIGHT = /^q=(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;

type Range = { range: string; q: number; at: number };

/** The ranges of an Accept-Language value by preference, or undefined when it is malformed. */
export function parseLanguageRanges(value: string): Range[] | undefined {
  const ranges: Range[] = [];
  // `#rule` lists may have empty elements ("en, ,fr").
  for (const [at, element] of value.split(',').entries()) {
    const [rawRange = '', ...params] = element.split(';').map((part) => part.trim());
    if (rawRange === '' && params.length === 0) continue;
    if (!RANGE.test(rawRange) || params.length > 1) return undefined;
    let q = 1;
    if (params.length === 1) {
      const weight = (params[0] ?? '').replace(/\s+/g, '');
      if (!WEIGHT.test(weight)) return undefined;
      q = Number(weight.slice(2));
    }
    ranges.push({ range: rawRange.toLowerCase(), q, at });
  }
  return ranges.sort((a, b) => b.q - a.q || a.at - b.at);
}

/** RFC 4647 lookup over the served languages; `q=0` means "not this one"; `*` alone gets the default. */
export function lookupLanguage(ranges: readonly Range[]): Language {
  const refused = new Set(ranges.filter((r) => r.q === 0).map((r) => SERVED[r.range]));
  for (const { range, q } of ranges) {
    if (q === 0 || range === '*') continue;
    const subtags = range.split('-');
    while (subtags.length > 0) {
      const served = SERVED[subtags.join('-')];
      if (served && !refused.has(served)) return served;
      subtags.pop();
      // A single-letter subtag (an extension or private-use marker) is dropped with what follows it.
      if (subtags.length > 0 && (subtags.at(-1) ?? '').length === 1) subtags.pop();
    }
  }
  // `zh-CN;q=0, *`: anything but Chinese.
  return refused.has(DEFAULT_LANGUAGE) && !refused.has('en-US') ? 'en-US' : DEFAULT_LANGUAGE;
}

/** The language to answer in, or a message saying why the header is malformed. */
export function negotiateLanguage(values: readonly string[]): { value: Language } | { message: string } {
  // Repeated header lines form one list (RFC 9110 §5.3).
  const joined = values.join(',');
  if (joined.length > 1024) return { message: 'is longer than 1024 characters' };
  const ranges = parseLanguageRanges(joined);
  if (!ranges) return { message: 'is not a well-formed language list (RFC 9110), e.g. "en-US" or "en-US,en;q=0.9"' };
  return { value: lookupLanguage(ranges) };
}
