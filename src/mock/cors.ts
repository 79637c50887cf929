// CORS for a browser page on another origin (a try-it console): off unless the `cors` option
// names the origin (or `*`). Preflight answers list the spec's methods and request headers.
const REQUEST_HEADERS = 'X-Access-Token, Accept-Language, Content-Type, X-Request-Id';
const EXPOSED_HEADERS = 'X-Request-Id, Retry-After';

export function checkCorsOption(cors: string): void {
  let origin: string | undefined;
  try {
    origin = new URL(cors).origin;
  } catch {
    origin = undefined;
  }
  if (cors !== '*' && origin !== cors) throw new RangeError(`cors must be an origin such as http://localhost:5173 (scheme, host, port; no path) or *, got ${JSON.stringify(cors)}`);
}

/** The headers of any answer to a request from an allowed origin; undefined for any other. */
export function corsHeaders(cors: string | undefined, origin: string | null): Record<string, string> | undefined {
  if (cors === undefined || origin === null) return undefined;
  if (cors === '*') return { 'access-control-allow-origin': '*', 'access-control-expose-headers': EXPOSED_HEADERS };
  if (origin !== cors) return undefined;
  return { 'access-control-allow-origin': origin, vary: 'Origin', 'access-control-expose-headers': EXPOSED_HEADERS };
}

/** A preflight's own headers (the allow-origin ones are added by the caller as for any answer). */
export function preflightHeaders(methods: readonly string[]): Record<string, string> {
  return {
    'access-control-allow-methods': methods.join(', '),
    'access-control-allow-headers': REQUEST_HEADERS,
    'access-control-max-age': '600',
  };
}
