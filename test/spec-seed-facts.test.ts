// Proves that every fact of the seed pages (test/fixtures/seed-facts.ts) is in the bundled spec.
import { describe, expect, it } from 'vitest';
import {
  accountListFact, batchUpdateUserStatus, nullInSeedExample, pageFields, searchUsers, server, tokenHeader, userFields,
  type FieldFact, type OperationFact,
} from './fixtures/seed-facts.js';
import { loadBundledSpec } from './support/spec.js';

type Json = Record<string, unknown>;
const doc = loadBundledSpec() as unknown as Json;

function deref(node: unknown): Json {
  const ref = (node as { $ref?: string }).$ref;
  if (!ref) return node as Json;
  return deref(ref.slice(2).split('/').reduce<unknown>((at, key) => (at as Json)[key.replace(/~1/g, '/')], doc));
}

function get(node: unknown, ...keys: string[]): Json {
  return keys.reduce<Json>((at, key) => deref(at[key]), deref(node));
}

function expectSays(description: unknown, phrases: readonly string[], where: string) {
  // Descriptions are wrapped prose: compare with white space folded.
  const text = String(description).replace(/\s+/g, ' ');
  for (const phrase of phrases) expect(text, `${where} says "${phrase}"`).toContain(phrase);
}

function expectTyped(schema: Json, fact: { type: string; format?: string; enum?: readonly unknown[] }, where: string) {
  const types = ([] as unknown[]).concat(schema.type);
  expect(types, `${where} type`).toContain(fact.type);
  expect(schema.format, `${where} format`).toBe(fact.format);
  expect(schema.enum, `${where} enum`).toEqual(fact.enum);
}

describe.each([searchUsers, batchUpdateUserStatus])('$operationId carries the seed page', (op: OperationFact) => {
  const operation = get(doc, 'paths', op.path, op.method);

  it('has the operationId, method, path and description', () => {
    expect(operation.operationId).toBe(op.operationId);
    expectSays(operation.description, op.says, op.operationId);
  });

  it('has exactly the seed parameters, each with location, required, type, enum, default', () => {
    const params = (operation.parameters as unknown[]).map(deref);
    expect(params.map((p) => p.name)).toEqual(op.params.map((p) => p.name));
    for (const fact of op.params) {
      const param = params.find((p) => p.name === fact.name)!;
      const schema = deref(param.schema);
      expect(param.in, `${fact.name} in`).toBe(fact.in);
      expect(param.required ?? false, `${fact.name} required`).toBe(fact.required);
      expect(param.deprecated ?? false, `${fact.name} deprecated`).toBe(fact.deprecated ?? false);
      expect(schema.default, `${fact.name} default`).toEqual(fact.default);
      if (fact.type === 'array') {
        expect(schema.type).toBe('array');
        expect(deref(schema.items).enum).toEqual(fact.itemsEnum);
        expect([param.style, param.explode]).toEqual(['form', true]);
      } else {
        expectTyped(schema, fact, fact.name);
      }
      expectSays(param.description, fact.says, fact.name);
    }
  });

  it('has the seed status codes with their descriptions', () => {
    const responses = operation.responses as Json;
    expect(Object.keys(responses).sort()).toEqual(Object.keys(op.statuses).sort());
    for (const [status, text] of Object.entries(op.statuses)) {
      expect(String(deref(responses[status]).description), status).toContain(text);
    }
  });

  it('is protected by the X-Access-Token scheme', () => {
    const scheme = get(doc, 'components', 'securitySchemes', 'accessToken');
    expect(scheme).toMatchObject({ type: 'apiKey', in: 'header', name: tokenHeader.name });
    expectSays(scheme.description, tokenHeader.says, 'X-Access-Token');
    expect(operation.security ?? doc.security).toEqual([{ accessToken: [] }]);
  });
});

describe('the rest of the seed pages', () => {
  it('has the seed host as its server', () => {
    expect((doc.servers as Json[]).map((s) => s.url)).toEqual([server]);
  });

  it('has a required, non-empty array of strings as the PUT body and no 200 body', () => {
    const put = get(doc, 'paths', batchUpdateUserStatus.path, 'put');
    const body = deref(put.requestBody);
    expect(body.required).toBe(accountListFact.required);
    expectSays(body.description, accountListFact.says, 'request body');
    const schema = get(body, 'content', 'application/json', 'schema');
    expect(schema).toMatchObject({ type: 'array', minItems: 1 });
    expect(deref(schema.items).type).toBe(accountListFact.itemsType);
    expect(deref((put.responses as Json)['200']).content).toBeUndefined();
  });

  const page = get(doc, 'paths', searchUsers.path, 'get', 'responses', '200', 'content', 'application/json', 'schema');
  const user = get(page, 'properties', 'data', 'items');

  it.each(pageFields.map((f) => [f.name, f] as const))('has page field %s', (_name, fact: FieldFact) => {
    const schema = get(page, 'properties', fact.name);
    expectTyped(schema, fact, fact.name);
    expectSays(schema.description, fact.says, fact.name);
  });

  it('has SearchUserResultDTO with exactly the 25 seed fields', () => {
    expect(Object.keys(user.properties as Json).sort()).toEqual(userFields.map((f) => f.name).sort());
    expect(userFields).toHaveLength(25);
  });

  it.each(userFields.map((f) => [f.name, f] as const))('has SearchUserResultDTO.%s', (_name, fact: FieldFact) => {
    const schema = get(user, 'properties', fact.name);
    expectTyped(schema, fact, fact.name);
    expect(schema.minimum, `${fact.name} minimum`).toBe(fact.minimum);
    expect(schema.maximum, `${fact.name} maximum`).toBe(fact.maximum);
    expectSays(schema.description, fact.says, fact.name);
    const nullable = ([] as unknown[]).concat(schema.type).includes('null');
    expect(nullable, `${fact.name} allows null`).toBe((nullInSeedExample as readonly string[]).includes(fact.name));
  });
});
