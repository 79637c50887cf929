// Turns what openapi-fetch returned into data or a typed error: closes its gaps (an empty error
// body gives `error: undefined`, a 2xx that is not JSON makes it throw).
import { MeetingApiError, MeetingMalformedResponseError, type RequestContext } from './errors.js';
import type { SecretSet } from './redact.js';
import type { Answer } from './transport.js';
import { isObject } from './validate.js';

const EXCERPT = 200;

/** Redacted before it is cut: cut first, a token straddling the cut would keep its first characters. */
function excerpt(text: string, secrets: SecretSet): string {
  const clean = secrets.redact(text);
  return clean.length > EXCERPT ? `${clean.slice(0, EXCERPT)}…` : clean;
}

/** A non-empty string field of a JSON object body, redacted. */
function field(body: unknown, name: string, secrets: SecretSet): string | undefined {
  const value = isObject(body) ? body[name] : undefined;
  return typeof value === 'string' && value !== '' ? secrets.redact(value) : undefined;
}

/**
 * The error for a non-2xx response. The body may be JSON (the API's error object, or anything else),
 * text (an HTML page from a gateway) or empty.
 */
export function apiError(context: RequestContext, { response, text, retryAfterMs }: Answer, secrets: SecretSet): MeetingApiError {
  let body: unknown = text.trim();
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the text itself is the message.
  }
  const errorCode = field(body, 'error_code', secrets);
  return new MeetingApiError({
    ...context,
    status: response.status,
    errorCode,
    // Without the API's fields, an excerpt of whatever came: a gateway's page, some other JSON.
    errorMessage: field(body, 'error_msg', secrets) ?? (errorCode === undefined && body !== '' ? excerpt(typeof body === 'string' ? body : JSON.stringify(body), secrets) : undefined),
    requestId: field(body, 'request_id', secrets) ?? response.headers.get('x-request-id') ?? context.requestId,
    headers: secrets.headers(response.headers),
    retryAfterMs,
  });
}

/** A 2xx body that should be JSON: parsed, or a MeetingMalformedResponseError. */
export function parseJson(context: RequestContext, response: Response, text: string, secrets: SecretSet): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Only on failure: no copy of a good body is made just to check it for blankness.
    throw malformed(context, response, text.trim() === '' ? 'the body is empty' : 'the body is not JSON', text, secrets);
  }
}

export function malformed(context: RequestContext, response: Response, reason: string, text: string, secrets: SecretSet): MeetingMalformedResponseError {
  return new MeetingMalformedResponseError({
    ...context,
    requestId: response.headers.get('x-request-id') ?? context.requestId,
    status: response.status,
    headers: secrets.headers(response.headers),
    reason,
    bodyExcerpt: excerpt(text, secrets),
  });
}
