// The contract checks `npm run test:live` runs against the real service (read-only: SearchUsers
// and a 401), and `npm test` runs against the mock to prove they pass on a conforming server and
// fail on a drifting one. Each check sends raw requests and judges them with the shared validator.
import { randomUUID } from 'node:crypto';
import { createSpecValidator, loadBundledSpec, type Issue } from '../../../src/validation/index.js';

export type CheckResult = { name: string; ok: boolean; detail: string };
type Page = { count?: number; data?: { userType?: number }[]; limit?: number; offset?: number };
type Exchange = { status: number; headers: Headers; text: string; json: unknown; sentRequestId: string };

const SEARCH = '/v1/usg/dcs/corp/member';

export async function runLiveChecks(baseUrl: string, token: string, fetchImpl: typeof fetch = fetch): Promise<CheckResult[]> {
  const validator = createSpecValidator(loadBundledSpec());
  const results: CheckResult[] = [];

  async function get(query: string, accessToken: string | null = token): Promise<Exchange> {
    const sentRequestId = randomUUID().replace(/-/g, '');
    const headers: Record<string, string> = { 'Accept-Language': 'en-US', 'X-Request-Id': sentRequestId };
    if (accessToken !== null) headers['X-Access-Token'] = accessToken;
    // Appended, not resolved, so a base URL with a path (a gateway) keeps it, as in the client.
    const response = await fetchImpl(new URL(`${baseUrl.replace(/\/+$/, '')}${SEARCH}${query ? `?${query}` : ''}`), { headers });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json, sentRequestId };
  }

  function conformance(query: string, e: Exchange): Issue[] {
    return validator.validateResponse({ method: 'GET', url: `${SEARCH}?${query}`, status: e.status, headers: e.headers, body: e.text });
  }

  async function check(name: string, run: () => Promise<string[]>): Promise<void> {
    try {
      const problems = await run();
      results.push({ name, ok: problems.length === 0, detail: problems.join('; ') });
    } catch (error) {
      results.push({ name, ok: false, detail: error instanceof Error ? error.message : String(error) });
    }
  }

  // Each check: one or more requests, their spec conformance, then the documented semantics.
  async function page(query: string, expect: (p: Page, e: Exchange) => string[]): Promise<string[]> {
    const e = await get(query);
    const problems = conformance(query, e).map((i) => `${i.name} ${i.message}`);
    if (e.status !== 200) return [...problems, `status ${e.status}: ${e.text.slice(0, 200)}`];
    if (e.headers.get('x-request-id') !== e.sentRequestId) problems.push('X-Request-Id is not echoed');
    return [...problems, ...expect(e.json as Page, e)];
  }

  let count = 0;
  await check('default search: common users only, at most 10', () =>
    page('', (p) => {
      count = p.count ?? 0;
      const problems: string[] = [];
      if ((p.data?.length ?? 0) > 10) problems.push(`${p.data?.length} records for the default limit 10`);
      if (p.data?.some((u) => u.userType !== 2)) problems.push('a user type other than 2 without userType');
      return problems;
    }),
  );
  await check('limit=1 returns at most one record and the same count', () =>
    page('limit=1', (p) => [...((p.data?.length ?? 0) > 1 ? ['more than one record'] : []), ...(p.count !== count ? [`count ${p.count} != ${count}`] : [])]),
  );
  await check('repeated userType keys filter by several types', () =>
    page('userType=2&userType=12&limit=20', (p) => (p.data?.some((u) => u.userType !== 2 && u.userType !== 12) ? ['a user type outside 2, 12'] : [])),
  );
  await check('a search key that matches nobody gives an empty page', () =>
    page(`searchKey=${randomUUID()}`, (p) => (p.count === 0 && p.data?.length === 0 ? [] : [`count ${p.count}, ${p.data?.length} records`])),
  );
  await check('an offset past the end returns the last page, not an empty one', () =>
    page(`offset=${count + 1000}&limit=10`, (p) => (count > 0 && (p.data?.length ?? 0) === 0 ? ['empty page past the end'] : [])),
  );
  for (const [name, accessToken] of [
    ['a missing token is a 401 with a Huawei error body', null],
    ['an invalid token is a 401 with a Huawei error body', 'invalid-token-for-contract-check'],
  ] as const) {
    await check(name, async () => {
      const e = await get('', accessToken);
      const problems = conformance('', e).map((i) => `${i.name} ${i.message}`);
      return e.status === 401 ? problems : [...problems, `status ${e.status}, expected 401`];
    });
  }
  return results;
}
