// The server a recording or a contract check talks to: checked before anything is sent, and named
// by its origin (Huawei's service or anything else) so a recording of a mock is never taken for
// the live service.
import type { Problems } from '../client/validate.js';

export const HUAWEI_BASE_URL = 'https://api.meeting.huaweicloud.com';

export type Target = {
  /** Where the API lives; a path (a gateway prefix) is kept: operation paths are appended to it. */
  baseUrl: string;
  /** X-Access-Token sent with every request; never written, logged or put in a message. */
  token: string;
  fetch?: typeof fetch;
};

/** `live`: a Huawei Cloud host over HTTPS; `recorded`: any other server (a mock, a gateway, a proxy). */
export type Origin = 'live' | 'recorded';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The options of a recording or a contract check, as a record to check further: refused at once
 * unless an object; then baseUrl, token and fetch are checked. Only HTTPS (or loopback) may carry
 * the token off this machine.
 */
export function checkTarget<T extends Target>(p: Problems, options: unknown): Partial<Record<keyof T, unknown>> {
  if (options === null || typeof options !== 'object') {
    p.add('options', 'must be an object');
    p.throwIfAny();
  }
  const target = options as Partial<Record<keyof Target, unknown>>;
  p.token('token', target.token);
  if (target.fetch !== undefined && typeof target.fetch !== 'function') p.add('fetch', 'must be a function');
  const url = typeof target.baseUrl === 'string' ? parseUrl(target.baseUrl.trim()) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) p.add('baseUrl', 'must be an http(s) URL');
  else if (url.search !== '' || url.hash !== '' || /[?#]/.test(target.baseUrl as string)) p.add('baseUrl', 'must not have a query or a fragment');
  else if (url.username !== '' || url.password !== '') p.add('baseUrl', 'must not carry credentials');
  else if (url.protocol !== 'https:' && !LOOPBACK.has(url.hostname)) p.add('baseUrl', `must be https (or loopback): ${url.origin}`);
  return options as Partial<Record<keyof T, unknown>>;
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** The base URL the checks passed, without trailing slashes (operation paths start with one). */
export function normalizeBaseUrl(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '');
}

export function originOf(baseUrl: string): Origin {
  const url = new URL(baseUrl.trim());
  return url.protocol === 'https:' && /(^|\.)huaweicloud\.com$/.test(url.hostname) ? 'live' : 'recorded';
}
