// Client options: their defaults, and the checks that refuse a bad configuration up front.
import { isObject, LANGUAGES, Problems } from './validate.js';
import type { MeetingLanguage } from './types.js';
import type { MeetingError } from './errors.js';

export const DEFAULT_BASE_URL = 'https://api.meeting.huaweicloud.com';
export const DEFAULT_TIMEOUT_MS = 30_000;
/** 16 MiB: a page of 500 users is about 0.3 MB, so only a broken or hostile server goes past it. */
export const DEFAULT_MAX_RESPONSE_BYTES = 2 ** 24;
export const DEFAULT_RETRY: RetryOptions = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 10_000 };

/** A static token, or a function asked for one before every attempt (and again after a 401). */
export type AccessTokenSource = string | (() => string | Promise<string>);

/** The subset of `fetch` the client uses; `globalThis.fetch` fits. */
export type MeetingFetch = (url: string, init: RequestInit) => Promise<Response>;

export interface RetryOptions {
  /** Retries after the first attempt (0 disables retrying). Default 3. */
  maxRetries: number;
  /** First backoff delay; doubles on each retry, with jitter. Default 500. */
  baseDelayMs: number;
  /**
   * Upper bound on any backoff. A `Retry-After` above it is not shortened: the call gives up with a
   * MeetingApiError carrying `retryAfterMs`. Default 10 000.
   */
  maxDelayMs: number;
}

/** Time sources, injectable so tests check waits without waiting. */
export interface Clock {
  /** Wall clock in epoch ms, used to read an HTTP-date `Retry-After`. */
  now(): number;
  /** Resolves after `ms`; rejects when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** A number in [0, 1) for jitter. */
  random(): number;
}

export interface RequestLogEntry {
  method: string;
  /** URL path without the query string. */
  path: string;
  requestId: string | undefined;
  /** 1 for the first attempt, 2 for the first retry... */
  attempt: number;
}

export interface ResponseLogEntry extends RequestLogEntry {
  /** HTTP status, or undefined when no response arrived. */
  status: number | undefined;
  durationMs: number;
  /** Set when the attempt ended without a response (timeout, network failure, abort). */
  error?: MeetingError;
}

export interface MeetingClientOptions {
  accessToken: AccessTokenSource;
  /** Default https://api.meeting.huaweicloud.com. Must be https, except for loopback hosts. */
  baseUrl?: string;
  /** Sent as `Accept-Language` on every request. Default `zh-CN`, the server's own default. */
  language?: MeetingLanguage;
  /** Per attempt, from sending the request until the body is read. Default 30 000. */
  timeoutMs?: number;
  /**
   * Largest response body read, in bytes. Past it the read stops and the call throws a
   * MeetingMalformedResponseError (not retried). Default 16 MiB.
   */
  maxResponseBytes?: number;
  retry?: Partial<RetryOptions>;
  fetch?: MeetingFetch;
  /** Called before every attempt. Exceptions thrown by hooks are ignored. */
  onRequest?: (entry: RequestLogEntry) => void;
  /** Called after every attempt, whether it got a response or not. */
  onResponse?: (entry: ResponseLogEntry) => void;
  /** For tests: replace the clock, the sleep and the jitter source. */
  clock?: Partial<Clock>;
}

export interface ResolvedConfig {
  accessToken: AccessTokenSource;
  baseUrl: string;
  /** The only origin X-Access-Token is ever sent to. */
  origin: string;
  language: MeetingLanguage;
  timeoutMs: number;
  maxResponseBytes: number;
  retry: RetryOptions;
  fetch: MeetingFetch;
  onRequest?: ((entry: RequestLogEntry) => void) | undefined;
  onResponse?: ((entry: ResponseLogEntry) => void) | undefined;
  clock: Clock;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  random: () => Math.random(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      // One way out for both: the timer and the listener go together, whichever comes first.
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        if (signal?.aborted) reject(signal.reason);
        else resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done);
      if (signal?.aborted) done();
    }),
};

/** Hosts on which plain http is allowed, so a local mock server works. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

function checkBaseUrl(p: Problems, value: unknown): void {
  if (typeof value !== 'string') return p.add('baseUrl', 'must be a string');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return p.add('baseUrl', 'must be an absolute URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    p.add('baseUrl', 'must use https (plain http is allowed only for 127.0.0.0/8, localhost and [::1])');
  }
  if (url.username || url.password || url.search || url.hash) p.add('baseUrl', 'must not contain credentials, a query or a fragment');
}

/** Checks every option, then fills in the defaults. Throws MeetingValidationError listing all problems. */
export function resolveConfig(options: MeetingClientOptions): ResolvedConfig {
  const p = new Problems();
  if (!isObject(options)) {
    p.add('options', 'must be an object');
    p.throwIfAny();
  }
  // Defaults first, then every value is checked (a default always passes): an option given as
  // undefined keeps its default, as the Partial type promises.
  const { language = 'zh-CN', timeoutMs = DEFAULT_TIMEOUT_MS, maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES } = options;
  const retry = { ...DEFAULT_RETRY, ...Object.fromEntries(Object.entries(options.retry ?? {}).filter(([, value]) => value !== undefined)) } as RetryOptions;
  if (typeof options.accessToken !== 'function') p.token('accessToken', options.accessToken);
  if (options.baseUrl !== undefined) checkBaseUrl(p, options.baseUrl);
  p.oneOf('language', language, LANGUAGES);
  p.integer('timeoutMs', timeoutMs, 1);
  p.integer('maxResponseBytes', maxResponseBytes, 1);
  p.integer('retry.maxRetries', retry.maxRetries, 0, 100);
  p.integer('retry.baseDelayMs', retry.baseDelayMs, 0);
  p.integer('retry.maxDelayMs', retry.maxDelayMs, 0);
  for (const name of ['fetch', 'onRequest', 'onResponse'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') p.add(name, 'must be a function');
  }
  p.throwIfAny();
  const base = new URL(options.baseUrl ?? DEFAULT_BASE_URL);
  return {
    ...options,
    // The URL that was checked, not the raw string: "https://h?" or "https://h " with a path appended go elsewhere.
    baseUrl: base.href.replace(/\/*\??#?$/, ''),
    origin: base.origin,
    language,
    timeoutMs,
    maxResponseBytes,
    retry,
    // Bound late so a test that stubs globalThis.fetch after creating the client still works.
    fetch: options.fetch ?? ((url, init) => globalThis.fetch(url, init)),
    clock: { ...systemClock, ...options.clock },
  };
}
