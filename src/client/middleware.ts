// openapi-fetch middleware giving every request an explicit language and a request id.
import type { Middleware } from 'openapi-fetch';
import type { MeetingLanguage } from './types.js';

/**
 * Node's fetch sends `Accept-Language: *` when none is set, which the API does not define, so a
 * value is always set. `X-Request-Id` is a fresh UUID unless the caller chose one; the transport
 * keeps it across retries, so one logical call has one id.
 */
export function requestDefaults(language: MeetingLanguage): Middleware {
  return {
    onRequest({ request }) {
      const headers = request.headers;
      if (!headers.has('accept-language')) headers.set('Accept-Language', language);
      if (!headers.has('x-request-id')) headers.set('X-Request-Id', crypto.randomUUID());
    },
  };
}
