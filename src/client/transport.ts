// One logical call: token, timeout, retries and logging around every attempt of one request, for the
// typed methods (`call`) and for openapi-fetch behind `raw` (`fetch`).
import { createQuerySerializer } from 'openapi-fetch';
import type { ResolvedConfig, ResponseLogEntry } from './config.js';
import { MeetingAbortError, MeetingError, MeetingNetworkError, MeetingTimeoutError, MeetingValidationError, type RequestContext } from './errors.js';
import type { SecretSet } from './redact.js';
import { apiError, malformed } from './response.js';
import { backoffDelay, parseRetryAfter, retryDelay } from './retry.js';
import type { Token } from './token.js';

export interface Shared {
  config: ResolvedConfig;
  secrets: SecretSet;
  token: Token;
}

/** Request headers by lower-case name, as sent to fetch. */
type SentHeaders = Record<string, string>;

export interface CallSettings {
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Sent as `X-Request-Id` by `call`; `raw` requests carry their own headers. */
  requestId?: string | undefined;
}

/** The final response of a call, its body already read as text. */
export interface Answer {
  response: Response;
  text: string;
  /** What Retry-After asked for on a retryable status, in ms. */
  retryAfterMs?: number | undefined;
}

// The same serializer openapi-fetch uses by default (form, exploded arrays), made once.
const serializeQuery = createQuerySerializer();

/** Both operations set absolute values, so each of these is safe to repeat. */
const RETRYABLE_STATUSES = [429, 500, 502, 503, 504];

/**
 * Every attempt of one request: the same method, URL, headers (X-Request-Id included) and body are
 * re-sent by each retry.
 *
 * Each attempt reads the whole body before it counts as done: so the timeout covers the body too
 * (a stalled body is a timeout), and a body that fails midway is retried like any other network
 * failure, for typed and `raw` calls alike. The typed methods build no `Request` and go through no
 * openapi-fetch machinery: they are the bulk of the per-call cost on a loopback call.
 */
export class Exchange {
  /** Set when sending starts; read by the typed methods to describe a failure. */
  declare context: RequestContext;
  /**
   * True while the last attempt sent has no status: the server may or may not have applied it. A
   * batch reports such a chunk as unconfirmed, not failed. (Unset until an attempt is sent.)
   */
  declare pending?: boolean;
  /** Set by #arm for each attempt. */
  #timedOut: boolean | undefined;
  #release: (() => void) | undefined;
  readonly #shared: Shared;
  readonly #config: ResolvedConfig;
  readonly #signal: AbortSignal | undefined;
  readonly #timeoutMs: number;
  readonly #requestId: string | undefined;
  readonly #statusOnly: boolean;

  /** `statusOnly`: a 2xx is final as soon as it arrives; its body is dropped unread (it may stall or break). */
  constructor(shared: Shared, settings: CallSettings, statusOnly = false) {
    this.#shared = shared;
    this.#config = shared.config;
    this.#timeoutMs = settings.timeoutMs ?? shared.config.timeoutMs;
    this.#signal = settings.signal;
    this.#requestId = settings.requestId;
    this.#statusOnly = statusOnly;
  }

  /** A typed call: `query` serialised as openapi-fetch does, `body` sent as JSON. A non-2xx throws MeetingApiError. */
  async call(method: 'GET' | 'PUT', path: string, query: object | undefined, body?: string[]): Promise<Answer> {
    const search = serializeQuery(query ?? {});
    // Plain headers and a URL built from the client's own base: nothing to parse or check per call.
    const headers: SentHeaders = body ? { 'content-type': 'application/json' } : {};
    const answer = await this.#send(`${this.#config.baseUrl}${path}${search && `?${search}`}`, method, path, headers, body && JSON.stringify(body));
    if (!answer.response.ok) throw apiError(this.context, answer, this.#shared.secrets);
    return answer;
  }

  /** The `fetch` openapi-fetch calls for `raw`: a real Response over the text read by `send`. */
  async fetch(request: Request): Promise<Response> {
    const target = new URL(request.url);
    // A per-call baseUrl, a middleware or a path like ".evil.example" could point `raw` elsewhere: the token stays home.
    if (target.origin !== this.#config.origin) throw new MeetingValidationError([{ field: 'baseUrl', message: `must be the client's origin ${this.#config.origin}` }]);
    const headers: SentHeaders = Object.fromEntries(request.headers);
    const { response, text } = await this.#send(request.url, request.method, target.pathname, headers, request.body ? await request.text() : undefined);
    // An empty body as null: a 204 or 304 must have none, and an empty one reads the same. The
    // response itself is the init: its status, status text and headers.
    return new Response(text || null, response);
  }

  /** `headers` by lower-case name; the token, language and request id are added here. */
  async #send(url: string, method: string, path: string, headers: SentHeaders, body: string | undefined): Promise<Answer> {
    const config = this.#config;
    const { token } = this.#shared;
    const { retry, clock } = config;
    const signal = this.#signal;
    // Node's fetch sends `Accept-Language: *` when none is set, which the API does not define.
    headers['accept-language'] ??= config.language;
    // One id per logical call, kept by every retry: a raw request's own, the caller's, or a fresh one.
    const requestId = (headers['x-request-id'] ??= this.#requestId ?? crypto.randomUUID());
    this.context = { method, path, requestId };
    let retries = 0;
    let reauthenticated = false;
    for (let attempt = 1; ; attempt++) {
      // Armed before the token: a provider that never settles is cut by the timeout or the caller's signal.
      const attemptSignal = this.#arm(signal);
      let started: number | undefined;
      let status: number | undefined;
      let again: number | undefined;
      let failure: MeetingError | undefined;
      try {
        // The abort rejects with its Event: `failure` tells a timeout from the caller's abort by its flags.
        headers['x-access-token'] = typeof token === 'string' ? token : await Promise.race([token(), new Promise<never>((_, reject) => attemptSignal.addEventListener('abort', reject))]);
        // An abort while a provider was answering must not let the request go out.
        attemptSignal.throwIfAborted();
        this.#log(attempt);
        started = performance.now();
        this.pending = true;
        // `manual`: a redirect would carry X-Access-Token to wherever it points.
        const response = await config.fetch(url, { method, headers, body, signal: attemptSignal, redirect: 'manual' });
        status = response.status;
        this.pending = false;
        const retryable = RETRYABLE_STATUSES.includes(status);
        const retryAfterMs = retryable ? parseRetryAfter(response.headers.get('retry-after'), clock) : undefined;
        again =
          status === 401 && typeof token !== 'string' && !reauthenticated
            ? 0
            : retryable && retries < retry.maxRetries
              ? retryDelay(retries++, retryAfterMs, retry, clock)
              : undefined;
        if (again === undefined) {
          return { response, text: this.#statusOnly && response.ok ? (void response.body?.cancel().catch(quiet), '') : await this.#read(response), retryAfterMs };
        }
        response.body?.cancel().catch(quiet);
      } catch (error) {
        failure = this.failure(error);
        // Without `started`, the token failed: no attempt was made, and none is retried. Otherwise
        // only a timeout or a network failure is worth another try (not an abort, not an oversized body).
        if (started === undefined || !(failure instanceof MeetingTimeoutError || failure instanceof MeetingNetworkError) || retries >= retry.maxRetries) throw failure;
        again = backoffDelay(retries++, retry, clock);
      } finally {
        this.#release?.();
        // After the body was read (or failed): every attempt made is logged once, with its outcome.
        if (started !== undefined) this.#log(attempt, started, status, failure);
      }
      if (status === 401) reauthenticated = true;
      if (again > 0) {
        try {
          await clock.sleep(again, signal);
        } catch (error) {
          throw signal?.aborted ? new MeetingAbortError(this.context) : error;
        }
      }
    }
  }

  /**
   * The body as text, at most maxResponseBytes of it, counted as fetch yields it (inflated, when the
   * body is compressed), so memory stays bounded. Read with the stream's own reader (its async
   * iterator cost more per call than all of the client's own work) and decoded as it comes, so a
   * body dripped in tiny pieces is not kept as thousands of chunks.
   */
  async #read(response: Response): Promise<string> {
    const limit = this.#config.maxResponseBytes;
    const reader = response.body?.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let size = 0;
    for (let read; reader && !(read = await reader.read()).done; text += decoder.decode(read.value, { stream: true })) {
      if ((size += read.value.byteLength) > limit) {
        reader.cancel().catch(quiet);
        throw malformed(this.context, response, `the body is over maxResponseBytes (${limit})`, '', this.#shared.secrets);
      }
    }
    return text + decoder.decode();
  }

  /** The typed error for anything that went wrong while sending or reading. */
  failure(error: unknown): MeetingError {
    return error instanceof MeetingError
      ? error
      : this.#signal?.aborted
        ? new MeetingAbortError(this.context)
        : this.#timedOut
          ? new MeetingTimeoutError({ ...this.context, timeoutMs: this.#timeoutMs })
          : new MeetingNetworkError({ ...this.context, cause: this.#shared.secrets.error(error) });
  }

  /** A signal for one attempt, aborted by the timeout or by the caller's signal, until released. */
  #arm(signal: AbortSignal | undefined): AbortSignal {
    const controller = new AbortController();
    const abort = () => controller.abort();
    this.#timedOut = false;
    const timer = setTimeout(() => {
      this.#timedOut = true;
      abort();
    }, this.#timeoutMs);
    signal?.addEventListener('abort', abort);
    if (signal?.aborted) abort();
    this.#release = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    };
    return controller.signal;
  }

  /** Calls `onRequest` (no `started`) or `onResponse`; a logger must never break the call it observes. */
  #log(attempt: number, started?: number, status?: number, error?: MeetingError): void {
    const { onRequest, onResponse } = this.#config;
    if (!onRequest && !onResponse) return;
    const entry = { ...this.context, attempt };
    try {
      if (started === undefined) onRequest?.(entry);
      else if (onResponse) onResponse(Object.assign(entry, { status, durationMs: performance.now() - started }, error && { error }) satisfies ResponseLogEntry);
    } catch {
      // Ignored on purpose.
    }
  }
}

function quiet(): void {
  // A cancelled body's own failure does not matter.
}
