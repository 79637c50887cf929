// Property-based tests of the mock (fast-check, bounded runs): valid queries give schema-valid
// pages that obey the filters; invalid input gets a 4xx, never a 5xx; and after any sequence of
// status changes a search shows exactly the last status set for each account.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockExchange, type MockServer, type SearchPage } from '../../src/mock/index.js';
import { createSpecValidator, loadBundledSpec } from '../../src/validation/index.js';
import { putStatus, search, SEARCH_PATH, send } from './support/http.js';
import { toQueryString, validSearchQuery } from './support/queries.js';

const validator = createSpecValidator(loadBundledSpec());
let mock: MockServer;
const sent: MockExchange[] = [];

beforeAll(async () => {
  mock = await startMockServer({ userCount: 300, onExchange: (e) => sent.push(e) });
});
afterAll(async () => {
  await mock.close();
});

const conforms = (url: string, res: { status: number; headers: Headers; text: string }, method = 'GET') =>
  validator.validateResponse({ method, url, status: res.status, headers: res.headers, body: res.text });

describe('mock properties', () => {
  it('random valid queries: 200, a schema-valid page that obeys the filters', async () => {
    await fc.assert(
      fc.asyncProperty(validSearchQuery, async (query) => {
        const qs = toQueryString(query);
        const res = await search(mock.url, qs);
        expect(res.status).toBe(200);
        expect(conforms(`${SEARCH_PATH}?${qs}`, res)).toEqual([]);
        const page = res.json as Required<SearchPage>;
        const types = query.userType ?? [2];
        expect(page.data.length).toBeLessThanOrEqual(query.limit ?? 10);
        expect(page.data.length).toBeLessThanOrEqual(page.count);
        if (page.count > 0) expect(page.data.length).toBeGreaterThan(0); // never empty past the end
        for (const user of page.data) {
          expect(types).toContain(user.userType);
          if (query.status !== undefined) expect(user.status).toBe(query.status);
          if (query.adminType !== undefined) expect(user.adminType).toBe(query.adminType);
        }
      }),
      { numRuns: 150 },
    );
  });

  const invalidQuery = fc.oneof(
    fc.record({ key: fc.constantFrom('offset', 'limit', 'adminType', 'status', 'userType'), value: fc.string({ maxLength: 5 }).filter((s) => !/^-?\d+$/.test(s)) }),
    fc.record({ key: fc.constantFrom('isAsc', 'enableSubDept', 'containsUnActive', 'enableRoom'), value: fc.string({ maxLength: 5 }).filter((s) => s !== 'true' && s !== 'false') }),
    fc.record({ key: fc.constantFrom('adminType'), value: fc.integer().filter((n) => n !== 1 && n !== 2).map(String) }),
    fc.record({ key: fc.constantFrom('status'), value: fc.integer().filter((n) => n !== 0 && n !== 1).map(String) }),
    fc.record({ key: fc.constantFrom('userType'), value: fc.integer().filter((n) => ![2, 12, 13, 14].includes(n)).map(String) }),
    fc.record({ key: fc.constantFrom('offset'), value: fc.integer({ max: -1 }).map(String) }),
    fc.record({ key: fc.constantFrom('limit'), value: fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 2 ** 31, max: 2 ** 40 })).map(String) }),
    fc.record({ key: fc.constantFrom('sortField'), value: fc.string().filter((s) => !['userType', 'adminType', 'ldapAccount', 'deptCode', 'status', 'sortLevel'].includes(s)) }),
  );

  it('random invalid queries, sent raw: 400 naming the parameter, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(invalidQuery, validSearchQuery, async ({ key, value }, valid) => {
        const qs = `${toQueryString({ ...valid, [key]: undefined })}&${new URLSearchParams([[key, value]]).toString()}`;
        const res = await search(mock.url, qs);
        expect(res.status).toBe(400);
        expect((res.json as { error_msg: string }).error_msg).toContain(key);
        expect(conforms(`${SEARCH_PATH}?${qs}`, res)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('random invalid status changes, sent raw: 4xx, never 5xx', async () => {
    const body = fc.oneof(fc.json(), fc.string(), fc.constant('[]'), fc.array(fc.oneof(fc.integer(), fc.boolean()), { minLength: 1 }).map((a) => JSON.stringify(a)));
    const value = fc.oneof(fc.constantFrom('0', '1'), fc.string({ minLength: 1, maxLength: 4 }).map(encodeURIComponent));
    await fc.assert(
      fc.asyncProperty(value, body, fc.constantFrom('', 'accountType=0', 'accountType=1', 'accountType=x'), async (v, b, q) => {
        const res = await send(mock.url, `${SEARCH_PATH}/status/${v}${q ? `?${q}` : ''}`, { method: 'PUT', body: b, headers: { 'Content-Type': 'application/json' } });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    mock.store.reset();
  });

  it('random sequences of status changes: a later search shows the last status of each account', async () => {
    const accounts = mock.store.users.filter((u) => u.userType === 2).slice(0, 12);
    const change = fc.record({
      status: fc.constantFrom(0 as const, 1 as const),
      accountType: fc.constantFrom(0 as const, 1 as const),
      picks: fc.uniqueArray(fc.nat(accounts.length - 1), { minLength: 1, maxLength: 5 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 8 }), async (changes) => {
        mock.store.reset();
        const expected = new Map(accounts.map((u) => [u.id, u.status]));
        for (const { status, accountType, picks } of changes) {
          const named = picks.map((i) => accounts[i]!).map((u) => (accountType === 1 ? u.thirdAccount : u.userAccount));
          const res = await putStatus(mock.url, status, named, `accountType=${accountType}`);
          expect(res.status).toBe(200);
          for (const i of picks) expected.set(accounts[i]!.id, status);
        }
        const page = (await search(mock.url, 'searchKey=user0&limit=1000')).json as Required<SearchPage>;
        for (const user of accounts) {
          expect(page.data.find((u) => u.id === user.id)?.status).toBe(expected.get(user.id));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('whatever random input came in, every answer the mock gave keeps to the spec', () => {
    expect(sent.length).toBeGreaterThan(400);
    const drifted = sent.filter((e) => e.status !== 404 && validator.validateResponse(e).length > 0);
    expect(drifted).toEqual([]);
  });
});
