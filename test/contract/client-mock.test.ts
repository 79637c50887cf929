// The client against the mock, end to end over loopback: paging, status changes, typed errors,
// retries through injected faults, and the opt-in response validator watching it all.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMeetingClient, MeetingApiError, MeetingBatchError, MeetingNetworkError, type MeetingClientOptions } from '../../src/index.js';
import { startMockServer, type MockServer, type MockServerOptions } from '../../src/mock/index.js';
import { createValidatingFetch, type DriftReport } from '../../src/response-validator/index.js';

const TOKEN = 'e2e-token-0123456789';
const noWait = { sleep: async () => undefined };
let mock: MockServer;

beforeAll(async () => {
  mock = await startMockServer({ authenticate: (t) => (t === TOKEN ? 'ok' : 'invalid') });
});
beforeEach(() => mock.store.reset());
afterAll(async () => {
  await mock.close();
});

function clientFor(url: string, options: Partial<MeetingClientOptions> = {}) {
  const drift: DriftReport[] = [];
  const fetch = createValidatingFetch({ onDrift: (d) => drift.push(d), ...(options.fetch ? { fetch: options.fetch } : {}) });
  const client = createMeetingClient({ accessToken: TOKEN, baseUrl: url, language: 'en-US', clock: noWait, ...options, fetch });
  return { client, drift };
}

async function withMock<T>(options: MockServerOptions, run: (server: MockServer) => Promise<T>): Promise<T> {
  const server = await startMockServer(options);
  try {
    return await run(server);
  } finally {
    await server.close();
  }
}

const ALL = { userType: [2, 12, 13, 14] as (2 | 12 | 13 | 14)[], containsUnActive: true };

describe('the client against the mock', () => {
  it('reads every user exactly once, in order, with concurrent pages', async () => {
    const { client, drift } = clientFor(mock.url);
    const ids: string[] = [];
    for await (const user of client.searchAllUsers(ALL, { pageSize: 97, concurrency: 4 })) ids.push(user.id ?? '');
    expect(ids).toEqual(mock.store.users.map((u) => u.id));
    expect(drift).toEqual([]);
  });

  it('loses nothing when the server returns fewer records than asked for', async () => {
    await withMock({ maxLimit: 37, userCount: 200 }, async (capped) => {
      const { client } = clientFor(capped.url);
      const ids: string[] = [];
      for await (const user of client.searchAllUsers(ALL, { pageSize: 100, concurrency: 3 })) ids.push(user.id ?? '');
      expect(ids).toEqual(capped.store.users.map((u) => u.id));
    });
  });

  it('decodes one page exactly as the mock sent it', async () => {
    const { client } = clientFor(mock.url);
    const page = await client.searchUsers({ offset: 5, limit: 3, sortField: 'sortLevel', isAsc: false });
    expect(page).toEqual(mock.store.search({ offset: 5, limit: 3, sortField: 'sortLevel', isAsc: false }));
  });

  it('changes statuses in chunks, and a later search shows them', async () => {
    const { client, drift } = clientFor(mock.url);
    const targets = mock.store.users.filter((u) => u.userType === 2).slice(0, 10);
    const result = await client.batchUpdateUserStatus({ status: 1, accounts: targets.map((u) => u.thirdAccount ?? ''), accountType: 1 }, { chunkSize: 3, concurrency: 2 });
    expect(result.updated).toHaveLength(10);
    for (const user of targets) {
      const page = await client.searchUsers({ searchKey: user.userAccount ?? '' });
      expect(page.data.find((u) => u.id === user.id)?.status).toBe(1);
    }
    expect(drift).toEqual([]);
  });

  it('reports exactly which accounts were updated when one chunk names an unknown account', async () => {
    const { client } = clientFor(mock.url);
    const known = mock.store.users.filter((u) => u.userType === 2 && u.status === 0).slice(0, 6).map((u) => u.userAccount ?? '');
    const accounts = [...known.slice(0, 3), 'ghost', ...known.slice(3)];
    const error = await client.batchUpdateUserStatus({ status: 1, accounts }, { chunkSize: 2, concurrency: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MeetingBatchError);
    const batch = error as MeetingBatchError;
    expect(batch.failed.map((f) => f.accounts)).toEqual([[known[2], 'ghost']]);
    expect(batch.failed[0]?.error).toMatchObject({ status: 400, errorCode: 'USG.201040000' });
    expect(batch.updated).toEqual([known[0], known[1], known[3], known[4], known[5]]);
    // The mock changes all of a request or none: the state agrees with the client's account.
    const statusOf = (a: string) => mock.store.users.find((u) => u.userAccount === a)?.status;
    expect(batch.updated.map(statusOf)).toEqual([1, 1, 1, 1, 1]);
    expect(statusOf(known[2]!)).toBe(0);
  });

  it('surfaces a rejected token as a typed 401 without the token in it', async () => {
    const { client } = clientFor(mock.url, { accessToken: 'wrong-token-abcdef' });
    const error = await client.searchUsers().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MeetingApiError);
    expect(error).toMatchObject({ status: 401, errorCode: 'USG.000000004' });
    expect(JSON.stringify(error) + String(error)).not.toContain('wrong-token-abcdef');
  });

  it('retries injected 429 and 503 until it reads every page', async () => {
    await withMock({ userCount: 150, faults: { rateLimitRate: 0.25, unavailableRate: 0.15, seed: 7 } }, async (flaky) => {
      const attempts: number[] = [];
      const { client, drift } = clientFor(flaky.url, { retry: { maxRetries: 8 }, onResponse: (e) => attempts.push(e.status ?? 0) });
      const ids: string[] = [];
      for await (const user of client.searchAllUsers(ALL, { pageSize: 10, concurrency: 2 })) ids.push(user.id ?? '');
      expect(ids).toEqual(flaky.store.users.map((u) => u.id));
      expect(new Set(attempts)).toEqual(new Set([200, 429, 503]));
      // The validator wraps fetch, so it judges every attempt: exactly the injected 429s and 503s
      // (statuses the spec does not document) are drift, and no page that was read is.
      const faulty = attempts.filter((status) => status !== 200);
      expect(drift.map((d) => d.status)).toEqual(faulty);
      expect(drift.every((d) => d.issues.some((i) => i.in === 'status'))).toBe(true);
    });
  });

  it('gives up on a persistent 429 with a typed error; the validator reports the undocumented status', async () => {
    await withMock({ faults: { rateLimitRate: 1, retryAfterSeconds: 2 } }, async (limited) => {
      const { client, drift } = clientFor(limited.url, { retry: { maxRetries: 1 } });
      const error = await client.searchUsers().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MeetingApiError);
      expect(error).toMatchObject({ status: 429, headers: expect.objectContaining({ 'retry-after': '2' }) });
      // One report per attempt: the first try and its one retry.
      expect(drift).toHaveLength(2);
      for (const report of drift) {
        expect(report).toMatchObject({ operationId: 'SearchUsers', status: 429, issues: [{ in: 'status', name: '429' }] });
      }
    });
  });

  it('turns dropped connections into a MeetingNetworkError after its retries', async () => {
    await withMock({ faults: { dropRate: 1 } }, async (dropping) => {
      const { client } = clientFor(dropping.url, { retry: { maxRetries: 1 } });
      await expect(client.searchUsers()).rejects.toBeInstanceOf(MeetingNetworkError);
    });
  });
});
