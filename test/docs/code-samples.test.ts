// The code samples of samples/ against the spec: each curl command is read as a request and checked
// like one (method, URL, parameters, headers and body must be what the operation accepts), and the
// bundled spec must carry every sample as it is on disk. tsc checks the TypeScript samples.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { listOperations, readCodeSamples, sampleBaseName } from '../../scripts/code-samples.js';
import { createSchemaValidator, loadBundledSpec } from '../support/spec.js';
import { resolveRef } from './resolve-ref.js';

type Schema = { type?: string | string[]; items?: Schema; enum?: unknown[] };
type Parameter = { name: string; in: string; required?: boolean; schema: Schema };
type RawOperation = {
  parameters?: unknown[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  'x-codeSamples'?: unknown;
};

const doc = loadBundledSpec();
const validate = createSchemaValidator(doc);
const serverUrl = (doc.servers as { url: string }[])[0]?.url ?? '';
const operations = listOperations(doc);
const samples = readCodeSamples(operations.map((operation) => operation.operationId));

const resolve = <T>(node: T): T => resolveRef(doc, node);

/** The words of a shell command as the shell splits them (quotes, `\` line ends; no expansion). */
function shellWords(script: string): string[] {
  const command = script
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ');
  const words: string[] = [];
  for (const match of command.matchAll(/'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g)) {
    words.push(match[1] ?? match[2]?.replace(/\\(.)/g, '$1') ?? match[3] ?? '');
  }
  return words;
}

type CurlRequest = { method: string; url: URL; headers: Map<string, string>; data: string[]; flags: string[] };

/** Reads the curl options these samples use; any other option fails the test by name. */
function readCurl(words: string[]): CurlRequest {
  expect(words[0]).toBe('curl');
  const request: CurlRequest = { method: '', url: new URL('about:blank'), headers: new Map(), data: [], flags: [] };
  let get = false;
  for (let i = 1; i < words.length; i += 1) {
    const word = words[i] ?? '';
    const value = (): string => words[++i] ?? '';
    if (word === '--get' || word === '-G') get = true;
    else if (word === '--request' || word === '-X') request.method = value();
    else if (word === '--header' || word === '-H') {
      const [name = '', ...rest] = value().split(':');
      request.headers.set(name.trim().toLowerCase(), rest.join(':').trim());
    } else if (word === '--data' || word === '-d') request.data.push(value());
    else if (word.startsWith('-')) request.flags.push(word);
    else request.url = new URL(word);
  }
  if (get) {
    request.method ||= 'GET';
    for (const pair of request.data) request.url.search += `${request.url.search ? '&' : ''}${pair}`;
    request.data = [];
  }
  return request;
}

/** A query or path value as the server reads it: the type its schema declares. */
function typed(schema: Schema, raw: string): unknown {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'integer' || type === 'number') return Number(raw);
  if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

describe.each(operations)('the samples of $operationId', ({ path, method, operationId }) => {
  const raw = doc.paths[path]?.[method] as RawOperation;
  const parameters = (raw.parameters ?? []).map((parameter) => resolve(parameter) as Parameter);
  const own = samples.get(operationId) ?? [];
  const curl = own.find((sample) => sample.lang === 'curl');
  const typescript = own.find((sample) => sample.lang === 'TypeScript');

  it('are in the bundled spec, JSON and YAML, exactly as in samples/', () => {
    expect(raw['x-codeSamples']).toEqual(own);
    const yamlPath = fileURLToPath(new URL('../../dist/openapi.yaml', import.meta.url));
    const yamlDoc = parseYaml(readFileSync(yamlPath, 'utf8')) as typeof doc;
    expect((yamlDoc.paths[path]?.[method] as RawOperation)['x-codeSamples']).toEqual(own);
    expect(own.map((sample) => sample.lang)).toEqual(['curl', 'TypeScript']);
  });

  it(`curl (samples/${sampleBaseName(operationId)}.sh) sends a request the operation accepts`, () => {
    const request = readCurl(shellWords(curl?.source ?? ''));
    expect(request.flags, 'curl options other than --get/--request/--header/--data').toEqual([]);
    expect(request.method).toBe(method.toUpperCase());
    expect(request.url.origin).toBe(new URL(serverUrl).origin);

    // The path, with each {parameter} matched and checked against its schema.
    const names: string[] = [];
    const pattern = new RegExp(`^${path.replace(/\{([^}]+)\}/g, (_, name: string) => (names.push(name), '([^/]+)'))}$`);
    const match = pattern.exec(request.url.pathname);
    expect(match, `${request.url.pathname} is ${path}`).not.toBeNull();
    names.forEach((name, index) => {
      const parameter = parameters.find((p) => p.in === 'path' && p.name === name);
      expect(parameter, `path parameter ${name}`).toBeDefined();
      expect(validate(parameter?.schema, typed(parameter?.schema ?? {}, decodeURIComponent(match?.[index + 1] ?? '')))).toEqual([]);
    });

    // Every query key is a declared parameter, every value fits its schema (repeated keys: arrays).
    for (const key of new Set(request.url.searchParams.keys())) {
      const parameter = parameters.find((p) => p.in === 'query' && p.name === key);
      expect(parameter, `query parameter ${key}`).toBeDefined();
      const schema = parameter?.schema ?? {};
      const values = request.url.searchParams.getAll(key);
      const value = schema.type === 'array' ? values.map((v) => typed(schema.items ?? {}, v)) : typed(schema, values[0] ?? '');
      expect(validate(schema, value), `query ${key}=${values.join(',')}`).toEqual([]);
    }

    // The token comes from the environment, never a literal; other headers are declared ones.
    expect(request.headers.get('x-access-token')).toBe('$MEETING_TOKEN');
    for (const [name, value] of request.headers) {
      if (name === 'x-access-token' || name === 'content-type') continue;
      const parameter = parameters.find((p) => p.in === 'header' && p.name.toLowerCase() === name);
      expect(parameter, `header ${name}`).toBeDefined();
      expect(validate(parameter?.schema, value), `header ${name}: ${value}`).toEqual([]);
    }
    expect(request.headers.has('accept-language'), 'an explicit Accept-Language').toBe(true);

    // The body, when the operation takes one, in a declared media type and valid against its schema.
    if (raw.requestBody) {
      const type = request.headers.get('content-type') ?? '';
      const media = raw.requestBody.content[type];
      expect(media, `request body of type ${type}`).toBeDefined();
      expect(request.data).toHaveLength(1);
      expect(validate(media?.schema, JSON.parse(request.data[0] ?? 'null'))).toEqual([]);
    } else {
      expect(request.data).toEqual([]);
    }
  });

  it('never turns TLS verification off and never holds a token', () => {
    for (const sample of own) {
      expect(sample.source).not.toMatch(/(^|\s)(-k|--insecure)(?=\s|$)/m);
      expect(sample.source).toContain('MEETING_TOKEN');
    }
    expect(typescript?.source).toContain('process.env.MEETING_TOKEN');
  });
});
