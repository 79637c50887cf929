// The OpenAPI 3.0 copy that `npm run build:3.0` writes: valid 3.0 by an independent validator, and
// each place where 3.0 cannot say what 3.1 says converted the documented way.
import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { paths, toOpenApi30 } from '../../scripts/openapi-3.0.js';
import { loadBundledSpec } from '../support/spec.js';

type Json = Record<string, unknown>;
type Schema = Json & { properties: Record<string, Json> };
type Doc = Json & { openapi: string; info: Json; components: { schemas: Record<string, Schema>; examples: Json } };

const source = loadBundledSpec() as unknown as Doc;
const json = JSON.parse(readFileSync(paths.json, 'utf8')) as Doc;
const yaml = parse(readFileSync(paths.yaml, 'utf8')) as Doc;

/** Every schema object of a document, found by walking it (a schema is whatever has `type`). */
function schemasOf(node: unknown, found: Json[] = []): Json[] {
  if (Array.isArray(node)) for (const item of node) schemasOf(item, found);
  else if (node && typeof node === 'object') {
    if ('type' in node) found.push(node as Json);
    for (const value of Object.values(node)) schemasOf(value, found);
  }
  return found;
}

describe('dist/openapi-3.0', () => {
  it('is the current conversion of dist/openapi.json, the same in JSON and YAML', () => {
    // Compared as JSON, the form the file holds (the converter clones through v8.serialize).
    expect(json).toEqual(JSON.parse(JSON.stringify(toOpenApi30(source))));
    expect(yaml).toEqual(json);
  });

  it.each([['json', paths.json], ['yaml', paths.yaml]])('the %s file is valid OpenAPI 3.0 for @seriousme/openapi-schema-validator', async (_kind, file) => {
    const validator = new Validator();
    const result = await validator.validate(file);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.0');
  });

  it('the validator refuses the 3.1 bundle read as 3.0, so the check above can fail', async () => {
    const result = await new Validator().validate({ ...source, openapi: '3.0.3' });
    expect(result.valid).toBe(false);
  });

  it("turns every `type: [x, 'null']` into `type: x, nullable: true`, and no other", () => {
    const before = source.components.schemas.SearchUserResultDTO!.properties;
    const after = json.components.schemas.SearchUserResultDTO!.properties;
    const nullable = Object.keys(before).filter((name) => ([] as unknown[]).concat(before[name]!.type).includes('null'));
    expect(nullable.sort()).toEqual(['activeCode', 'activeCodeExpireTime', 'expireTime', 'visionAccount']);
    for (const name of Object.keys(before)) {
      const types = ([] as unknown[]).concat(before[name]!.type);
      const nonNull = types.filter((type) => type !== 'null');
      expect(after[name]!.type, name).toBe(nonNull[0]);
      expect(after[name]!.nullable, name).toBe(nullable.includes(name) ? true : undefined);
    }
    expect(after.activeCodeExpireTime).toMatchObject({ type: 'integer', format: 'int64', nullable: true });
    expect(schemasOf(json).filter((schema) => Array.isArray(schema.type))).toEqual([]);
  });

  it('keeps the examples of media types and parameters (3.0 has them) unchanged', () => {
    expect(json.components.examples).toEqual(source.components.examples);
    const op = (doc: Doc) => ((doc.paths as Json)['/v1/usg/dcs/corp/member'] as Json).get as Json;
    expect(JSON.stringify(op(json).responses)).toBe(JSON.stringify(op(source).responses));
  });

  it('turns a schema `examples` list (3.1 only) into its first item as `example`', () => {
    const withExamples = structuredClone(source);
    withExamples.components.schemas.SearchUserResultDTO!.properties.title!.examples = ['manager', 'engineer'];
    const title = toOpenApi30(withExamples).components as Doc['components'];
    expect(title.schemas.SearchUserResultDTO!.properties.title).toEqual({ type: 'string', description: 'Job title.', example: 'manager' });
  });

  it('is exported by the package and shipped in its files', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { exports: Json; files: string[] };
    expect(pkg.exports['./openapi-3.0.json']).toBe('./dist/openapi-3.0.json');
    expect(pkg.exports['./openapi-3.0.yaml']).toBe('./dist/openapi-3.0.yaml');
    expect(pkg.files).toEqual(expect.arrayContaining(['dist/openapi-3.0.json', 'dist/openapi-3.0.yaml']));
  });

  it('keeps info.summary as the first paragraph and names the licence by its SPDX URL', () => {
    expect(json.openapi).toBe('3.0.3');
    expect(json.info).not.toHaveProperty('summary');
    expect(json.info.description).toBe(`${String(source.info.summary)}\n\n${String(source.info.description)}`);
    expect(json.info.license).toEqual({ name: 'Apache-2.0', url: 'https://spdx.org/licenses/Apache-2.0.html' });
  });
});
