// The mock's core: a fetch-shaped handler, `(request: Request) => Promise<Response>`, for
// `/v1/...` paths. It never sees a socket: node.ts serves it over node:http, api.ts calls it in
// process, src/msw/ hands it to MSW.
//
// Order of checks: faults (a gateway's), route (404, 405 with `Allow`), token (401/403), body size
// (413), then parameters, headers and body (400 naming every problem in a stable order: the
// spec's parameter order, then the body). The body is read only after the token is accepted.
// Query parameters the spec does not define are ignored (the sources document no error for them).
// Messages are English whatever `Accept-Language` says.
import { randomUUID } from 'node:crypto';
import { createSpecValidator, loadBundledSpec, type Issue, type OpenApiDocument, type ValidatedRequest } from '../validation/index.js';
import { corsHeaders, checkCorsOption, preflightHeaders } from './cors.js';
import { errorBody, ErrorCodes } from './errors.js';
import { createFaultInjector, type FaultOptions } from './faults.js';
import { negotiateLanguage, type Language } from './language.js';
import type { FetchHandler } from './node.js';
import { bufferedResponse } from './response.js';
import type { SearchQuery } from './search.js';
import type { User } from './seed.js';
import { createUserStore, UnknownAccountsError, type AccountType, type UserStore } from './store.js';

export type { FetchHandler };

export type TokenVerdict = 'ok' | 'invalid' | 'forbidden';

/** One answered request: what the mock received (token redacted) and what it sent. */
export type MockExchange = {
  method: string;
  /** Path and query string, as received. */
  url: string;
  status: number;
  /** The response's headers and body text. */
  headers: Record<string, string>;
  body: string;
  request: {
    /** Header names in lower case; `x-access-token` is `[REDACTED]`. */
    headers: Record<string, string>;
    /** The body text as received (undefined when none was read); a token in it is redacted. */
    body: string | undefined;
  };
  /** The language picked from `Accept-Language` (undefined when the request did not get that far). */
  language: Language | undefined;
  /** From the request's arrival to the response, injected latency included. */
  durationMs: number;
};

export type MockOptions = {
  /** Seed of the generated users (default 1) and their number (default 1000). */
  seed?: number;
  userCount?: number;
  /** Your own directory instead of generated users; each record is checked against the spec's user schema. */
  users?: readonly User[];
  /** Largest page returned; a larger `limit` gets fewer records. Default: no cap. */
  maxLimit?: number;
  /** Only this token is accepted; any other gets 401 USG.000000004. Default: any non-empty token. */
  requireToken?: string;
  /** Decides what a (non-empty) token may do, after `requireToken`; default: `ok`. */
  authenticate?: (token: string) => TokenVerdict;
  faults?: FaultOptions;
  /** Answer browsers on this origin (e.g. `http://localhost:5173`, or `*`): CORS headers and preflight. Default: off. */
  cors?: string;
  /** Largest request body, in bytes (default 1 MiB): a larger one gets 413. */
  maxBodyBytes?: number;
  /** The document to serve; default: dist/openapi.json. */
  spec?: OpenApiDocument;
  /** Called with every exchange, once its response is made (a per-request log hook). */
  onExchange?: (exchange: MockExchange) => void;
};

export type MockFetchHandler = FetchHandler & { store: UserStore };

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** Problems named one by one in a 400; the rest are counted. Keeps an error body to a few kB. */
const SHOWN_PROBLEMS = 20;
const MAX_PROBLEM_CHARS = 200;
const MAX_REQUEST_ID_CHARS = 256;
const JSON_TYPE = 'application/json;charset=UTF-8';
const REDACTED = '[REDACTED]';

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** The first problems, each cut short, and how many there were in all. */
export function describeIssues(issues: readonly Issue[]): string {
  const named = issues.slice(0, SHOWN_PROBLEMS).map((i) => cut(`${i.name} ${i.message}`, MAX_PROBLEM_CHARS));
  const rest = issues.length - named.length;
  return `${named.join('; ')}${rest > 0 ? `; and ${rest} more (${issues.length} problems in all)` : ''}`;
}

function checkOptions(options: MockOptions): void {
  for (const [name, min] of [['maxLimit', 1], ['userCount', 0], ['seed', 0], ['maxBodyBytes', 1]] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isInteger(value) && value >= min)) throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  }
  if (options.requireToken !== undefined && options.requireToken.trim() === '') throw new RangeError('requireToken must not be empty');
  if (options.cors !== undefined) checkCorsOption(options.cors);
}

function checkUsers(users: readonly User[], validate: (schema: unknown, value: unknown) => string[], schema: unknown): void {
  if (!Array.isArray(users)) throw new TypeError('users must be an array of users (the SearchUserResultDTO of the spec)');
  const problems: string[] = [];
  users.forEach((user, i) => {
    for (const message of validate(schema, user)) problems.push(`users[${i}]${message.startsWith('(root)') ? message.slice('(root)'.length) : message}`);
  });
  if (problems.length > 0) {
    throw new TypeError(`users does not keep to the spec's SearchUserResultDTO: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}`);
  }
}

async function readBody(request: Request, limit: number): Promise<string | undefined> {
  if (!request.body) return undefined;
  const declared = request.headers.get('content-length');
  // Refused before a byte of it is read.
  if (declared !== null && Number(declared) > limit) throw new HttpError(413, ErrorCodes.placeholder, `body must not exceed ${limit} bytes`);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Stop reading at the limit: the rest is never buffered.
      await reader.cancel();
      throw new HttpError(413, ErrorCodes.placeholder, `body must not exceed ${limit} bytes`);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
}

type Answer = { status: number; body?: string | Uint8Array; headers?: Record<string, string> };

export function createMockFetchHandler(options: MockOptions = {}): MockFetchHandler {
  checkOptions(options);
  const spec = options.spec ?? loadBundledSpec();
  const validator = createSpecValidator(spec, {
    // A server reads any well-formed list; the spec's enum is what a client should send.
    parsers: { 'Accept-Language': negotiateLanguage },
    // Stricter than the spec, which gives no bounds: a negative offset or a limit below 1 has no meaning.
    refine: {
      offset: (value) => ((value as number) < 0 ? 'must be >= 0' : undefined),
      limit: (value) => ((value as number) < 1 ? 'must be >= 1' : undefined),
    },
  });
  if (options.users) checkUsers(options.users, validator.validateValue, (spec.components.schemas ?? {}).SearchUserResultDTO);
  const store = createUserStore(options);
  const faults = createFaultInjector(options.faults);
  const authenticate = options.authenticate ?? (() => 'ok' as const);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const tokenGuard = options.requireToken;

  function answer(validated: ValidatedRequest): Answer {
    if (validated.operationId === 'SearchUsers') {
      return { status: 200, body: store.searchJson(validated.query as SearchQuery) };
    }
    const status = validated.path.value as 0 | 1;
    const accountType = (validated.query.accountType ?? 0) as AccountType;
    try {
      store.setStatus(status, validated.body as string[], accountType);
    } catch (error) {
      if (error instanceof UnknownAccountsError) throw new HttpError(400, ErrorCodes.userNotFound, error.message);
      throw error;
    }
    return { status: 200 };
  }

  type Progress = { body: string | undefined; language: Language | undefined; head: boolean };

  async function handle(request: Request, url: URL, progress: Progress): Promise<Answer | 'drop'> {
    const fault = faults.next();
    const delay = faults.delayMs();
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (fault.kind === 'drop') return 'drop';
    if (fault.kind === 'status') {
      const messages = { 500: 'Server exception.', 503: 'Service unavailable.', 429: 'Too many requests.' };
      const extra: Record<string, string> = fault.status === 429 ? { 'retry-after': String(options.faults?.retryAfterSeconds ?? 1) } : {};
      throw new HttpError(fault.status, ErrorCodes.placeholder, messages[fault.status], extra);
    }

    const method = request.method.toUpperCase();
    const found = validator.findByPath(method === 'HEAD' ? 'GET' : method, url.pathname);
    if (!found) throw new HttpError(404, ErrorCodes.placeholder, `no operation has the path ${cut(url.pathname, 200)}`);
    const allow = found.methods.includes('GET') ? [...found.methods, 'HEAD'] : found.methods;
    if (method === 'OPTIONS' && options.cors !== undefined && request.headers.has('access-control-request-method')) {
      return { status: 204, headers: preflightHeaders(allow) };
    }
    if (!found.operation) {
      throw new HttpError(405, ErrorCodes.placeholder, `${cut(method, 20)} is not allowed on ${found.template}`, { allow: allow.join(', ') });
    }
    progress.head = method === 'HEAD';

    const missing = validator.securityIssues(found.operation, request.headers);
    if (missing.length > 0) throw new HttpError(401, ErrorCodes.tokenInvalid, `${describeIssues(missing)}: send a valid access token.`);
    const token = request.headers.get('x-access-token') ?? '';
    const verdict = tokenGuard !== undefined && token !== tokenGuard ? 'invalid' : authenticate(token);
    if (verdict === 'invalid') throw new HttpError(401, ErrorCodes.tokenInvalid, 'The token is invalid or has expired.');
    if (verdict === 'forbidden') throw new HttpError(403, ErrorCodes.placeholder, 'Insufficient permissions.');

    progress.body = await readBody(request, maxBodyBytes);
    const validated = validator.validateRequest(
      { method: progress.head ? 'GET' : method, url: url.pathname + url.search, headers: request.headers, body: progress.body },
      { skipSecurity: true },
    );
    progress.language = validated.header['Accept-Language'] as Language | undefined;
    if (validated.issues.length > 0) throw new HttpError(400, ErrorCodes.placeholder, `Invalid parameter: ${describeIssues(validated.issues)}`);
    return answer(validated);
  }

  function requestIdOf(request: Request): string {
    const given = request.headers.get('x-request-id');
    return given && given.length <= MAX_REQUEST_ID_CHARS ? given : randomUUID().replaceAll('-', '');
  }

  function record(request: Request, url: URL, progress: Progress, status: number, headers: Record<string, string>, body: string | Uint8Array, started: number): void {
    const token = request.headers.get('x-access-token');
    const hide = (text: string) => (token && token.length >= 8 ? text.split(token).join(REDACTED) : text);
    const requestHeaders: Record<string, string> = {};
    for (const [name, value] of request.headers) requestHeaders[name] = name === 'x-access-token' ? REDACTED : value;
    options.onExchange?.({
      method: request.method,
      url: hide(url.pathname + url.search),
      status,
      headers,
      // Decoded only when read: most hooks log the status line, not a 280 KB page.
      get body() {
        return typeof body === 'string' ? body : new TextDecoder().decode(body);
      },
      request: { headers: requestHeaders, body: progress.body === undefined ? undefined : hide(progress.body) },
      language: progress.language,
      durationMs: performance.now() - started,
    });
  }

  const handler = async (request: Request): Promise<Response> => {
    const started = performance.now();
    const url = new URL(request.url);
    const requestId = requestIdOf(request);
    const progress: Progress = { body: undefined, language: undefined, head: false };
    let result: Answer;
    try {
      const handled = await handle(request, url, progress);
      if (handled === 'drop') return Response.error();
      result = handled;
    } catch (error) {
      const known = error instanceof HttpError;
      const status = known ? error.status : 500;
      const message = known ? error.message : 'Server exception.';
      result = { status, body: JSON.stringify(errorBody(known ? error.code : ErrorCodes.placeholder, message, requestId)), headers: known ? error.headers : {} };
    }
    const body = result.body ?? '';
    const headers: Record<string, string> = { 'x-request-id': requestId, ...result.headers };
    if (result.status !== 204) headers['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
    if (result.body !== undefined) headers['content-type'] = JSON_TYPE;
    const cors = corsHeaders(options.cors, request.headers.get('origin'));
    if (cors) Object.assign(headers, cors);
    if (options.onExchange) {
      // A hook's own failure is not the request's: the answer goes out as it is.
      try {
        record(request, url, progress, result.status, headers, body, started);
      } catch {
        // ignored, as the client ignores its hooks' exceptions
      }
    }
    return bufferedResponse(progress.head || result.body === undefined ? null : body, { status: result.status, headers });
  };
  return Object.assign(handler, { store });
}
