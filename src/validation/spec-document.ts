// The bundled OpenAPI document (dist/openapi.json, written by `npm run bundle`): the one file the
// mock, the response validator and the tests read the contract from.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Resolves to <package>/dist/openapi.json from src/validation/ and from the built dist/validation/. */
export const bundledSpecPath = fileURLToPath(new URL('../../dist/openapi.json', import.meta.url));

export type OpenApiDocument = {
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
  security?: Record<string, string[]>[];
  [key: string]: unknown;
};

export function loadBundledSpec(path: string = bundledSpecPath): OpenApiDocument {
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: run \`npm run bundle\` first (npm test does).`);
  }
  return JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument;
}

/** Follows a local `$ref` ("#/components/...") chain to the node it names. */
export function deref<T>(doc: OpenApiDocument, node: T): T {
  const ref = (node as { $ref?: unknown } | null | undefined)?.$ref;
  if (typeof ref !== 'string') return node;
  if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported, got ${ref}`);
  const target = ref
    .slice(2)
    .split('/')
    .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  if (target === undefined) throw new Error(`Unresolved $ref ${ref}`);
  return deref(doc, target as T);
}
