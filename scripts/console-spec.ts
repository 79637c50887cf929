// Derives what the try-it console needs from the bundled spec: each operation's method, path,
// parameters (kind, allowed values, starting value) and body example, the servers, and the two
// headers the console fills itself (the token and a fresh request id).
import type { ConsoleOperation, ConsoleParameter, ConsoleSpec, ParameterKind } from '../docs/console/model.js';

type Node = Record<string, unknown>;
type Schema = { type?: string; enum?: Array<string | number>; default?: unknown; items?: Schema };
type Parameter = { name: string; in: string; required?: boolean; deprecated?: boolean; description?: string; schema?: Schema };

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;
const REQUEST_ID_HEADER = 'X-Request-Id';

function resolve<T>(doc: Node, node: unknown): T {
  const ref = (node as { $ref?: unknown } | undefined)?.$ref;
  if (typeof ref !== 'string') return node as T;
  if (!ref.startsWith('#/')) throw new Error(`console spec: only local $refs are supported, got ${ref}`);
  const target = ref
    .slice(2)
    .split('/')
    .reduce<unknown>((at, key) => (at as Node | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  if (target === undefined) throw new Error(`console spec: ${ref} points at nothing`);
  return resolve<T>(doc, target);
}

function kindOf(schema: Schema | undefined, name: string): ParameterKind {
  switch (schema?.type) {
    case 'array':
    case 'boolean':
    case 'integer':
    case 'number':
    case 'string':
      return schema.type;
    default:
      throw new Error(`console spec: parameter ${name} has a schema type the console cannot enter (${String(schema?.type)})`);
  }
}

/** The first sentence of a description, as a tooltip. */
function hintOf(description: string | undefined): string | undefined {
  const sentence = description?.split(/(?<=\.)\s/)[0]?.replace(/\s+/g, ' ').trim();
  return sentence === '' ? undefined : sentence;
}

function parameterOf(parameter: Parameter): ConsoleParameter {
  if (parameter.in !== 'query' && parameter.in !== 'path' && parameter.in !== 'header') {
    throw new Error(`console spec: parameter ${parameter.name} is in ${parameter.in}, which the console does not send`);
  }
  const kind = kindOf(parameter.schema, parameter.name);
  const values = kind === 'array' ? parameter.schema?.items?.enum : parameter.schema?.enum;
  const out: ConsoleParameter = { name: parameter.name, in: parameter.in, required: parameter.required === true, kind };
  if (values) out.values = values;
  // A header the spec gives a default for (Accept-Language) starts filled in, so the browser's own
  // value is not what the server sees; query defaults are left to the server.
  if (parameter.in === 'header' && parameter.schema?.default !== undefined) out.initial = String(parameter.schema.default);
  if (parameter.deprecated) out.deprecated = true;
  const hint = hintOf(parameter.description);
  if (hint) out.hint = hint;
  return out;
}

function tokenHeaderOf(doc: Node): string {
  const schemes = Object.values((doc.components as { securitySchemes?: Record<string, unknown> } | undefined)?.securitySchemes ?? {});
  const apiKey = schemes
    .map((scheme) => resolve<{ type?: string; in?: string; name?: string }>(doc, scheme))
    .find((scheme) => scheme.type === 'apiKey' && scheme.in === 'header');
  if (!apiKey?.name) throw new Error('console spec: the spec has no apiKey security scheme in a header (the token)');
  return apiKey.name;
}

export function consoleSpecOf(doc: Node): ConsoleSpec {
  const operations: ConsoleOperation[] = [];
  for (const [path, rawItem] of Object.entries((doc.paths ?? {}) as Record<string, unknown>)) {
    const item = resolve<Node>(doc, rawItem);
    for (const method of METHODS) {
      const raw = item[method] as (Node & { operationId?: string; summary?: string; parameters?: unknown[]; requestBody?: unknown }) | undefined;
      if (!raw) continue;
      if (!raw.operationId) throw new Error(`console spec: ${method.toUpperCase()} ${path} has no operationId`);
      const parameters = [...((item.parameters as unknown[] | undefined) ?? []), ...(raw.parameters ?? [])]
        .map((parameter) => resolve<Parameter>(doc, parameter))
        // The console sends a fresh id itself: the spec's example id must never go out.
        .filter((parameter) => !(parameter.in === 'header' && parameter.name.toLowerCase() === REQUEST_ID_HEADER.toLowerCase()))
        .map(parameterOf);
      const operation: ConsoleOperation = { operationId: raw.operationId, summary: raw.summary ?? raw.operationId, method: method.toUpperCase(), path, parameters };
      type Body = { content?: Record<string, { example?: unknown; examples?: Record<string, unknown> }> };
      const json = raw.requestBody === undefined ? undefined : resolve<Body>(doc, raw.requestBody).content?.['application/json'];
      if (json) {
        const firstExample = Object.values(json.examples ?? {})[0];
        const example = json.example ?? (firstExample === undefined ? undefined : resolve<{ value?: unknown }>(doc, firstExample).value);
        operation.body = example === undefined ? '' : JSON.stringify(example, null, 2);
      }
      operations.push(operation);
    }
  }
  const servers = ((doc.servers ?? []) as Array<{ url: string; description?: string }>).map((server) => ({
    url: server.url,
    description: server.description ?? server.url,
  }));
  return { operations, servers, tokenHeader: tokenHeaderOf(doc), requestIdHeader: REQUEST_ID_HEADER };
}
