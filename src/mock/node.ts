// node:http ⇄ fetch: serves any fetch-shaped handler from a node:http server (the mock, the docs
// server). Written here rather than taken from @hono/node-server or srvx: those replace the global
// Response or wrap requests in proxies, and neither promises what this adapter must, namely that
// no request target, however malformed, and no exception inside one request takes the server down.
//
// - A target that is not a path (`http://[::1/`, `*`) gets 400; any path, however odd
//   (`//a:99999/`, `//[/openapi.json`, bad percent escapes), reaches the handler, which 404s it.
// - A handler that throws or rejects gets 500 (or the connection closed, if headers went out).
// - A `Response.error()` closes the connection without an answer (the mock's dropped connection).
// - The body is read only when the handler reads it. An answer sent before the body was read whole
//   closes the connection (`Connection: close`) and discards the rest, instead of buffering it.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { drainedOrGone } from '../drain.js';
import { bufferedBody } from './response.js';

/** What the mock's core reads of a request; a `Request` has all of it. */
export type PlainRequest = { method: string; url: string; headers: Headers; body: ReadableStream<Uint8Array> | null };

/** An answer held in memory (`null` body: none), or `'drop'`: close the connection without one. */
export type PlainAnswer = { status: number; headers: Record<string, string>; body: string | Uint8Array | null } | 'drop';

/**
 * A fetch handler may carry its core under this key. The adapter then calls the core and writes its
 * answer, building neither a Request nor a Response: over HTTP the two cost the mock more than its
 * own work on a page (profiled for issue 14). The core must answer as the handler would.
 */
export const PLAIN_HANDLER = Symbol.for('huawei-meeting-users.plain-handler');

export type FetchHandler = ((request: Request) => Promise<Response>) & { [PLAIN_HANDLER]?: (request: PlainRequest) => Promise<PlainAnswer> };

export type NodeListenerOptions = {
  /** Called with what a request made the adapter answer 500 (never with the request itself). */
  onError?: (error: unknown) => void;
};

const PLAIN = { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' };

function fail(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { ...PLAIN, 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

/** The request's URL, or undefined when its target is neither a path nor an absolute http(s) URL. */
function urlOf(req: IncomingMessage): string | undefined {
  const target = req.url ?? '';
  // Origin form: whatever follows the slash is path and query, which URL parsing cannot fail on.
  if (target.startsWith('/')) return `http://localhost${target}`;
  try {
    const url = new URL(target);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

type NodeBody = { stream: ReadableStream<Uint8Array>; discard(): void };

function bodyOf(req: IncomingMessage): NodeBody {
  let dropping = false;
  let close = () => undefined as void;
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        close = () => controller.close();
        req.on('data', (chunk: Buffer) => {
          if (dropping) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once('end', () => dropping || controller.close());
        req.once('error', (error) => dropping || controller.error(error));
        req.pause();
      },
      pull() {
        req.resume();
      },
      cancel() {
        dropping = true;
        req.resume();
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
  return {
    stream,
    // Flowing with no one keeping the chunks: the rest of the body is read and dropped.
    discard() {
      if (dropping) return;
      dropping = true;
      try {
        close();
      } catch {
        // already closed or errored: nothing is queued any more either way
      }
      req.resume();
    },
  };
}

// The methods fetch refuses to represent (a Request would throw for them).
const FORBIDDEN_METHOD = /^(?:CONNECT|TRACE|TRACK)$/i;

/** The request as fetch has it, with a Request's checks, but not (yet) a Request. */
function plainOf(req: IncomingMessage, url: string): { request: PlainRequest; discard(): void } {
  const method = req.method ?? 'GET';
  if (FORBIDDEN_METHOD.test(method)) throw new TypeError(`fetch cannot represent the method ${method}`);
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  const hasBody = method !== 'GET' && method !== 'HEAD' && (req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0);
  if (!hasBody) return { request: { method, url, headers, body: null }, discard: () => req.resume() };
  const body = bodyOf(req);
  return { request: { method, url, headers, body: body.stream }, discard: body.discard };
}

function toRequest({ method, url, headers, body }: PlainRequest): Request {
  if (!body) return new Request(url, { method, headers });
  // `duplex` is required with a stream body, and missing from TypeScript's RequestInit.
  const init: RequestInit & { duplex: 'half' } = { method, headers, body, duplex: 'half' };
  return new Request(url, init);
}

function writePlain(req: IncomingMessage, res: ServerResponse, answer: PlainAnswer, discard: () => void): void {
  if (answer === 'drop') {
    req.socket.destroy();
    return;
  }
  const headers: Record<string, string> = answer.headers;
  if (!req.complete) headers.connection = 'close';
  res.writeHead(answer.status, headers);
  res.end(answer.body ?? undefined);
  if (!req.complete) discard();
}

async function write(req: IncomingMessage, res: ServerResponse, response: Response, discard: () => void): Promise<void> {
  if (response.type === 'error') {
    req.socket.destroy();
    return;
  }
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of response.headers) headers[name] = value;
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  if (!req.complete) headers.connection = 'close';
  const buffered = bufferedBody(response);
  if (buffered !== undefined || !response.body) {
    res.writeHead(response.status, headers);
    res.end(buffered);
  } else {
    res.writeHead(response.status, headers);
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // A client that went away never drains: stop reading the body then.
      if (!res.write(value)) await drainedOrGone(res);
      if (res.destroyed) {
        await reader.cancel();
        return;
      }
    }
    res.end();
  }
  if (!req.complete) discard();
}

/** A node:http request listener that serves `handler`. */
export function toNodeListener(handler: FetchHandler, options: NodeListenerOptions = {}): RequestListener {
  return (req, res) => {
    const url = urlOf(req);
    if (url === undefined) {
      fail(res, 400, 'Bad request target: expected a path, such as /.\n');
      return;
    }
    const core = handler[PLAIN_HANDLER];
    let plain: { request: PlainRequest; discard(): void };
    let request: Request | undefined;
    try {
      plain = plainOf(req, url);
      if (!core) request = toRequest(plain.request);
    } catch {
      fail(res, 400, 'Bad request: a method or header fetch cannot represent.\n');
      return;
    }
    const { discard } = plain;
    if (core) {
      Promise.resolve()
        .then(() => core(plain.request))
        .then((answer) => writePlain(req, res, answer, discard))
        .catch((error: unknown) => {
          options.onError?.(error);
          fail(res, 500, 'Internal server error.\n');
        });
      return;
    }
    Promise.resolve()
      .then(() => handler(request as Request))
      .then((response) => write(req, res, response, discard))
      .catch((error: unknown) => {
        options.onError?.(error);
        fail(res, 500, 'Internal server error.\n');
      });
  };
}
