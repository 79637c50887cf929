// When to retry and how long to wait: exponential backoff with jitter, bounded, and Retry-After.
import type { Clock, RetryOptions } from './config.js';

/** Both operations set absolute values, so every one of these is safe to repeat. */
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/**
 * Delay before retry number `retry` (0 for the first retry): half of the exponential step is fixed
 * and half is random ("equal jitter"), so clients that failed together spread out but every wait
 * has a known lower bound.
 */
export function backoffDelay(retry: number, options: RetryOptions, clock: Clock): number {
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.round(step / 2 + (clock.random() * step) / 2);
}

/** `Retry-After` as milliseconds from now (delta-seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: string | null, clock: Clock): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // An HTTP date names a day and a month; Date.parse alone would read "-1" as a day in 2001.
  const date = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - clock.now());
}

/**
 * The wait before retry number `retry`: exactly what Retry-After asked for (never less), else the
 * backoff. Undefined when Retry-After asks for more than maxDelayMs: the call gives up instead.
 */
export function retryDelay(retry: number, retryAfterMs: number | undefined, options: RetryOptions, clock: Clock): number | undefined {
  return retryAfterMs === undefined ? backoffDelay(retry, options, clock) : retryAfterMs > options.maxDelayMs ? undefined : retryAfterMs;
}
