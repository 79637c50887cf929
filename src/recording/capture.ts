// Sends one request and captures the exchange as a RecordedExchange (before scrubbing). Uses a
// plain fetch, not the client: a recording is the wire as it was, not the client's reading of it.
import { randomUUID } from 'node:crypto';
import { requestUrl, type RecordedExchange, type RecordedRequest } from './exchange.js';
import { originOf, type Target } from './target.js';

export type CaptureTarget = Target;

export async function captureExchange(
  target: CaptureTarget,
  request: Omit<RecordedRequest, 'headers'> & { headers?: Record<string, string> },
  meta: Pick<RecordedExchange, 'description' | 'operationId'>,
): Promise<RecordedExchange> {
  const headers: Record<string, string> = {
    'accept-language': 'en-US',
    'x-request-id': randomUUID().replace(/-/g, ''),
    ...(request.body === null ? {} : { 'content-type': 'application/json' }),
    ...request.headers,
  };
  // Appended, not resolved: resolving "/v1/..." against "https://gateway/meeting" would drop "/meeting".
  const response = await (target.fetch ?? fetch)(new URL(target.baseUrl.replace(/\/+$/, '') + requestUrl(request)), {
    method: request.method,
    headers: { ...headers, 'x-access-token': target.token },
    body: request.body === null ? undefined : JSON.stringify(request.body),
  });
  const text = await response.text();
  let body: unknown = null;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return {
    ...meta,
    source: originOf(target.baseUrl),
    request: { ...request, headers },
    response: { status: response.status, headers: Object.fromEntries(response.headers.entries()), body },
  };
}
