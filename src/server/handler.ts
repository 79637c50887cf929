// `serve` as one fetch-shaped handler: the Host check first, then /v1/ to the API (the mock) and
// everything else to the docs; the security headers go on every answer, whoever made it.
import { bufferedBody, bufferedResponse } from '../mock/response.js';
import { createDocsHandler, text, type FetchHandler } from './docs.js';
import { createHostCheck, ALLOWED_HOSTS_ENV } from './hosts.js';
import { LOCKED_DOWN_CSP, SECURITY_HEADERS } from './security.js';

export type ServeHandlerOptions = {
  /** The build output with docs/index.html, openapi.json and openapi.yaml. */
  distDir: string;
  /** Answers every request whose path starts with /v1/ (the mock's fetch handler). */
  api?: FetchHandler;
  /**
   * Host names allowed besides localhost, 127.0.0.1 and [::1] (any port); ".example.com" allows
   * the domain and its subdomains; `true` allows any Host (behind a proxy that checks it).
   */
  allowedHosts?: readonly string[] | true;
  /**
   * Told about an exception that became a 500. The answer says nothing of it, and the request
   * (which holds the token) is not passed.
   */
  onError?: (error: unknown) => void;
};

export function createServeHandler({ distDir, api, allowedHosts = [], onError }: ServeHandlerOptions): FetchHandler {
  const hostAllowed = createHostCheck(allowedHosts);
  const docs = createDocsHandler({ distDir });

  async function route(request: Request): Promise<Response> {
    const host = request.headers.get('host');
    if (!hostAllowed(host)) {
      const shown = JSON.stringify((host ?? '').slice(0, 100));
      return text(403, `Host ${shown} is not allowed. To serve it, list its name in ${ALLOWED_HOSTS_ENV} (comma-separated) or in the allowedHosts option.`);
    }
    if (new URL(request.url).pathname.startsWith('/v1/')) {
      return api ? api(request) : text(404, 'No API is served here: this server has the docs only.');
    }
    return docs(request);
  }

  return async (request) => {
    let response: Response;
    try {
      response = await route(request);
    } catch (error) {
      onError?.(error);
      response = text(500, 'Internal error while answering this request; the server keeps serving.');
    }
    return secured(response);
  };
}

/**
 * The response with the security headers added, as a new Response (one from elsewhere may have
 * immutable headers). A body the mock holds in memory stays there, so the node adapter writes it
 * as is instead of streaming it.
 */
function secured(response: Response): Response {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
  if (!headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', LOCKED_DOWN_CSP);
  const init = { status: response.status, statusText: response.statusText, headers };
  const buffered = bufferedBody(response);
  return buffered === undefined ? new Response(response.body, init) : bufferedResponse(buffered, init);
}
