// Opt-in response validation for the client (its own entry point, so the core client carries
// neither Ajv nor the spec): a `fetch` wrapper that checks every response against the bundled spec
// and reports drift through a callback. It wraps fetch rather than being an openapi-fetch
// middleware because the client retries below openapi-fetch: only at the fetch level is every
// attempt seen (a 429 that a retry later hides is still drift), for typed calls and `raw` alike.
// It never changes or breaks the call: the response passes through untouched, and a failure
// inside the validator or the callback is reported or swallowed, never thrown.
//
//   import { createValidatingFetch } from 'huawei-meeting-users/response-validator';
//   const client = createMeetingClient({ accessToken, fetch: createValidatingFetch({ onDrift: (d) => log.warn(d) }) });
//
// Needs the optional peer dependencies ajv and ajv-formats.
import type { MeetingFetch } from '../client/config.js';
import { createSpecValidator, loadBundledSpec, type Issue, type OpenApiDocument } from '../validation/index.js';

export type { Issue } from '../validation/index.js';

/** One response that does not keep to the spec. Holds no header values and no body: no secret. */
export type DriftReport = {
  operationId: string | undefined;
  method: string;
  /** URL path, without the query string. */
  path: string;
  status: number;
  /** The response's `X-Request-Id`, else the request's. */
  requestId: string | undefined;
  issues: Issue[];
};

export type ValidatingFetchOptions = {
  onDrift: (report: DriftReport) => void;
  /** The document to check against; default: the package's bundled dist/openapi.json. */
  spec?: OpenApiDocument;
  /** The fetch to wrap; default: `globalThis.fetch`, looked up at call time. */
  fetch?: MeetingFetch;
};

export function createValidatingFetch({ onDrift, spec, fetch }: ValidatingFetchOptions): MeetingFetch {
  const validator = createSpecValidator(spec ?? loadBundledSpec());
  const send: MeetingFetch = fetch ?? ((url, init) => globalThis.fetch(url, init));

  function report(drift: DriftReport): void {
    try {
      onDrift(drift);
    } catch {
      // A failing drift callback must not fail the call it observes.
    }
  }

  async function check(url: string, init: RequestInit, response: Response): Promise<void> {
    const method = (init.method ?? 'GET').toUpperCase();
    const path = new URL(url).pathname;
    const operationId = validator.findOperation(method, path)?.operation?.operationId;
    const requestId = response.headers.get('x-request-id') ?? new Headers(init.headers).get('x-request-id') ?? undefined;
    let issues: Issue[];
    try {
      const body = await response.clone().text();
      issues = validator.validateResponse({ method, url: path, status: response.status, headers: response.headers, body });
    } catch (error) {
      issues = [{ in: 'body', name: 'body', message: `could not be read (${error instanceof Error ? error.name : 'error'})` }];
    }
    if (issues.length > 0) report({ operationId, method, path, status: response.status, requestId, issues });
  }

  return async (url, init) => {
    const response = await send(url, init);
    await check(url, init, response);
    return response;
  };
}
