// What openapi-fetch builds for a typed call, without constructing a `Request` the transport would
// only take apart again: each undici Request costs an AbortSignal and header validation, a large
// share of a loopback call. openapi-fetch accepts a custom `Request` class for exactly this.

export class PreparedRequest {
  declare readonly url: string;
  declare readonly method: string;
  declare readonly headers: Headers;
  /** openapi-fetch serialises JSON bodies to a string; kept as is, so every retry can re-send it. */
  declare readonly body: string | undefined;

  constructor(url: string, init: RequestInit) {
    this.url = url;
    this.method = init.method ?? 'GET';
    // openapi-fetch always passes the Headers it merged.
    this.headers = init.headers as Headers;
    this.body = typeof init.body === 'string' ? init.body : undefined;
  }
}
