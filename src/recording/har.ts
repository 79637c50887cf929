// Recorded exchanges as HAR 1.2 (the format of browsers' developer tools, Polly.js, Insomnia,
// Postman, Respect and @mswjs/source), and back. What HAR has a field for goes there (the
// description is the entry's `comment`); the rest goes into `_`-prefixed custom fields, which HAR
// allows on any object: `_source`, `_operationId`, `_name`, and `_baseUrl` when the server sits
// behind a path (a gateway), so the API path can be read back from the URL.
import { STATUS_CODES } from 'node:http';
import { requestUrl, responseText, type RecordedExchange } from './exchange.js';
import { NORMALIZED_TIME } from './scrub.js';
import { HUAWEI_BASE_URL } from './target.js';

export type HarNameValue = { name: string; value: string };

export type HarEntry = {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: [];
    headers: HarNameValue[];
    queryString: HarNameValue[];
    postData?: { mimeType: string; text: string; params?: [] };
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: [];
    headers: HarNameValue[];
    content: { size: number; mimeType: string; text?: string };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  comment?: string;
  _name?: string;
  _source: RecordedExchange['source'];
  _operationId: RecordedExchange['operationId'];
  _baseUrl?: string;
};

export type Har = { log: { version: '1.2'; creator: { name: string; version: string }; entries: HarEntry[]; comment?: string } };

/** A recorded exchange and, for a HAR file of several, the name of its entry. */
export type NamedExchange = RecordedExchange & { name?: string; baseUrl?: string };

// Fixed, so recording the same data twice gives the same file (timestamps are normalized too).
const STARTED = new Date(NORMALIZED_TIME).toISOString();
const CREATOR = { name: 'huawei-meeting-users', version: '1' };
const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');
const pairs = (headers: Record<string, string>): HarNameValue[] => Object.entries(headers).map(([name, value]) => ({ name, value }));

function queryPairs(query: RecordedExchange['request']['query']): HarNameValue[] {
  return Object.entries(query).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => ({ name, value: v })));
}

export function toHarEntry(exchange: NamedExchange): HarEntry {
  const base = (exchange.baseUrl ?? HUAWEI_BASE_URL).replace(/\/+$/, '');
  const { request, response } = exchange;
  const requestText = request.body === null ? undefined : JSON.stringify(request.body);
  const text = responseText(response);
  const bodyIsText = typeof response.body === 'string';
  return {
    startedDateTime: STARTED,
    time: 0,
    request: {
      method: request.method,
      url: base + requestUrl(request),
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: pairs(request.headers),
      queryString: queryPairs(request.query),
      ...(requestText === undefined ? {} : { postData: { mimeType: request.headers['content-type'] ?? 'application/json', text: requestText } }),
      headersSize: -1,
      bodySize: requestText === undefined ? 0 : byteLength(requestText),
    },
    response: {
      status: response.status,
      statusText: STATUS_CODES[response.status] ?? '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: pairs(response.headers),
      // A body that was not JSON (a gateway's HTML page) is kept as the text it was.
      content: {
        size: byteLength(bodyIsText ? (response.body as string) : text),
        mimeType: response.headers['content-type'] ?? '',
        ...(text === '' ? {} : { text: bodyIsText ? (response.body as string) : text }),
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: byteLength(bodyIsText ? (response.body as string) : text),
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
    comment: exchange.description,
    ...(exchange.name === undefined ? {} : { _name: exchange.name }),
    _source: exchange.source,
    _operationId: exchange.operationId,
    ...(new URL(base).pathname.replace(/\/+$/, '') === '' ? {} : { _baseUrl: base }),
  };
}

export function toHar(exchanges: readonly NamedExchange[]): Har {
  return { log: { version: '1.2', creator: CREATOR, entries: exchanges.map(toHarEntry) } };
}

function parseBody(text: string | undefined): unknown {
  if (text === undefined || text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function fromHarEntry(entry: HarEntry): NamedExchange {
  const url = new URL(entry.request.url);
  const prefix = entry._baseUrl === undefined ? '' : new URL(entry._baseUrl).pathname.replace(/\/+$/, '');
  const query: Record<string, string | string[]> = {};
  for (const { name, value } of entry.request.queryString) {
    const seen = query[name];
    query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  const headers = (list: HarNameValue[]) => Object.fromEntries(list.map((h) => [h.name.toLowerCase(), h.value]));
  return {
    description: entry.comment ?? '',
    source: entry._source,
    operationId: entry._operationId,
    ...(entry._name === undefined ? {} : { name: entry._name }),
    baseUrl: entry._baseUrl ?? url.origin,
    request: {
      method: entry.request.method as 'GET' | 'PUT',
      path: url.pathname.slice(prefix.length),
      query,
      headers: headers(entry.request.headers),
      body: parseBody(entry.request.postData?.text),
    },
    response: { status: entry.response.status, headers: headers(entry.response.headers), body: parseBody(entry.response.content.text) },
  };
}

export function fromHar(har: Har): NamedExchange[] {
  return har.log.entries.map(fromHarEntry);
}
