// Raw requests to the server under test, each judged against the bundled spec. Raw, not through
// the client: a check must see the wire as the server sent it, not the client's reading of it.
import { randomUUID } from 'node:crypto';
import { REDACTED } from '../recording/scrub.js';
import type { Target } from '../recording/target.js';
import { createSpecValidator, loadBundledSpec } from '../validation/index.js';

export const SEARCH_PATH = '/v1/usg/dcs/corp/member';

export type Exchange = { status: number; headers: Headers; text: string; json: unknown; sentRequestId: string; problems: string[] };

export type Probe = {
  /** SearchUsers with a raw query string; `token: null` sends none. */
  get(query: string, token?: string | null): Promise<Exchange>;
  /** BatchUpdateUserStatus with a JSON body. */
  put(status: 0 | 1, accounts: string[], accountType: 0 | 1): Promise<Exchange>;
  /** The token cut out of any text that may quote it (an error body, a network error). */
  redact(text: string): string;
};

export function createProbe(target: Target): Probe {
  const validator = createSpecValidator(loadBundledSpec());
  const fetchImpl = target.fetch ?? fetch;
  const base = target.baseUrl;

  async function send(method: 'GET' | 'PUT', url: string, token: string | null, body?: string): Promise<Exchange> {
    const sentRequestId = randomUUID().replace(/-/g, '');
    const headers: Record<string, string> = { 'Accept-Language': 'en-US', 'X-Request-Id': sentRequestId };
    if (token !== null) headers['X-Access-Token'] = token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    // Appended, not resolved, so a base URL with a path (a gateway) keeps it, as in the client.
    const response = await fetchImpl(new URL(base + url), { method, headers, body });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const issues = validator.validateResponse({ method, url, status: response.status, headers: response.headers, body: text });
    return { status: response.status, headers: response.headers, text, json, sentRequestId, problems: issues.map((i) => `${i.name} ${i.message}`) };
  }

  return {
    get: (query, token = target.token) => send('GET', `${SEARCH_PATH}${query ? `?${query}` : ''}`, token),
    put: (status, accounts, accountType) => send('PUT', `${SEARCH_PATH}/status/${status}?accountType=${accountType}`, target.token, JSON.stringify(accounts)),
    redact: (text) => text.split(target.token).join(REDACTED),
  };
}
