// The embedded mock: request validation, SearchUsers semantics, status changes, and that every
// response it sends keeps to the spec.
import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { departmentAndDescendants, startMockServer, type MockExchange, type MockServer, type SearchPage, type User } from '../../src/mock/index.js';
import { createSpecValidator, loadBundledSpec } from '../../src/validation/index.js';
import { defaultHeaders, putStatus, search, send, statusPath } from './support/http.js';

const validator = createSpecValidator(loadBundledSpec());
const exchanges: MockExchange[] = [];
let mock: MockServer;

beforeAll(async () => {
  mock = await startMockServer({ onExchange: (e) => exchanges.push(e) });
});
beforeEach(() => mock.store.reset());
afterAll(async () => {
  await mock.close();
});

const page = (json: unknown) => json as SearchPage;
const users = () => mock.store.users;
const commonUsers = () => users().filter((u) => u.userType === 2);
const errorOf = (json: unknown) => json as { error_code: string; error_msg: string; request_id: string };

describe('SearchUsers on the mock', () => {
  it('defaults to common users, limit 10, offset 0', async () => {
    const res = await search(mock.url, '');
    expect(res.status).toBe(200);
    const body = page(res.json);
    expect(body).toMatchObject({ count: commonUsers().length, limit: 10, offset: 0 });
    expect(body.data).toEqual(commonUsers().slice(0, 10));
  });

  it('fuzzy-searches name, phone, email, account and third-party ID, ignoring case', async () => {
    const target = commonUsers()[42] as User;
    for (const key of [target.name, target.phone, target.email, target.userAccount, target.thirdAccount]) {
      const fragment = String(key).slice(1, -1).toUpperCase();
      const body = page((await search(mock.url, `searchKey=${encodeURIComponent(fragment)}&limit=1000`)).json);
      expect(body.data?.map((u) => u.id)).toContain(target.id);
      for (const u of body.data ?? []) {
        const fields = [u.name, u.phone, u.email, u.userAccount, u.thirdAccount].map((f) => String(f).toLowerCase());
        expect(fields.some((f) => f.includes(fragment.toLowerCase()))).toBe(true);
      }
    }
    expect(page((await search(mock.url, 'searchKey=no-such-person')).json)).toEqual({ count: 0, data: [], limit: 10, offset: 0 });
  });

  it('filters by department, with sub-departments unless enableSubDept=false', async () => {
    const withSub = page((await search(mock.url, 'deptCode=2&limit=1000')).json);
    const only = page((await search(mock.url, 'deptCode=2&enableSubDept=false&limit=1000')).json);
    expect(new Set(withSub.data?.map((u) => u.deptCode))).toEqual(new Set(['2', '4', '5']));
    expect(new Set(only.data?.map((u) => u.deptCode))).toEqual(new Set(['2']));
    expect(withSub.count).toBe(commonUsers().filter((u) => departmentAndDescendants('2').has(u.deptCode ?? '')).length);
  });

  it('filters by adminType, status and userType (repeated keys)', async () => {
    const admins = page((await search(mock.url, 'adminType=1&limit=1000')).json);
    expect(admins.count).toBeGreaterThan(0);
    expect(admins.data?.every((u) => u.adminType === 1)).toBe(true);
    const disabled = page((await search(mock.url, 'status=1&limit=1000')).json);
    expect(disabled.count).toBe(commonUsers().filter((u) => u.status === 1).length);
    const terminals = page((await search(mock.url, 'userType=12&userType=13&containsUnActive=true&limit=1000')).json);
    expect(new Set(terminals.data?.map((u) => u.userType))).toEqual(new Set([12, 13]));
    expect(terminals.count).toBe(users().filter((u) => u.userType === 12 || u.userType === 13).length);
  });

  it('leaves out inactive terminals unless containsUnActive=true', async () => {
    const all = 'userType=2&userType=12&userType=13&userType=14&limit=1000';
    const without = page((await search(mock.url, all)).json);
    const withInactive = page((await search(mock.url, `${all}&containsUnActive=true`)).json);
    const inactive = users().filter((u) => u.userType !== 2 && u.activeTime === undefined);
    expect(inactive.length).toBeGreaterThan(0);
    expect(withInactive.count).toBe(users().length);
    expect(without.count).toBe(users().length - inactive.length);
    expect(without.data?.some((u) => u.activeCode !== null)).toBe(false);
  });

  it('sorts by sortField, ascending unless isAsc=false, ldapAccount by account', async () => {
    const levels = (json: unknown) => page(json).data?.map((u) => u.sortLevel ?? 0) ?? [];
    const asc = levels((await search(mock.url, 'sortField=sortLevel&limit=1000')).json);
    const desc = levels((await search(mock.url, 'sortField=sortLevel&isAsc=false&limit=1000')).json);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(desc).toEqual([...asc].sort((a, b) => b - a));
    const accounts = page((await search(mock.url, 'sortField=ldapAccount&isAsc=false&limit=5')).json).data?.map((u) => u.userAccount);
    expect(accounts).toEqual(commonUsers().map((u) => u.userAccount).sort().reverse().slice(0, 5));
  });

  it('pages by record offset and returns the last page for an offset past the end', async () => {
    const count = commonUsers().length;
    const lastStart = Math.floor((count - 1) / 7) * 7;
    const second = page((await search(mock.url, 'offset=7&limit=7')).json);
    expect(second).toMatchObject({ count, limit: 7, offset: 7 });
    expect(second.data).toEqual(commonUsers().slice(7, 14));
    for (const offset of [count, count + 1, 2 ** 31 - 1]) {
      const past = page((await search(mock.url, `offset=${offset}&limit=7`)).json);
      expect(past.offset).toBe(lastStart);
      expect(past.data).toEqual(commonUsers().slice(lastStart));
      expect(past.data?.length).toBeGreaterThan(0);
    }
  });

  it('caps the page at maxLimit when configured', async () => {
    const capped = await startMockServer({ maxLimit: 3 });
    try {
      const body = page((await search(capped.url, 'limit=50')).json);
      expect(body.data).toHaveLength(3);
      expect(body.limit).toBe(50);
    } finally {
      await capped.close();
    }
  });

  it.each([
    ['offset=-1', 'offset'],
    ['limit=0', 'limit'],
    ['limit=ten', 'limit'],
    ['limit=1.5', 'limit'],
    ['limit=2147483648', 'limit'],
    ['limit=1&limit=2', 'limit'],
    ['userType=3', 'userType'],
    ['userType=2&userType=x', 'userType'],
    ['adminType=0', 'adminType'],
    ['status=2', 'status'],
    ['sortField=name', 'sortField'],
    ['isAsc=yes', 'isAsc'],
    ['enableSubDept=1', 'enableSubDept'],
    ['containsUnActive=', 'containsUnActive'],
  ])('answers %s with 400 naming %s', async (query, field) => {
    const res = await search(mock.url, query);
    expect(res.status).toBe(400);
    expect(errorOf(res.json).error_msg).toContain(field);
    expect(errorOf(res.json).request_id).toBe(res.headers.get('x-request-id'));
  });

  it('ignores query parameters the spec does not define', async () => {
    expect((await search(mock.url, 'unknown=1')).status).toBe(200);
  });

  it('accepts any well-formed Accept-Language (Node fetch sends "*", browsers send lists) and rejects a malformed one', async () => {
    for (const value of ['*', 'en-US,en;q=0.9', 'fr-CH, fr;q=0.9, *;q=0.5', 'zh-Hant-TW']) {
      expect((await search(mock.url, '', { headers: { 'Accept-Language': value } })).status, value).toBe(200);
    }
    for (const value of ['en_US', 'en-US;q=2', 'en-US;level=1', 'toolonglanguage']) {
      const res = await search(mock.url, '', { headers: { 'Accept-Language': value } });
      expect(res.status, value).toBe(400);
      expect(errorOf(res.json).error_msg).toContain('Accept-Language');
    }
  });
});

describe('authentication and request ids on the mock', () => {
  it('answers a missing or empty token with 401 USG.000000004', async () => {
    for (const token of ['', ' ']) {
      const res = await send(mock.url, statusPath(0), { method: 'PUT', headers: { 'X-Access-Token': token } });
      expect(res.status).toBe(401);
      expect(errorOf(res.json).error_code).toBe('USG.000000004');
      expect(errorOf(res.json).error_msg).toContain('X-Access-Token');
    }
  });

  it('echoes X-Request-Id, or generates one', async () => {
    const echoed = await search(mock.url, '', { headers: { 'X-Request-Id': 'trace-me-1' } });
    expect(echoed.headers.get('x-request-id')).toBe('trace-me-1');
    const generated = await search(mock.url, 'limit=x');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(errorOf(generated.json).request_id).toBe(generated.headers.get('x-request-id'));
  });

  it('lets an authenticate option answer 401 for a bad token and 403 for a forbidden one', async () => {
    const guarded = await startMockServer({ authenticate: (t) => (t === 'admin' ? 'ok' : t === 'member' ? 'forbidden' : 'invalid') });
    try {
      expect((await search(guarded.url, '', { headers: { 'X-Access-Token': 'admin' } })).status).toBe(200);
      const forbidden = await search(guarded.url, '', { headers: { 'X-Access-Token': 'member' } });
      expect(forbidden.status).toBe(403);
      const invalid = await search(guarded.url, '', { headers: { 'X-Access-Token': 'expired' } });
      expect(invalid.status).toBe(401);
      expect(errorOf(invalid.json).error_code).toBe('USG.000000004');
      expect(invalid.text).not.toContain('expired"');
    } finally {
      await guarded.close();
    }
  });

  it('answers 404 for an unknown path and 405 for a method the path lacks', async () => {
    expect((await send(mock.url, '/v1/usg/dcs/corp/nothing')).status).toBe(404);
    const wrong = await send(mock.url, '/v1/usg/dcs/corp/member', { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(errorOf(wrong.json).error_code).toBe('USG.000000000');
  });
});

describe('malformed request targets on the mock', () => {
  it('answers a path value that is not valid percent-encoding with 400, not 500', async () => {
    const res = await putStatus(mock.url, '%E0', ['user0001']);
    expect(res.status).toBe(400);
    expect(errorOf(res.json).error_msg).toContain('value');
  });

  it.each(['http://x:99999/v1/usg/dcs/corp/member', 'http://[::1/v1/usg/dcs/corp/member'])('answers the request target %s with 4xx, not 500', async (target) => {
    // fetch cannot send these; a raw client (or a broken proxy) can.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: mock.port, path: target, headers: defaultHeaders }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });
});

describe('BatchUpdateUserStatus on the mock', () => {
  it('changes the status of the named accounts, and a later search shows it', async () => {
    const [a, b] = commonUsers().filter((u) => u.status === 0) as [User, User];
    const res = await putStatus(mock.url, 1, [a.userAccount, b.userAccount]);
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(res.headers.get('content-type')).toBeNull();
    const after = page((await search(mock.url, `searchKey=${a.userAccount}`)).json);
    expect(after.data?.[0]).toMatchObject({ userAccount: a.userAccount, status: 1 });
  });

  it('reads accounts as third-party IDs when accountType=1', async () => {
    const user = commonUsers().find((u) => u.status === 1) as User;
    expect((await putStatus(mock.url, 0, [user.thirdAccount], 'accountType=1')).status).toBe(200);
    expect(users().find((u) => u.id === user.id)?.status).toBe(0);
    const asAccount = await putStatus(mock.url, 0, [user.thirdAccount], 'accountType=0');
    expect(asAccount.status).toBe(400);
  });

  it('answers unknown accounts with 400 USG.201040000 and changes nothing', async () => {
    const user = commonUsers().find((u) => u.status === 0) as User;
    const res = await putStatus(mock.url, 1, [user.userAccount, 'ghost-1', 'ghost-1']);
    expect(res.status).toBe(400);
    expect(errorOf(res.json)).toMatchObject({ error_code: 'USG.201040000' });
    expect(errorOf(res.json).error_msg).toContain('ghost-1');
    expect(users().find((u) => u.id === user.id)?.status).toBe(0);
  });

  it('names the accounts beyond five only by number', async () => {
    const res = await putStatus(mock.url, 1, ['g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'g7']);
    expect(errorOf(res.json).error_msg).toContain('and 2 more');
  });

  it.each([
    ['an empty list', 0, '[]', 'body'],
    ['a list of numbers', 0, '[1]', 'body/0'],
    ['an object', 0, '{"a":1}', 'body'],
    ['malformed JSON', 0, '["a"', 'body'],
    ['no body', 0, '', 'body'],
    ['a status outside 0|1', 2, '["user0001"]', 'value'],
    ['a status that is not a number', 'x', '["user0001"]', 'value'],
  ])('answers %s with 400 naming the field', async (_what, value, body, field) => {
    const res = await putStatus(mock.url, value, body);
    expect(res.status).toBe(400);
    expect(errorOf(res.json).error_msg).toContain(field);
  });

  it('answers a body that is not JSON by type with 400 naming Content-Type', async () => {
    const res = await putStatus(mock.url, 0, '["user0001"]', '', { headers: { 'Content-Type': 'text/plain' } });
    expect(res.status).toBe(400);
    expect(errorOf(res.json).error_msg).toContain('Content-Type');
    expect((await putStatus(mock.url, 0, '["user0001"]', 'accountType=5')).status).toBe(400);
  });

  it('answers a body over 1 MiB with 413', async () => {
    const res = await putStatus(mock.url, 0, JSON.stringify(['x'.repeat(1024 * 1024)]));
    expect(res.status).toBe(413);
    expect(errorOf(res.json).error_msg).toContain('1048576 bytes');
  });
});

describe('every response the mock sent', () => {
  it('validates against the spec', () => {
    expect(exchanges.length).toBeGreaterThan(40);
    const statuses = new Set<number>();
    for (const e of exchanges) {
      if (e.status === 404 || e.status === 405 || e.status === 413) continue; // refused before any operation of the spec
      statuses.add(e.status);
      expect(validator.validateResponse({ ...e }), `${e.method} ${e.url} -> ${e.status}`).toEqual([]);
    }
    expect([...statuses].sort()).toEqual([200, 400, 401]);
  });
});
