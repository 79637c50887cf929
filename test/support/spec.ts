// The bundled spec (dist/openapi.json, written by `npm run bundle`) and a JSON Schema 2020-12
// validator over its components, shared by every test that checks a value against the spec.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const bundledSpecPath = fileURLToPath(new URL('../../dist/openapi.json', import.meta.url));

export type OpenApiDocument = {
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
};

export function loadBundledSpec(): OpenApiDocument {
  if (!existsSync(bundledSpecPath)) {
    throw new Error(`${bundledSpecPath} is missing: run \`npm run bundle\` first (npm test does).`);
  }
  return JSON.parse(readFileSync(bundledSpecPath, 'utf8')) as OpenApiDocument;
}

const SCHEMA_ID = 'openapi:components/schemas/';
const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

/** Compiles schemas of the document, resolving `#/components/...` refs against it. */
export function createSchemaValidator(doc: OpenApiDocument) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  addFormats.default(ajv);
  // OpenAPI's own formats: int32 bounds are real constraints; int64 values are JSON numbers.
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= INT32.min && n <= INT32.max });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addVocabulary(['example', 'xml', 'externalDocs', 'discriminator']);
  for (const [name, schema] of Object.entries(doc.components.schemas ?? {})) {
    ajv.addSchema(rebase(schema) as object, `${SCHEMA_ID}${name}`);
  }

  const cache = new Map<unknown, ValidateFunction>();
  return function validate(schema: unknown, value: unknown): string[] {
    let fn = cache.get(schema);
    if (!fn) {
      fn = ajv.compile(rebase(schema) as object);
      cache.set(schema, fn);
    }
    if (fn(value)) return [];
    return (fn.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`);
  };
}

// Local refs ("#/components/schemas/X") point into the document, not into the schema being compiled.
function rebase(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebase);
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) =>
        k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')
          ? [k, SCHEMA_ID + v.slice('#/components/schemas/'.length)]
          : [k, rebase(v)],
      ),
    );
  }
  return node;
}
