// One logical call: token, timeout, retries and logging around every attempt of one request, for the
// typed methods (`call`) and for openapi-fetch behind `raw` (`fetch`).
import { createQuerySerializer } from 'openapi-fetch';
import type { ResolvedConfig, ResponseLogEntry } from './config.js';
import { MeetingAbortError, MeetingError, MeetingNetworkError, MeetingTimeoutError, MeetingValidationError, type RequestContext } from './errors.js';
import type { SecretSet } from './redact.js';
import { apiError, malformed } from './response.js';
import { isRetryableStatus, backoffDelay, parseRetryAfter, retryDelay } from './retry.js';
import type { TokenSource } from './token.js';

export interface Shared {
  config: ResolvedConfig;
  secrets: SecretSet;
  tokens: TokenSource;
}

export interface CallSettings {
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Sent as `X-Request-Id` by `call`; `raw` requests carry their own headers. */
  requestId?: string | undefined;
}

/** What an exchange sends. */
interface Outgoing {
  url: string;
  method: string;
  headers: Headers;
  body: string | undefined;
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
   * batch reports such a chunk as unconfirmed, not failed.
   */
  pending = false;
  #timedOut = false;
  #release: (() => void) | undefined;
  readonly #signal: AbortSignal | undefined;
  readonly #timeoutMs: number;
  readonly #requestId: string | undefined;

  /** `statusOnly`: a 2xx is final as soon as it arrives; its body is dropped unread (it may stall or break). */
  constructor(
    private readonly shared: Shared,
    settings: CallSettings,
    private readonly statusOnly = false,
  ) {
    this.#timeoutMs = settings.timeoutMs ?? shared.config.timeoutMs;
    this.#signal = settings.signal;
    this.#requestId = settings.requestId;
  }

  /** A typed call: `query` serialised as openapi-fetch does, `body` sent as JSON. A non-2xx throws MeetingApiError. */
  async call(method: 'GET' | 'PUT', path: string, query: object | undefined, body?: unknown): Promise<Answer> {
    const search = serializeQuery(query ?? {});
    const headers = new Headers();
    if (this.#requestId !== undefined) headers.set('X-Request-Id', this.#requestId);
    if (body !== undefined) headers.set('Content-Type', 'application/json');
    const answer = await this.send({ url: `${this.shared.config.baseUrl}${path}${search ? `?${search}` : ''}`, method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!answer.response.ok) throw apiError(this.context, answer, this.shared.secrets);
    return answer;
  }

  /** The `fetch` openapi-fetch calls for `raw`: a real Response over the text read by `send`. */
  readonly fetch = async (request: Request): Promise<Response> => {
    const { response, text } = await this.send({ url: request.url, method: request.method, headers: request.headers, body: request.body === null ? undefined : await request.text() });
    const { status, statusText, headers } = response;
    return new Response(status === 204 || status === 304 ? null : text, { status, statusText, headers });
  };

  async send({ url, method, headers, body }: Outgoing): Promise<Answer> {
    const { config, tokens } = this.shared;
    const signal = this.#signal;
    // Node's fetch sends `Accept-Language: *` when none is set, which the API does not define.
    if (!headers.has('accept-language')) headers.set('Accept-Language', config.language);
    // One id per logical call, kept by every retry; the caller's own when given.
    let requestId = headers.get('x-request-id');
    if (requestId === null) headers.set('X-Request-Id', (requestId = crypto.randomUUID()));
    const target = new URL(url);
    this.context = { method, path: target.pathname, requestId };
    // A per-call baseUrl, a middleware or a path like "@host" could point `raw` elsewhere: the token stays home.
    if (target.origin !== config.origin) throw new MeetingValidationError([{ field: 'baseUrl', message: `must be the client's origin ${config.origin}` }]);
    let retries = 0;
    let reauthenticated = false;
    for (let attempt = 1; ; attempt++) {
      // Armed before the token: a provider that never settles is cut by the timeout or the caller's signal.
      const attemptSignal = this.#arm(signal);
      let started: number | undefined;
      let status: number | undefined;
      let again: number | undefined;
      try {
        headers.set('X-Access-Token', tokens.fixed ?? (await untilAborted(tokens.get(), attemptSignal)));
        // An abort while a provider was answering must not let the request go out.
        attemptSignal.throwIfAborted();
        this.#log(attempt);
        started = performance.now();
        this.pending = true;
        // `manual`: a redirect would carry X-Access-Token to wherever it points.
        const response = await config.fetch(url, { method, headers, body, signal: attemptSignal, redirect: 'manual' });
        status = response.status;
        this.pending = false;
        const retryable = isRetryableStatus(status);
        const retryAfterMs = retryable ? parseRetryAfter(response.headers.get('retry-after'), config.clock) : undefined;
        again =
          status === 401 && tokens.refreshable && !reauthenticated
            ? 0
            : retryable && retries < config.retry.maxRetries
              ? retryDelay(retries++, retryAfterMs, config.retry, config.clock)
              : undefined;
        if (again === undefined) {
          const text = this.statusOnly && response.ok ? (response.body?.cancel().catch(() => undefined), '') : await this.#read(response);
          this.#logDone(attempt, started, status, undefined);
          return { response, text, retryAfterMs };
        }
        this.#logDone(attempt, started, status, undefined);
        response.body?.cancel().catch(() => undefined);
      } catch (error) {
        const failure = this.failure(error);
        // Without `started`, the token failed: no attempt was made, and none is retried.
        if (started === undefined) throw failure;
        this.#logDone(attempt, started, status, failure);
        // Only a timeout or a network failure is worth another try (not an abort, not an oversized body).
        if (!(failure instanceof MeetingTimeoutError || failure instanceof MeetingNetworkError) || retries >= config.retry.maxRetries) throw failure;
        again = backoffDelay(retries++, config.retry, config.clock);
      } finally {
        this.#release?.();
      }
      if (status === 401) reauthenticated = true;
      if (again > 0) await this.#sleep(again, signal);
    }
  }

  /** The body as text; past maxResponseBytes the read stops there, so memory stays bounded. */
  async #read(response: Response): Promise<string> {
    const limit = this.shared.config.maxResponseBytes;
    const reader = response.body?.getReader();
    const decoder = new TextDecoder();
    let text = '';
    for (let size = 0, chunk; reader && !(chunk = await reader.read()).done; ) {
      if ((size += chunk.value.byteLength) > limit) {
        reader.cancel().catch(() => undefined);
        throw malformed(this.context, response, `the body is larger than maxResponseBytes (${limit})`, '', this.shared.secrets);
      }
      text += decoder.decode(chunk.value, { stream: true });
    }
    return text + decoder.decode();
  }

  /** The typed error for anything that went wrong while sending or reading. */
  failure(error: unknown): MeetingError {
    if (error instanceof MeetingError) return error;
    if (this.#signal?.aborted) return this.#abortError();
    if (this.#timedOut) return new MeetingTimeoutError({ ...this.context, timeoutMs: this.#timeoutMs });
    return new MeetingNetworkError({ ...this.context, cause: this.shared.secrets.error(error) });
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

  async #sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
    try {
      await this.shared.config.clock.sleep(ms, signal);
    } catch (error) {
      throw signal?.aborted ? this.#abortError() : error;
    }
  }

  #abortError(): MeetingAbortError {
    return new MeetingAbortError(this.context);
  }

  #log(attempt: number): void {
    const hook = this.shared.config.onRequest;
    if (hook) quietly(() => hook({ ...this.context, attempt }));
  }

  #logDone(attempt: number, started: number, status: number | undefined, error: MeetingError | undefined): void {
    const hook = this.shared.config.onResponse;
    if (!hook) return;
    const entry: ResponseLogEntry = { ...this.context, attempt, status, durationMs: performance.now() - started };
    if (error) entry.error = error;
    quietly(() => hook(entry));
  }
}

/** `promise`, or a rejection once `signal` aborts (the failure is then told apart by `Exchange.failure`). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', reject);
    promise.then(resolve, reject);
  });
}

/** Runs a logging hook: a logger must never break the call it observes. */
function quietly(hook: () => void): void {
  try {
    hook();
  } catch {
    // Ignored on purpose.
  }
}
