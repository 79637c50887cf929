// Turns what openapi-fetch returned into data or a typed error: closes its gaps (an empty error
// body gives `error: undefined`, a 2xx that is not JSON makes it throw).
import { MeetingApiError, MeetingMalformedResponseError, type RequestContext } from './errors.js';
import type { SecretSet } from './redact.js';

const EXCERPT = 200;

/** Redacted before it is cut: cut first, a token straddling the cut would keep its first characters. */
function excerpt(text: string, secrets: SecretSet): string {
  const clean = secrets.redact(text);
  return clean.length > EXCERPT ? `${clean.slice(0, EXCERPT)}…` : clean;
}

function field(body: unknown, name: string): string | undefined {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The error for a non-2xx response. `body` is whatever openapi-fetch made of it: parsed JSON, the
 * raw text when it was not JSON (an HTML page from a gateway), or undefined when it was empty.
 */
export function apiError(context: RequestContext, response: Response, body: unknown, secrets: SecretSet): MeetingApiError {
  const errorCode = field(body, 'error_code');
  let errorMessage = field(body, 'error_msg');
  if (errorMessage === undefined && typeof body === 'string' && body.trim() !== '') errorMessage = excerpt(body.trim(), secrets);
  if (errorMessage === undefined && typeof body === 'object' && body !== null && errorCode === undefined) {
    errorMessage = excerpt(JSON.stringify(body), secrets);
  }
  return new MeetingApiError({
    ...context,
    status: response.status,
    errorCode: errorCode === undefined ? undefined : secrets.redact(errorCode),
    errorMessage: errorMessage === undefined ? undefined : secrets.redact(errorMessage),
    requestId: field(body, 'request_id') ?? response.headers.get('x-request-id') ?? context.requestId,
    headers: secrets.headers(response.headers),
  });
}

/** A 2xx body that should be JSON: parsed, or a MeetingMalformedResponseError. */
export function parseJson(context: RequestContext, response: Response, text: string | undefined, secrets: SecretSet): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    // Only on failure: no copy of a good body is made just to check it for blankness.
    const empty = text === undefined || text.trim() === '';
    throw malformed(context, response, empty ? 'the body is empty' : 'the body is not JSON', text ?? '', secrets);
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
