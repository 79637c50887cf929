// The mock in process, no socket: `createMockApi().fetch` is a drop-in `fetch` for tests.
//
//   const api = createMockApi({ userCount: 50, requireToken: 'secret' });
//   const client = createMeetingClient({ accessToken: 'secret', fetch: api.fetch });
//   ... expect(api.requests.at(-1)).toMatchObject({ method: 'PUT', status: 200 });
import { createMockFetchHandler, type MockExchange, type MockFetchHandler, type MockOptions } from './handler.js';
import type { Language } from './language.js';
import type { UserStore } from './store.js';

/** One exchange, for assertions. Holds no token: `x-access-token` is `[REDACTED]`. */
export type RecordedRequest = {
  method: string;
  /** Path and query string. */
  url: string;
  /** Request headers, names in lower case. */
  headers: Record<string, string>;
  /** Request body text (undefined when none was read: no body, or refused before it was read). */
  body: string | undefined;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
  /** The status the mock answered. */
  status: number;
  language: Language | undefined;
};

export type MockFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export type MockApi = {
  /** A drop-in fetch: any host (the production base URL works), or a bare path. */
  fetch: MockFetch;
  /** The fetch-shaped handler itself, for adapters (MSW, a server of your own). */
  handler: MockFetchHandler;
  store: UserStore;
  /** Every exchange so far, oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** Restores the initial directory and forgets the recorded requests. */
  reset(): void;
};

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function toRecordedRequest(exchange: MockExchange): RecordedRequest {
  const { method, url, status, request, language } = exchange;
  return { method, url, headers: request.headers, body: request.body, json: parseJson(request.body), status, language };
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

export function createMockApi(options: MockOptions = {}): MockApi {
  const requests: RecordedRequest[] = [];
  const handler = createMockFetchHandler({
    ...options,
    onExchange: (exchange) => {
      requests.push(toRecordedRequest(exchange));
      options.onExchange?.(exchange);
    },
  });

  const fetch: MockFetch = async (input, init) => {
    const target = typeof input === 'string' && input.startsWith('/') ? `http://localhost${input}` : input;
    const request = new Request(target, init);
    const signal = request.signal;
    if (signal.aborted) throw abortError(signal);
    // A caller's timeout or abort ends the call as it would with a real fetch.
    const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(abortError(signal)), { once: true }));
    const response = await Promise.race([handler(request), aborted]);
    // The mock's dropped connection, as fetch reports one.
    if (response.type === 'error') throw new TypeError('fetch failed', { cause: new Error('the mock closed the connection without an answer (faults.dropRate)') });
    return response;
  };

  return {
    fetch,
    handler,
    store: handler.store,
    get requests() {
      return requests;
    },
    reset() {
      handler.store.reset();
      requests.length = 0;
    },
  };
}
