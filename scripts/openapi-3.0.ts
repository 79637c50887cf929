// The OpenAPI 3.0 copy of the bundled description, for tools that read only 3.0 (openapi-generator,
// older gateways and linters). Run after `npm run samples`: reads dist/openapi.json, writes
// dist/openapi-3.0.json and dist/openapi-3.0.yaml.
//
// @apiture/openapi-down-convert does the schema work: `type: [x, 'null']` becomes `type: x` with
// `nullable: true`, a schema's `examples` array becomes its first item as `example`, `const`
// becomes a one-value `enum`. Two 3.1-only fields of `info` it leaves or drops are settled here:
// - `info.summary` (not in 3.0) is kept as the first paragraph of `info.description`;
// - `info.license.identifier` (an SPDX id, not in 3.0) becomes `info.license.url`, the SPDX page of
//   that licence, so the copy still names the licence unambiguously.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Converter } from '@apiture/openapi-down-convert';
import { stringify } from 'yaml';

type Info = { summary?: string; description?: string; license?: { name: string; identifier?: string; url?: string } };
type Document = { openapi: string; info: Info } & Record<string, unknown>;

function infoFor30(info: Info): Info {
  const { summary, license, ...rest } = info;
  const out: Info = { ...rest };
  if (summary !== undefined) out.description = rest.description ? `${summary}\n\n${rest.description}` : summary;
  if (license) {
    const { identifier, ...named } = license;
    out.license = identifier !== undefined && named.url === undefined ? { ...named, url: `https://spdx.org/licenses/${identifier}.html` } : named;
  }
  return out;
}

/** A 3.0.3 copy of a 3.1 document; the input is not modified. */
export function toOpenApi30(doc: Document): Document {
  const source = structuredClone(doc);
  source.info = infoFor30(source.info);
  return new Converter(source, { verbose: false }).convert() as Document;
}

export const paths = {
  source: fileURLToPath(new URL('../dist/openapi.json', import.meta.url)),
  json: fileURLToPath(new URL('../dist/openapi-3.0.json', import.meta.url)),
  yaml: fileURLToPath(new URL('../dist/openapi-3.0.yaml', import.meta.url)),
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const converted = toOpenApi30(JSON.parse(readFileSync(paths.source, 'utf8')) as Document);
  writeFileSync(paths.json, `${JSON.stringify(converted, null, 2)}\n`);
  writeFileSync(paths.yaml, stringify(converted, { lineWidth: 0 }));
  console.log(`OpenAPI ${converted.openapi} copy: dist/openapi-3.0.json, dist/openapi-3.0.yaml`);
}
