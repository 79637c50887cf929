// The mock behind Prism's validation proxy: every exchange of this suite is also judged by Prism,
// and any violation it reports fails the test.
import { createServer, type Server } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeetingClient, MeetingBatchError, type MeetingFetch } from '../../src/index.js';
import { createMockHandler, type MockHandler } from '../../src/mock/index.js';
import { createValidatingFetch, type DriftReport } from '../../src/response-validator/index.js';
import { putStatus, search, send, type Sent } from './support/http.js';
import { prismViolation, startPrism, type Prism } from './support/prism.js';
import { validSearchQuery, toQueryString } from './support/queries.js';

let mock: MockHandler;
let upstream: Server;
let prism: Prism;
// Lets one test put a deliberately broken server behind Prism, to prove Prism is really judging.
let broken = false;

beforeAll(async () => {
  mock = createMockHandler();
  upstream = createServer((req, res) => {
    if (!broken) return mock(req, res);
    res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'broken' });
    res.end(JSON.stringify({ count: 'one', data: [{ userType: 3 }] }));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const { port } = upstream.address() as { port: number };
  prism = await startPrism(`http://127.0.0.1:${port}`);
}, 30_000);

afterAll(async () => {
  await prism?.close();
  upstream?.closeAllConnections();
  await new Promise<void>((resolve) => upstream?.close(() => resolve()));
});

function expectNoViolation(res: Sent): Sent {
  expect(prismViolation(res.headers, res.text), prism.output().slice(-2000)).toBeUndefined();
  return res;
}

describe('the mock through Prism (prism proxy --errors)', () => {
  it.each([
    ['', 200],
    ['limit=3&offset=2&sortField=sortLevel&isAsc=false', 200],
    ['userType=2&userType=12&userType=13&userType=14&containsUnActive=true&limit=50', 200],
    ['searchKey=nobody-at-all', 200],
    ['offset=100000&limit=25', 200],
    ['deptCode=3&enableSubDept=false&adminType=2&status=0', 200],
    // Allowed by the spec (no bounds), refused by the stricter mock with a spec-valid 400.
    ['offset=-1', 400],
    ['limit=0', 400],
  ])('GET ?%s answers %i without a violation', async (query, status) => {
    const res = expectNoViolation(await search(prism.url, query));
    expect(res.status).toBe(status);
  });

  it('PUT changes a status (200, no body), and an unknown account is a spec-valid 400', async () => {
    const account = mock.store.users.find((u) => u.userType === 2 && u.status === 0)?.userAccount ?? '';
    const ok = expectNoViolation(await putStatus(prism.url, 1, [account], 'accountType=0'));
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('');
    const after = expectNoViolation(await search(prism.url, `searchKey=${account}`));
    expect((after.json as { data: { status: number }[] }).data[0]?.status).toBe(1);
    const unknown = expectNoViolation(await putStatus(prism.url, 0, ['nobody'], 'accountType=1'));
    expect(unknown.status).toBe(400);
    expect(unknown.json).toMatchObject({ error_code: 'USG.201040000' });
  });

  it('random valid queries: Prism finds no violation in any page', async () => {
    await fc.assert(
      fc.asyncProperty(validSearchQuery, async (query) => {
        const res = expectNoViolation(await search(prism.url, toQueryString(query)));
        expect(res.status).toBe(200);
      }),
      { numRuns: 30 },
    );
  });

  it('Prism itself refuses a request that breaks the spec (the proxy is really validating)', async () => {
    const bad = await send(prism.url, '/v1/usg/dcs/corp/member?userType=3');
    expect(prismViolation(bad.headers, bad.text)?.toLowerCase()).toContain('usertype');
    const star = await search(prism.url, '', { headers: { 'Accept-Language': '*' } });
    expect(prismViolation(star.headers, star.text)?.toLowerCase()).toContain('accept-language');
  });

  it('Prism refuses the deprecated enableRoom (a "deprecated" warning counts as a violation with --errors)', async () => {
    const res = await search(prism.url, 'enableRoom=true');
    expect(res.status).toBe(422);
    expect(prismViolation(res.headers, res.text)).toContain('deprecated');
    // The mock itself still accepts it, as the service is documented to.
    expect((await search(prism.url.replace(/:\d+$/, `:${(upstream.address() as { port: number }).port}`), 'enableRoom=true')).status).toBe(200);
  });

  it('Prism reports a response that breaks the spec (the loop can fail)', async () => {
    broken = true;
    try {
      const res = await search(prism.url, '');
      expect(prismViolation(res.headers, res.text)).toBeDefined();
    } finally {
      broken = false;
    }
  });
});

describe('the client through Prism in front of the mock', () => {
  function watchedClient() {
    const violations: string[] = [];
    const drift: DriftReport[] = [];
    const watching: MeetingFetch = async (url, init) => {
      const response = await fetch(url, init);
      const violation = prismViolation(response.headers, await response.clone().text());
      if (violation) violations.push(`${init.method ?? 'GET'} ${url}: ${violation}`);
      return response;
    };
    const validating = createValidatingFetch({ onDrift: (d) => drift.push(d), fetch: watching });
    const client = createMeetingClient({ accessToken: 'prism-token', baseUrl: prism.url, language: 'zh-CN', retry: { maxRetries: 0 }, fetch: validating });
    return { client, violations, drift };
  }

  it('reads every user of every type with concurrent pages, without a violation', async () => {
    const { client, violations, drift } = watchedClient();
    let n = 0;
    for await (const user of client.searchAllUsers({ userType: [2, 12, 13, 14], containsUnActive: true }, { pageSize: 150, concurrency: 4 })) {
      expect(user.id).toBe(mock.store.users[n]?.id);
      n++;
    }
    expect(n).toBe(mock.store.users.length);
    const page = await client.searchUsers({ searchKey: 'EXAMPLE', sortField: 'deptCode', isAsc: true, deptCode: '2', enableSubDept: true, adminType: 2, status: 0, limit: 7, offset: 3 });
    expect(page.data.length).toBeGreaterThan(0);
    expect(violations).toEqual([]);
    expect(drift).toEqual([]);
  });

  it('changes statuses in chunks and reports an unknown account, without a violation', async () => {
    const { client, violations, drift } = watchedClient();
    const accounts = mock.store.users.filter((u) => u.userType === 2).slice(20, 27).map((u) => u.thirdAccount ?? '');
    expect(await client.batchUpdateUserStatus({ status: 1, accounts, accountType: 1 }, { chunkSize: 3 })).toEqual({ updated: accounts });
    const error = await client.batchUpdateUserStatus({ status: 0, accounts: [...accounts, 'nobody'] }, { chunkSize: 4 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MeetingBatchError);
    expect(violations).toEqual([]);
    expect(drift).toEqual([]);
  });

  it('Prism forwarded only to the loopback mock', () => {
    const { port } = upstream.address() as { port: number };
    const targets = prism.forwardedTo();
    expect(targets.length).toBeGreaterThan(5);
    for (const target of targets) expect(target.startsWith(`http://127.0.0.1:${port}/v1/`)).toBe(true);
  });
});
