// The shared core: the resolved configuration, the token source and the secrets to redact, plus
// `raw`, an openapi-fetch client typed by `paths` whose fetch is the same transport the typed
// methods use (so both behave alike, and a call pays for no middleware machinery).
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../../generated/schema.js';
import { resolveConfig, type MeetingClientOptions } from './config.js';
import { SecretSet } from './redact.js';
import { tokenSource } from './token.js';
import { Exchange, type Shared } from './transport.js';
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
}

export function createCore(options: MeetingClientOptions): Core {
  const config = resolveConfig(options);
  const secrets = new SecretSet();
  const shared: Shared = { config, secrets, token: tokenSource(config.accessToken, secrets) };
  // `raw` calls get a transport per request; middleware added with `raw.use()` runs on them only.
  return { ...shared, raw: createClient<paths>({ baseUrl: config.baseUrl, fetch: (request) => new Exchange(shared, { signal: request.signal }).fetch(request) }) };
}

/** Refuses bad call options (with any problems the caller already found) before sending. */
export function checkCall(p: Problems, options: CallOptions | undefined): void {
  checkCallOptions(p, options);
  p.throwIfAny();
}
