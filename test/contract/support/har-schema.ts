// Validates HAR documents against the HAR 1.2 JSON schema of `har-schema` (draft-06) with the
// project's Ajv. Not `har-validator`: it is deprecated and brings Ajv 6 along.
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);
const schemas = require('har-schema') as Record<string, { $id: string }>;
const draft06 = require('ajv/dist/refs/json-schema-draft-06.json') as object;

// strict: false, because the schema uses keywords that are no JSON Schema keywords ("optional", "min").
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addMetaSchema(draft06);
for (const schema of Object.values(schemas)) ajv.addSchema(schema);
const validate = ajv.getSchema('har.json#')!;

export function harProblems(document: unknown): string[] {
  return validate(document) ? [] : (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
