// The mock as a node:http request listener for `/v1/...` paths: validates each request against
// the spec, answers it from the in-memory store, and injects faults when asked.
//
// Order of checks: faults (a gateway's), route (404/405), token (401/403), then parameters, headers
// and body (400, every problem named in `error_msg`). Query parameters the spec does not define are
// ignored (the sources document no error for them). Messages are
// English whatever `Accept-Language` says.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSpecValidator, loadBundledSpec, type Issue, type OpenApiDocument, type ValidatedRequest } from '../validation/index.js';
import { errorBody, ErrorCodes } from './errors.js';
import { createFaultInjector, type FaultOptions } from './faults.js';
import type { SearchQuery } from './search.js';
import { createUserStore, UnknownAccountsError, type AccountType, type UserStore } from './store.js';

export type TokenVerdict = 'ok' | 'invalid' | 'forbidden';

/** One answered request, as sent on the wire (for tests that check everything the mock said). */
export type MockExchange = {
  method: string;
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
};

export type MockOptions = {
  /** Seed of the generated users (default 1) and their number (default 1000). */
  seed?: number;
  userCount?: number;
  /** Largest page returned; a larger `limit` gets fewer records. Default: no cap. */
  maxLimit?: number;
  /** Decides what a (non-empty) token may do; default: any token is valid (`ok`). */
  authenticate?: (token: string) => TokenVerdict;
  faults?: FaultOptions;
  /** The document to serve; default: dist/openapi.json. */
  spec?: OpenApiDocument;
  /** Called with every response the mock sends. */
  onExchange?: (exchange: MockExchange) => void;
};

export type MockHandler = ((req: IncomingMessage, res: ServerResponse) => void) & { store: UserStore };

const MAX_BODY_BYTES = 1024 * 1024;
const JSON_TYPE = 'application/json;charset=UTF-8';

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

function describe(issues: Issue[]): string {
  return issues.map((i) => `${i.name} ${i.message}`).join('; ');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  // An oversized body is drained, not kept, so the client still reads the 400.
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (size > MAX_BODY_BYTES) throw new HttpError(400, ErrorCodes.placeholder, `body must not exceed ${MAX_BODY_BYTES} bytes`);
  return Buffer.concat(chunks).toString('utf8');
}

// The mock is stricter than the spec here: the spec gives no bounds, but a negative offset or a
// limit below 1 has no meaning, and a real server either rejects or silently rewrites them.
function checkPaging(query: SearchQuery): void {
  if (query.offset !== undefined && query.offset < 0) throw new HttpError(400, ErrorCodes.placeholder, 'offset must be >= 0');
  if (query.limit !== undefined && query.limit < 1) throw new HttpError(400, ErrorCodes.placeholder, 'limit must be >= 1');
}

function checkOptions(options: MockOptions): void {
  for (const [name, min] of [['maxLimit', 1], ['userCount', 0], ['seed', 0]] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isInteger(value) && value >= min)) throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  }
}

export function createMockHandler(options: MockOptions = {}): MockHandler {
  checkOptions(options);
  const validator = createSpecValidator(options.spec ?? loadBundledSpec());
  const store = createUserStore(options);
  const faults = createFaultInjector(options.faults);
  const authenticate = options.authenticate ?? (() => 'ok' as const);

  function send(req: IncomingMessage, res: ServerResponse, status: number, requestId: string, body?: unknown, extra: Record<string, string> = {}) {
    const text = body === undefined ? '' : JSON.stringify(body);
    const headers: Record<string, string> = { 'x-request-id': requestId, 'content-length': String(Buffer.byteLength(text)), ...extra };
    if (body !== undefined) headers['content-type'] = JSON_TYPE;
    res.writeHead(status, headers);
    res.end(text);
    options.onExchange?.({ method: req.method ?? 'GET', url: req.url ?? '/', status, headers, body: text });
  }

  function answer(validated: ValidatedRequest): { status: number; body?: unknown } {
    if (validated.operationId === 'SearchUsers') {
      const query = validated.query as SearchQuery;
      checkPaging(query);
      return { status: 200, body: store.search(query) };
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

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const body = await readBody(req);

    const fault = faults.next();
    const delay = faults.delayMs();
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (fault.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault.kind === 'status') {
      const messages = { 500: 'Server exception.', 503: 'Service unavailable.', 429: 'Too many requests.' };
      const extra: Record<string, string> = fault.status === 429 ? { 'retry-after': String(options.faults?.retryAfterSeconds ?? 1) } : {};
      throw new HttpError(fault.status, ErrorCodes.placeholder, messages[fault.status], extra);
    }

    const headers = req.headers as Record<string, string | string[] | undefined>;
    const validated = validator.validateRequest({ method, url, headers, body });
    const route = validated.issues.find((i) => i.in === 'operation');
    if (route) throw new HttpError(route.name === 'method' ? 405 : 404, ErrorCodes.placeholder, route.message);
    const missing = validated.issues.filter((i) => i.in === 'security');
    if (missing.length > 0) throw new HttpError(401, ErrorCodes.tokenInvalid, `${describe(missing)}: send a valid access token.`);
    const token = String(headers['x-access-token']);
    const verdict = authenticate(token);
    if (verdict === 'invalid') throw new HttpError(401, ErrorCodes.tokenInvalid, 'The token is invalid or has expired.');
    if (verdict === 'forbidden') throw new HttpError(403, ErrorCodes.placeholder, 'Insufficient permissions.');
    if (validated.issues.length > 0) throw new HttpError(400, ErrorCodes.placeholder, `Invalid parameter: ${describe(validated.issues)}`);

    const result = answer(validated);
    send(req, res, result.status, requestId, result.body);
  }

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && given !== '' ? given : randomBytes(16).toString('hex');
    handle(req, res, requestId).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return;
      if (error instanceof HttpError) {
        send(req, res, error.status, requestId, errorBody(error.code, error.message, requestId), error.headers);
      } else {
        send(req, res, 500, requestId, errorBody(ErrorCodes.placeholder, 'Server exception.', requestId));
      }
    });
  };
  return Object.assign(handler, { store });
}
