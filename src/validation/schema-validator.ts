// JSON Schema 2020-12 validation (Ajv) of values against schemas of the bundled document.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { OpenApiDocument } from './spec-document.js';

const SCHEMA_ID = 'openapi:components/schemas/';
const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

/** Validates `value` against `schema` (a node of the document); returns messages, empty when valid. */
export type ValidateValue = (schema: unknown, value: unknown) => string[];

/** Compiles schemas of the document, resolving `#/components/schemas/...` refs against it. */
export function createSchemaValidator(doc: OpenApiDocument): ValidateValue {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  addFormats.default(ajv);
  // OpenAPI's own formats: int32 bounds are real constraints; int64 values are JSON numbers.
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= INT32.min && n <= INT32.max });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addVocabulary(['example', 'xml', 'externalDocs', 'discriminator']);
  for (const [name, schema] of Object.entries(doc.components.schemas ?? {})) {
    ajv.addSchema(rebase(schema) as object, `${SCHEMA_ID}${name}`);
  }

  // Keyed by the schema node itself: the document is parsed once, so identity is stable.
  const cache = new Map<unknown, ValidateFunction>();
  return function validate(schema, value) {
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
