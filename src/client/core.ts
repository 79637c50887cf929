// The shared core: one openapi-fetch client typed by `paths`, with the transport every operation
// module builds on. The transport (not an openapi-fetch middleware) adds the headers, so `raw` and
// the typed methods behave alike and a call pays for no middleware machinery.
import createClient, { createQuerySerializer, type Client } from 'openapi-fetch';
import type { paths } from '../../generated/schema.js';
import { resolveConfig, type MeetingClientOptions } from './config.js';
import type { MeetingError } from './errors.js';
import { SecretSet } from './redact.js';
import { TokenSource } from './token.js';
import { PreparedRequest } from './prepared-request.js';
import { Exchange, type CallSettings, type Shared } from './transport.js';
import { checkCallOptions, Problems } from './validate.js';

export type RawClient = Client<paths>;

/** Options for one call of a typed method. */
export interface CallOptions {
  /** Aborts the call (and any wait between retries) with a MeetingAbortError. */
  signal?: AbortSignal;
  /** Sent as `X-Request-Id` on every attempt of this call instead of a fresh UUID. */
  requestId?: string;
  /** Per attempt, overriding the client's `timeoutMs`. */
  timeoutMs?: number;
}

export interface Core extends Shared {
  raw: RawClient;
  /**
   * The client the typed methods call: same transport as `raw`, but it builds PreparedRequests,
   * and middleware a caller adds to `raw` (which expects real Requests) never runs on it.
   */
  typed: RawClient;
  /** Runs `send` with a fresh Exchange (one logical call); every failure comes out as a MeetingError. */
  exchange<T>(settings: CallSettings, send: (exchange: Exchange) => Promise<T>): Promise<T>;
}

export function createCore(options: MeetingClientOptions): Core {
  const config = resolveConfig(options);
  const secrets = new SecretSet();
  const shared: Shared = { config, secrets, tokens: new TokenSource(config.accessToken, secrets) };
  const raw = createClient<paths>({
    baseUrl: config.baseUrl,
    // `raw` calls get a transport per request; the typed methods pass their own per call.
    fetch: (request) => new Exchange(shared, { signal: request.signal }).fetch(request),
  });
  // A serializer made once: given none, openapi-fetch builds the same default one on every call.
  const typed = createClient<paths>({ baseUrl: config.baseUrl, Request: PreparedRequest as unknown as typeof Request, querySerializer: createQuerySerializer() });
  return {
    ...shared,
    raw,
    typed,
    async exchange(settings, send) {
      const exchange = new Exchange(shared, settings, true);
      try {
        return await send(exchange);
      } catch (error) {
        throw exchange.failure(error) satisfies MeetingError;
      }
    },
  };
}

/** Refuses bad call options (with any problems the caller already found) before sending. */
export function checkCall(p: Problems, options: CallOptions | undefined): void {
  checkCallOptions(p, options);
  p.throwIfAny();
}

/** The request headers a typed call adds: only the request id, when the caller chose one. */
export function callHeaders(options: CallOptions | undefined): { 'X-Request-Id': string } | undefined {
  return options?.requestId === undefined ? undefined : { 'X-Request-Id': options.requestId };
}
