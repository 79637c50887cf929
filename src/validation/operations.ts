// Request and response validation against the operations of the bundled document: which
// operation a method and path name, and whether parameters, security, body, status and headers
// keep to it. Query and path values arrive as strings and are coerced by their schema's type first.
import { createSchemaValidator, type ValidateValue } from './schema-validator.js';
import { deref, type OpenApiDocument } from './spec-document.js';

/** One way a request or response breaks the contract; `name` is the field the caller got wrong. */
export type Issue = {
  in: 'path' | 'query' | 'header' | 'body' | 'security' | 'status' | 'operation';
  name: string;
  message: string;
};

export type HeadersInput = Headers | Record<string, string | string[] | number | undefined>;

export type RequestInput = {
  method: string;
  /** Path and query string, e.g. `/v1/usg/dcs/corp/member?limit=5`; an absolute URL works too. */
  url: string;
  headers: HeadersInput;
  /** Raw body text; undefined or empty when the request has none. */
  body?: string | undefined;
};

export type ValidatedRequest = {
  operationId: string | undefined;
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  header: Record<string, unknown>;
  body: unknown;
  issues: Issue[];
};

export type ResponseInput = {
  method: string;
  url: string;
  /** The spec's path template (e.g. openapi-fetch's `schemaPath`); when set, `url` is not matched. */
  template?: string;
  status: number;
  headers: HeadersInput;
  /** Raw body text. */
  body: string;
};

type Schema = { type?: string | string[]; items?: Schema; [key: string]: unknown };
type Parameter = { name: string; in: string; required?: boolean; schema?: Schema };
type MediaMap = Record<string, { schema?: unknown }>;
type Operation = {
  operationId?: string;
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
  security?: Record<string, string[]>[];
};
type Route = { template: string; pattern: RegExp; names: string[]; methods: Record<string, Operation>; allow: string[] };

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

export type SpecValidator = ReturnType<typeof createSpecValidator>;

/** What a caller reads from one parameter's raw strings instead of coercing them and checking its schema. */
export type ParameterParser = (values: string[]) => { value: unknown } | { message: string };

export type SpecValidatorOptions = {
  /**
   * Parameters (by name, case-insensitive) read by the caller's own parser instead of by their
   * schema: a server may accept more than the spec asks clients to send (the mock's
   * `Accept-Language`). The problem a parser reports keeps its parameter's place in the order.
   */
  parsers?: Record<string, ParameterParser>;
  /**
   * Checks (by parameter name) run on a value its schema accepted: a server may be stricter than
   * the spec (the mock's bounds on `offset` and `limit`). Return a message to reject the value.
   */
  refine?: Record<string, (value: unknown) => string | undefined>;
};

export type ValidateRequestOptions = {
  /** Leave out the security check (a caller that has already authenticated the request). */
  skipSecurity?: boolean;
};

/** The operation a method and path name: `operation` is undefined when the path exists but not the method. */
export type FoundOperation = {
  template: string;
  operation: Operation | undefined;
  pathValues: Record<string, string>;
  /** The path's methods, upper case, in the document's order (the `Allow` of a 405). */
  methods: string[];
};

export function createSpecValidator(doc: OpenApiDocument, options: SpecValidatorOptions = {}) {
  const validateValue = createSchemaValidator(doc);
  const routes = buildRoutes(doc);
  const resolved = new WeakMap<Operation, Parameter[]>();
  const parametersOf = (op: Operation): Parameter[] => {
    let params = resolved.get(op);
    if (!params) {
      params = (op.parameters ?? []).map((raw) => deref(doc, raw) as Parameter);
      resolved.set(op, params);
    }
    return params;
  };
  const parsers = new Map(Object.entries(options.parsers ?? {}).map(([name, parse]) => [name.toLowerCase(), parse]));

  function findOperation(method: string, url: string): FoundOperation | undefined {
    const pathname = parseTarget(url)?.pathname;
    if (pathname === undefined) return undefined;
    return findByPath(method, pathname);
  }

  function findByPath(method: string, pathname: string): FoundOperation | undefined {
    for (const route of routes) {
      const match = route.pattern.exec(pathname);
      if (!match) continue;
      const pathValues = Object.fromEntries(route.names.map((name, i) => [name, decode(match[i + 1] ?? '')]));
      return { template: route.template, operation: route.methods[method.toLowerCase()], pathValues, methods: route.allow };
    }
    return undefined;
  }

  /** The security problems of a request to `op` (empty when its token header is there). */
  function securityIssues(op: Operation, headers: HeadersInput): Issue[] {
    const issues: Issue[] = [];
    checkSecurity(doc, op, lowerCaseHeaders(headers), issues);
    return issues;
  }

  function validateRequest(input: RequestInput, validateOptions: ValidateRequestOptions = {}): ValidatedRequest {
    const result: ValidatedRequest = { operationId: undefined, path: {}, query: {}, header: {}, body: undefined, issues: [] };
    const target = parseTarget(input.url);
    if (!target) {
      result.issues.push({ in: 'operation', name: 'path', message: `no operation has the path ${JSON.stringify(input.url)} (not a valid request target)` });
      return result;
    }
    const found = findOperation(input.method, input.url);
    if (!found?.operation) {
      // `name` says what is wrong: the method (the path exists) or the path itself.
      const pathname = target.pathname;
      result.issues.push(
        found
          ? { in: 'operation', name: 'method', message: `${input.method.toUpperCase()} is not allowed on ${found.template}` }
          : { in: 'operation', name: 'path', message: `no operation has the path ${pathname}` },
      );
      return result;
    }
    const op = found.operation;
    result.operationId = op.operationId;
    const search = target.searchParams;
    const headers = lowerCaseHeaders(input.headers);

    if (!validateOptions.skipSecurity) checkSecurity(doc, op, headers, result.issues);
    // Parameters in the document's order, then the body: every problem, in the same order every time.
    for (const param of parametersOf(op)) {
      const schema = param.schema ?? {};
      let values: string[];
      if (param.in === 'query') values = search.getAll(param.name);
      else if (param.in === 'header') values = headers[param.name.toLowerCase()] ?? [];
      else if (param.in === 'path') values = [found.pathValues[param.name] ?? ''];
      else continue;
      const into = param.in === 'query' ? result.query : param.in === 'header' ? result.header : result.path;
      const parse = parsers.get(param.name.toLowerCase());
      if (parse) {
        const parsed = parse(values);
        if ('message' in parsed) result.issues.push(issue(param, parsed.message));
        else if (parsed.value !== undefined) into[param.name] = parsed.value;
        continue;
      }
      const coerced = coerceParameter(param, schema, values, result.issues);
      if (coerced === undefined) continue;
      const messages = validateValue(schema, coerced);
      const refined = messages.length === 0 ? options.refine?.[param.name]?.(coerced) : undefined;
      if (refined !== undefined) messages.push(refined);
      if (messages.length > 0) for (const m of messages) result.issues.push(issue(param, m));
      else into[param.name] = coerced;
    }
    result.body = checkBody(doc, validateValue, op, headers, input.body, result.issues);
    return result;
  }

  function validateResponse(input: ResponseInput): Issue[] {
    const issues: Issue[] = [];
    const op = input.template
      ? routes.find((r) => r.template === input.template)?.methods[input.method.toLowerCase()]
      : findOperation(input.method, input.url)?.operation;
    if (!op) return [{ in: 'operation', name: `${input.method.toUpperCase()} ${input.url}`, message: 'is not an operation of the spec' }];
    const responses = op.responses ?? {};
    const rawResponse = responses[String(input.status)] ?? responses[`${String(input.status)[0]}XX`] ?? responses.default;
    if (!rawResponse) return [{ in: 'status', name: String(input.status), message: `is not a documented status of ${op.operationId}` }];
    const response = deref(doc, rawResponse) as { headers?: Record<string, unknown>; content?: MediaMap };
    const headers = lowerCaseHeaders(input.headers);

    for (const [name, rawHeader] of Object.entries(response.headers ?? {})) {
      const header = deref(doc, rawHeader) as Parameter;
      const values = headers[name.toLowerCase()];
      if (!values) {
        if (header.required) issues.push({ in: 'header', name, message: 'is required' });
        continue;
      }
      const coerced = coerceParameter({ ...header, name, in: 'header' }, header.schema ?? {}, values, issues);
      if (coerced !== undefined) for (const m of validateValue(header.schema ?? {}, coerced)) issues.push({ in: 'header', name, message: m });
    }
    // A response without declared content: the spec tells clients to ignore any body it has.
    if (!response.content) return issues;
    checkContent(validateValue, response.content, headers, input.body, issues);
    return issues;
  }

  return { doc, validateValue, findOperation, findByPath, securityIssues, validateRequest, validateResponse };
}

/** The URL of a request target, or undefined when it does not parse (a raw client can send anything). */
function parseTarget(url: string): URL | undefined {
  try {
    return new URL(url, 'http://localhost');
  } catch {
    return undefined;
  }
}

/** A path segment decoded; left as sent when its percent-encoding is broken, so its schema check names it. */
function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function buildRoutes(doc: OpenApiDocument): Route[] {
  return Object.entries(doc.paths).map(([template, item]) => {
    const names: string[] = [];
    const source = template
      .split(/(\{[^}]+\})/)
      .map((part) => {
        if (part.startsWith('{') && part.endsWith('}')) {
          names.push(part.slice(1, -1));
          return '([^/]+)';
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('');
    const methods = Object.fromEntries(Object.entries(item).filter(([m]) => METHODS.includes(m))) as Record<string, Operation>;
    return { template, pattern: new RegExp(`^${source}/?$`), names, methods, allow: Object.keys(methods).map((m) => m.toUpperCase()) };
  });
}

function lowerCaseHeaders(input: HeadersInput): Record<string, string[]> {
  // No prototype: a header named `constructor` or `toString` must not find Object's members.
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  const entries: [string, unknown][] = input instanceof Headers ? [...input.entries()] : Object.entries(input);
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    const list = Array.isArray(value) ? value.map(String) : [String(value)];
    (out[name.toLowerCase()] ??= []).push(...list);
  }
  return out;
}

function issue(param: Parameter, message: string): Issue {
  const where = message.startsWith('(root) ') ? message.slice('(root) '.length) : message;
  return { in: param.in as Issue['in'], name: param.name, message: where };
}

function typeOf(schema: Schema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}

/** Turns the raw strings of one parameter into the value its schema describes, or reports why not. */
function coerceParameter(param: Parameter, schema: Schema, values: string[], issues: Issue[]): unknown {
  if (values.length === 0) {
    if (param.required) issues.push(issue(param, 'is required'));
    return undefined;
  }
  if (typeOf(schema) === 'array') {
    const items = values.map((v) => coerceScalar(schema.items ?? {}, v));
    const bad = items.findIndex((v) => v === undefined);
    if (bad >= 0) {
      issues.push(issue(param, `item ${bad} (${shown(values[bad] ?? '')}) must be ${typeOf(schema.items ?? {}) ?? 'valid'}`));
      return undefined;
    }
    return items;
  }
  if (values.length > 1) {
    issues.push(issue(param, 'must not be repeated'));
    return undefined;
  }
  const value = coerceScalar(schema, values[0] ?? '');
  if (value === undefined) issues.push(issue(param, `${shown(values[0] ?? '')} must be ${typeOf(schema) ?? 'valid'}`));
  return value;
}

/** A raw value as quoted in a message: long ones cut, so that a message stays short whatever was sent. */
function shown(raw: string): string {
  return JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);
}

function coerceScalar(schema: Schema, raw: string): unknown {
  switch (typeOf(schema)) {
    // Only the canonical form: `01` and `-0` are not taken as 1 and 0.
    case 'integer':
      return /^(?:0|-?[1-9]\d*)$/.test(raw) ? Number(raw) : undefined;
    case 'number':
      return raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : undefined;
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : undefined;
    default:
      return raw;
  }
}

function checkSecurity(doc: OpenApiDocument, op: Operation, headers: Record<string, string[]>, issues: Issue[]): void {
  const requirements = op.security ?? doc.security ?? [];
  if (requirements.length === 0) return;
  const schemes = (doc.components.securitySchemes ?? {}) as Record<string, { type?: string; in?: string; name?: string }>;
  // Any one requirement object satisfied is enough (OpenAPI's OR across the list).
  const missing: string[] = [];
  for (const requirement of requirements) {
    const names = Object.keys(requirement).flatMap((key) => {
      const scheme = schemes[key];
      if (scheme?.type !== 'apiKey' || scheme.in !== 'header' || !scheme.name) return [];
      return headers[scheme.name.toLowerCase()]?.some((v) => v.trim() !== '') ? [] : [scheme.name];
    });
    if (names.length === 0) return;
    missing.push(...names);
  }
  for (const name of new Set(missing)) issues.push({ in: 'security', name, message: 'is required' });
}

function mediaFor(content: MediaMap, contentType: string) {
  const base = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return content[base] ?? (base.endsWith('+json') ? content['application/json'] : undefined);
}

function bodyIssues(validateValue: ValidateValue, schema: unknown, body: unknown): Issue[] {
  return validateValue(schema ?? {}, body).map((m) => {
    const [path = '', ...rest] = m.split(' ');
    return { in: 'body' as const, name: path === '(root)' ? 'body' : `body${path}`, message: rest.join(' ') };
  });
}

function checkBody(
  doc: OpenApiDocument,
  validateValue: ValidateValue,
  op: Operation,
  headers: Record<string, string[]>,
  raw: string | undefined,
  issues: Issue[],
): unknown {
  const requestBody = op.requestBody ? (deref(doc, op.requestBody) as { required?: boolean; content?: MediaMap }) : undefined;
  if (!requestBody?.content) return undefined;
  if (raw === undefined || raw === '') {
    if (requestBody.required) issues.push({ in: 'body', name: 'body', message: 'is required' });
    return undefined;
  }
  return checkContent(validateValue, requestBody.content, headers, raw, issues);
}

/** Checks a body against the declared media types: content type, JSON syntax, schema. Returns the parsed body. */
function checkContent(validateValue: ValidateValue, content: MediaMap, headers: Record<string, string[]>, raw: string, issues: Issue[]): unknown {
  const contentType = headers['content-type']?.[0];
  const media = contentType ? mediaFor(content, contentType) : undefined;
  if (!media) {
    issues.push({ in: 'header', name: 'Content-Type', message: `${contentType ?? '(absent)'} is not one of ${Object.keys(content).join(', ')}` });
    return undefined;
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    issues.push({ in: 'body', name: 'body', message: 'is not valid JSON' });
    return undefined;
  }
  // A loop, not a spread: an array of 100,000 bad items gives as many issues, too many arguments for one call.
  for (const found of bodyIssues(validateValue, media.schema, body)) issues.push(found);
  return body;
}
