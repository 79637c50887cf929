// The fetch given to openapi-fetch: token, timeout, retries and logging for one logical call.
import type { ResolvedConfig, ResponseLogEntry } from './config.js';
import { MeetingAbortError, MeetingError, MeetingNetworkError, MeetingTimeoutError, type RequestContext } from './errors.js';
import type { SecretSet } from './redact.js';
import { isRetryableStatus, backoffDelay, retryDelay } from './retry.js';
import type { TokenSource } from './token.js';
import { PreparedRequest } from './prepared-request.js';

export interface Shared {
  config: ResolvedConfig;
  secrets: SecretSet;
  tokens: TokenSource;
}

export interface CallSettings {
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * One logical call: every attempt of one request. openapi-fetch calls `fetch` once; the retries
 * happen inside it, re-sending the same method, URL, headers (X-Request-Id included) and body.
 *
 * Each attempt reads the whole body before it counts as done: so the timeout covers the body too
 * (a stalled body is a timeout), and a body that fails midway is retried like any other network
 * failure, for typed and `raw` calls alike. `raw` gets a real Response over the text; the typed
 * methods, which only read status, headers and text, get a light stand-in that skips a second
 * body stream (a real share of a loopback call), as PreparedRequest does for the request.
 */
export class Exchange {
  /** Set when `fetch` starts; read by the typed methods to describe a failure. */
  declare context: RequestContext;
  #timedOut = false;
  #release: (() => void) | undefined;
  #signal: AbortSignal | undefined;
  readonly #timeoutMs: number;

  constructor(
    private readonly shared: Shared,
    settings: CallSettings,
    private readonly light = false,
  ) {
    this.#timeoutMs = settings.timeoutMs ?? shared.config.timeoutMs;
    this.#signal = settings.signal;
  }

  readonly fetch = async (request: Request | PreparedRequest): Promise<Response> => {
    const { config, tokens } = this.shared;
    const headers = request.headers;
    const url = request.url;
    const signal = this.#signal;
    // Node's fetch sends `Accept-Language: *` when none is set, which the API does not define.
    if (!headers.has('accept-language')) headers.set('Accept-Language', config.language);
    // One id per logical call, kept by every retry; the caller's own when given.
    let requestId = headers.get('x-request-id');
    if (requestId === null) headers.set('X-Request-Id', (requestId = crypto.randomUUID()));
    this.context = { method: request.method, path: new URL(url).pathname, requestId };
    const body = request instanceof PreparedRequest ? request.body : request.body === null ? undefined : await request.text();
    let retries = 0;
    let reauthenticated = false;
    for (let attempt = 1; ; attempt++) {
      headers.set('X-Access-Token', tokens.fixed ?? (await this.#token()));
      // After the token: an abort while a provider was answering fired before #arm could listen.
      if (signal?.aborted) throw this.#abortError();
      this.#log(attempt);
      const started = performance.now();
      let status: number | undefined;
      let again: number | undefined;
      try {
        // `manual`: a redirect would carry X-Access-Token to wherever it points.
        const response = await config.fetch(url, { method: this.context.method, headers, body, signal: this.#arm(signal), redirect: 'manual' });
        status = response.status;
        again =
          status === 401 && tokens.refreshable && !reauthenticated
            ? 0
            : isRetryableStatus(status) && retries < config.retry.maxRetries
              ? retryDelay(retries++, response.headers.get('retry-after'), config.retry, config.clock)
              : undefined;
        if (again === undefined) {
          const text = await response.text();
          this.#logDone(attempt, started, status, undefined);
          const { ok, statusText, headers: got } = response;
          return this.light
            ? ({ ok, status, headers: got, text: async () => text } as Response)
            : new Response(status === 204 || status === 304 ? null : text, { status, statusText, headers: got });
        }
        this.#logDone(attempt, started, status, undefined);
        response.body?.cancel().catch(() => undefined);
      } catch (error) {
        const failure = this.failure(error);
        this.#logDone(attempt, started, status, failure);
        if (failure instanceof MeetingAbortError || retries >= config.retry.maxRetries) throw failure;
        again = backoffDelay(retries++, config.retry, config.clock);
      } finally {
        this.#release?.();
      }
      if (status === 401) reauthenticated = true;
      if (again > 0) await this.#sleep(again, signal);
    }
  };

  /** Asks the provider; its own failure comes out typed (and redacted) like a network failure. */
  async #token(): Promise<string> {
    try {
      return await this.shared.tokens.get();
    } catch (error) {
      throw this.failure(error);
    }
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

/** Runs a logging hook: a logger must never break the call it observes. */
function quietly(hook: () => void): void {
  try {
    hook();
  } catch {
    // Ignored on purpose.
  }
}
