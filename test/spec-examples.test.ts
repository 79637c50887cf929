// Every example in the spec must satisfy its own schema: a wrong example fails the tests, not
// only the linters.
import { describe, expect, it } from 'vitest';
import { createSchemaValidator, loadBundledSpec } from './support/spec.js';

type Media = { schema?: unknown; example?: unknown; examples?: Record<string, { value?: unknown; $ref?: string }> };

const doc = loadBundledSpec();
const validate = createSchemaValidator(doc);

function deref<T>(node: T): T {
  const ref = (node as { $ref?: string } | undefined)?.$ref;
  if (!ref) return node;
  const target = ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((at, key) => (at as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  return deref(target as T);
}

type Case = { where: string; schema: unknown; value: unknown };

function examplesOf(where: string, holder: Media): Case[] {
  const cases: Case[] = [];
  if (holder.example !== undefined) cases.push({ where: `${where} example`, schema: holder.schema, value: holder.example });
  for (const [name, example] of Object.entries(holder.examples ?? {})) {
    cases.push({ where: `${where} examples.${name}`, schema: holder.schema, value: deref(example).value });
  }
  return cases;
}

function collectCases(): Case[] {
  const cases: Case[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, rawOp] of Object.entries(item)) {
      const op = rawOp as {
        parameters?: unknown[];
        requestBody?: { content?: Record<string, Media> };
        responses?: Record<string, unknown>;
      };
      const at = `${method.toUpperCase()} ${path}`;
      for (const rawParam of op.parameters ?? []) {
        const param = deref(rawParam) as Media & { name: string };
        cases.push(...examplesOf(`${at} parameter ${param.name}`, param));
      }
      for (const [type, media] of Object.entries(deref(op.requestBody)?.content ?? {})) {
        cases.push(...examplesOf(`${at} request body ${type}`, media));
      }
      for (const [status, rawResponse] of Object.entries(op.responses ?? {})) {
        const response = deref(rawResponse) as { content?: Record<string, Media>; headers?: Record<string, unknown> };
        for (const [type, media] of Object.entries(response.content ?? {})) {
          cases.push(...examplesOf(`${at} ${status} ${type}`, media));
        }
        for (const [name, header] of Object.entries(response.headers ?? {})) {
          cases.push(...examplesOf(`${at} ${status} header ${name}`, deref(header) as Media));
        }
      }
    }
  }
  return cases;
}

const cases = collectCases();

describe('spec examples', () => {
  it('has examples for every response with a body of both operations', () => {
    expect(cases.filter((c) => / 200 application\/json/.test(c.where)).length).toBeGreaterThanOrEqual(2);
    for (const status of ['400', '401', '403', '500']) {
      expect(cases.filter((c) => c.where.includes(` ${status} application/json`)).length).toBe(2);
    }
  });

  it.each(cases.map((c) => [c.where, c] as const))('%s satisfies its schema', (_where, c) => {
    expect(validate(c.schema, c.value)).toEqual([]);
  });

  it('rejects a value outside an enum (the validator is not a no-op)', () => {
    const page = deref((doc.paths['/v1/usg/dcs/corp/member'] as { get: { responses: Record<string, unknown> } }).get.responses['200']) as {
      content: Record<string, Media>;
    };
    const media = page.content['application/json']!;
    const seed = structuredClone(deref(media.examples!.SeedPage!).value) as { data: { userType: number }[] };
    seed.data[0]!.userType = 3;
    expect(validate(media.schema, seed)).not.toEqual([]);
  });
});
