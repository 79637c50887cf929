// Turns the console's form into the request it sends: pure functions, tested in Node.
import type { ConsoleOperation } from './model.js';

/** Every form field by parameter name: a string, or the picked values of an array. */
export type FormValues = Record<string, string | string[] | undefined>;

export type ConsoleRequest = {
  method: string;
  url: string;
  headers: Array<[name: string, value: string]>;
  body?: string;
};

export type BuildResult = { ok: true; request: ConsoleRequest } | { ok: false; problems: string[] };

export type SendContext = {
  /** The server the reader picked: an absolute http(s) URL, maybe with a path prefix (a gateway). */
  baseUrl: string;
  token: string;
  tokenHeader: string;
  requestIdHeader: string;
  requestId: string;
};

/**
 * Builds the request of one send. Only what makes a request impossible is refused (a server that
 * is not an http(s) URL, a missing path value); any other value goes out as typed, so the reader
 * sees the server's own answer to it.
 */
export function buildRequest(operation: ConsoleOperation, values: FormValues, context: SendContext): BuildResult {
  const problems: string[] = [];
  const base = parseBaseUrl(context.baseUrl);
  if (!base) problems.push(`server: "${context.baseUrl}" is not an http:// or https:// URL`);

  let path = operation.path;
  for (const parameter of operation.parameters.filter((p) => p.in === 'path')) {
    const value = single(values[parameter.name]);
    if (value === '') problems.push(`${parameter.name}: required (it is part of the path)`);
    path = path.replace(`{${parameter.name}}`, encodeURIComponent(value));
  }
  if (!base || problems.length > 0) return { ok: false, problems };

  // The base keeps its own path (a gateway prefix), as the client does.
  const url = new URL(base.href.replace(/\/+$/, '') + path);
  const headers: Array<[string, string]> = [];
  for (const parameter of operation.parameters) {
    const value = values[parameter.name];
    if (parameter.in === 'query') {
      // An array goes out as repeated keys (style form, explode true): ?userType=2&userType=12.
      for (const item of Array.isArray(value) ? value : [value ?? '']) {
        if (item !== '') url.searchParams.append(parameter.name, item);
      }
    } else if (parameter.in === 'header') {
      const text = single(value);
      if (text !== '') headers.push([parameter.name, text]);
    }
  }
  if (context.token !== '') headers.push([context.tokenHeader, context.token]);
  headers.push([context.requestIdHeader, context.requestId]);

  const request: ConsoleRequest = { method: operation.method, url: url.href, headers };
  const body = values['body'];
  if (operation.body !== undefined && typeof body === 'string' && body.trim() !== '') {
    headers.push(['Content-Type', 'application/json']);
    request.body = body;
  }
  return { ok: true, request };
}

function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

function parseBaseUrl(text: string): URL | undefined {
  try {
    const url = new URL(text.trim());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.search === '' && url.hash === '') return url;
  } catch {
    // Not a URL: reported by the caller.
  }
  return undefined;
}

/** A fresh request id: 32 hex digits from the browser's CSPRNG (randomUUID needs a secure context). */
export function newRequestId(random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  return Array.from(random(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The headers as shown on the page: the token is never displayed. */
export function shownHeaders(request: ConsoleRequest, tokenHeader: string): string {
  return request.headers
    .map(([name, value]) => `${name}: ${name.toLowerCase() === tokenHeader.toLowerCase() ? '(your token, not shown)' : value}`)
    .join('\n');
}

/** A response body as shown: JSON pretty-printed, anything else as received. */
export function shownBody(text: string, contentType: string | null): string {
  if (text === '') return '(empty body)';
  if (contentType !== null && /\bjson\b/i.test(contentType)) {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return text;
    }
  }
  return text;
}
