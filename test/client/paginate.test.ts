// searchAllUsers: exactly once, in order, stops on `count`, copes with short pages, changing
// counts, failures and early exits, and never holds more than a few pages.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMeetingClient, MeetingApiError, MeetingIncompleteListingError, MeetingMalformedResponseError, type MeetingUser } from '../../src/index.js';
import { fakeUsers, pagingHandler, startServer, type Handler, type Recorded, type TestServer } from './server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(handler: Handler) {
  server = await startServer(handler);
  return createMeetingClient({ accessToken: 'test-token', baseUrl: server.baseUrl, retry: { maxRetries: 0 } });
}

async function collect(users: AsyncIterable<MeetingUser>): Promise<string[]> {
  const ids: string[] = [];
  for await (const user of users) ids.push(user.id ?? '?');
  return ids;
}

const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `u${from + i}`);
const paging = (requests: Recorded[]) =>
  requests.map((r) => {
    const q = new URL(r.url, 'http://x').searchParams;
    return [Number(q.get('offset')), Number(q.get('limit'))];
  });

describe('reading every user once', () => {
  it('stops on count although a page past the end is never empty', async () => {
    const client = await setup(pagingHandler(() => 25));
    expect(await collect(client.searchAllUsers({}, { pageSize: 10 }))).toEqual(ids(0, 25));
    expect(paging(server?.requests ?? [])).toEqual([
      [0, 10],
      [10, 10],
      [20, 5],
    ]);
  });

  it('sends no extra request when count is a multiple of the page size, and passes the filters', async () => {
    const client = await setup(pagingHandler(() => 20));
    expect(await collect(client.searchAllUsers({ userType: [2, 12], status: 0 }, { pageSize: 10 }))).toEqual(ids(0, 20));
    expect(server?.requests.map((r) => r.url)).toEqual([
      '/v1/usg/dcs/corp/member?userType=2&userType=12&status=0&offset=0&limit=10',
      '/v1/usg/dcs/corp/member?userType=2&userType=12&status=0&offset=10&limit=10',
    ]);
  });

  it('defaults to pages of 100', async () => {
    const client = await setup(pagingHandler(() => 150));
    expect(await collect(client.searchAllUsers())).toEqual(ids(0, 150));
    expect(paging(server?.requests ?? [])).toEqual([
      [0, 100],
      [100, 50],
    ]);
  });

  it('reads nothing more when count is 0', async () => {
    const client = await setup(pagingHandler(() => 0));
    expect(await collect(client.searchAllUsers())).toEqual([]);
    expect(server?.requests).toHaveLength(1);
  });

  it.each([1, 3])('advances by what it received when the server caps limit (concurrency %i)', async (concurrency) => {
    const client = await setup(pagingHandler(() => 23, 4));
    expect(await collect(client.searchAllUsers({}, { pageSize: 10, concurrency }))).toEqual(ids(0, 23));
    // With several pages in flight they may arrive in any order.
    expect(paging(server?.requests ?? []).map(([offset]) => offset).sort((a = 0, b = 0) => a - b)).toEqual([0, 4, 8, 12, 16, 20]);
  });

  it('fills the gap when a later page is shorter than asked', async () => {
    // Every third request returns only 2 records, whatever was asked.
    const client = await setup((req, index) => {
      const q = new URL(req.url, 'http://x').searchParams;
      const offset = Number(q.get('offset'));
      const limit = index % 3 === 2 ? 2 : Number(q.get('limit'));
      return { body: { count: 40, data: fakeUsers(offset, limit, 40) } };
    });
    expect(await collect(client.searchAllUsers({}, { pageSize: 7, concurrency: 3 }))).toEqual(ids(0, 40));
  });

  it('caps a page that holds more than asked, and ignores the response offset', async () => {
    const client = await setup((req) => {
      const offset = Number(new URL(req.url, 'http://x').searchParams.get('offset'));
      return { body: { count: 12, offset: 99, limit: 1, data: fakeUsers(offset, 8, 12) } };
    });
    expect(await collect(client.searchAllUsers({}, { pageSize: 5 }))).toEqual(ids(0, 12));
  });

  it('holds for any count, page size, server cap, short pages and concurrency', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 15 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 8 }),
        async (count, pageSize, cap, concurrency, shortBy) => {
          const s = await startServer((req, index) => {
            const q = new URL(req.url, 'http://x').searchParams;
            const total = count;
            const limit = Math.min(Number(q.get('limit')), cap, shortBy[index % shortBy.length] ?? cap);
            let offset = Number(q.get('offset'));
            if (offset >= total) offset = Math.max(0, total - limit);
            return { body: { count: total, data: fakeUsers(offset, limit, total) } };
          });
          try {
            const client = createMeetingClient({ accessToken: 'test-token', baseUrl: s.baseUrl, retry: { maxRetries: 0 } });
            expect(await collect(client.searchAllUsers({}, { pageSize, concurrency }))).toEqual(ids(0, count));
          } finally {
            await s.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('request ids', () => {
  it('makes the caller\'s requestId the prefix of each page\'s id', async () => {
    const client = await setup(pagingHandler(() => 25));
    expect(await collect(client.searchAllUsers({}, { pageSize: 10, requestId: 'job-42' }))).toEqual(ids(0, 25));
    expect(server?.requests.map((r) => r.headers['x-request-id'])).toEqual(['job-42-1', 'job-42-2', 'job-42-3']);
  });

  it('gives every page a fresh UUID otherwise', async () => {
    const client = await setup(pagingHandler(() => 25));
    await collect(client.searchAllUsers({}, { pageSize: 10 }));
    expect(new Set(server?.requests.map((r) => r.headers['x-request-id'])).size).toBe(3);
  });
});

describe('concurrency and memory', () => {
  it('fetches the first page alone, then at most `concurrency` at once, yielding in order', async () => {
    // Pages after the first are held until four are in flight (or the last one arrives), then answered
    // latest first: the order and the count hold however slowly the machine runs.
    let inFlight = 0;
    let most = 0;
    let held: { offset: number; release: () => void }[] = [];
    const log: string[] = [];
    const client = await setup(async (req) => {
      const offset = Number(new URL(req.url, 'http://x').searchParams.get('offset'));
      most = Math.max(most, ++inFlight);
      log.push(`start ${offset}`);
      if (offset > 0) {
        const wait = new Promise<void>((release) => held.push({ offset, release }));
        if (held.length === 4 || offset === 90) {
          for (const h of held.reverse()) h.release();
          held = [];
        }
        await wait;
      }
      log.push(`end ${offset}`);
      inFlight--;
      return { body: { count: 100, data: fakeUsers(offset, 10, 100) } };
    });
    expect(await collect(client.searchAllUsers({}, { pageSize: 10, concurrency: 4 }))).toEqual(ids(0, 100));
    expect(most).toBe(4);
    expect(log.slice(0, 3)).toEqual(['start 0', 'end 0', 'start 10']);
    // Answered out of order, yielded in order all the same.
    expect(log.filter((l) => l.startsWith('end')).slice(1, 5)).not.toEqual(['end 10', 'end 20', 'end 30', 'end 40']);
  });

  it('does not read ahead of a slow consumer beyond the pages in flight', async () => {
    let answered = 0;
    server = await startServer(pagingHandler(() => 10_000));
    const client = createMeetingClient({
      accessToken: 'test-token',
      baseUrl: server.baseUrl,
      fetch: async (url, init) => {
        const response = await fetch(url, init);
        answered++;
        return response;
      },
    });
    const users = client.searchAllUsers({}, { pageSize: 10, concurrency: 3 });
    await users.next();
    // Once the three pages in flight are answered, nothing more can be asked for until the
    // consumer reads on: waiting for them (not for a fixed time) holds on a busy machine.
    await vi.waitFor(() => expect(answered).toBe(4), { timeout: 20_000 });
    await new Promise((r) => setTimeout(r, 50));
    // The first page plus three in flight: memory is bounded by pages, not by users.
    expect(server.requests.length).toBe(4);
    await users.return();
  });

  it('aborts the pages in flight when the consumer stops early', async () => {
    // Pages after the first never answer: only the abort can end them.
    server = await startServer(async (req) => {
      const offset = Number(new URL(req.url, 'http://x').searchParams.get('offset'));
      if (offset > 0) await new Promise(() => undefined);
      return { body: { count: 1000, data: fakeUsers(offset, 10, 1000) } };
    });
    const signals: AbortSignal[] = [];
    const client = createMeetingClient({
      accessToken: 'test-token',
      baseUrl: server.baseUrl,
      fetch: (url, init) => {
        if (init.signal) signals.push(init.signal);
        return fetch(url, init);
      },
    });
    const seen: string[] = [];
    for await (const user of client.searchAllUsers({}, { pageSize: 10, concurrency: 4 })) {
      seen.push(user.id ?? '');
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(ids(0, 3));
    expect(signals).toHaveLength(5);
    expect(signals.map((s) => s.aborted)).toEqual([false, true, true, true, true]);
  });
});

describe('when the data changes or a page fails', () => {
  it('stops when count shrinks and never yields a repeated last page', async () => {
    let total = 30;
    const client = await setup((req, index) => {
      const reply = pagingHandler(() => total)(req, index);
      total = 15;
      return reply;
    });
    expect(await collect(client.searchAllUsers({}, { pageSize: 10 }))).toEqual(ids(0, 15));
  });

  it('throws MeetingIncompleteListingError on an empty page before count, after yielding what it read', async () => {
    const client = await setup((req) => {
      const offset = Number(new URL(req.url, 'http://x').searchParams.get('offset'));
      return { body: { count: 50, data: offset >= 20 ? [] : fakeUsers(offset, 10, 50) } };
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const user of client.searchAllUsers({}, { pageSize: 10, concurrency: 2 })) seen.push(user.id ?? '');
    })().catch((e: unknown) => e);
    expect(seen).toEqual(ids(0, 20));
    expect(error).toBeInstanceOf(MeetingIncompleteListingError);
    expect(error).toMatchObject({ name: 'MeetingIncompleteListingError', received: 20, count: 50 });
    expect((error as Error).message).toBe('searchAllUsers got an empty page after 20 of 50 users');
  });

  it('throws it too when the rest of a short page comes back empty', async () => {
    // 25 users, but the server never returns more than the first 23.
    const client = await setup((req) => {
      const q = new URL(req.url, 'http://x').searchParams;
      const offset = Number(q.get('offset'));
      return { body: { count: 25, data: fakeUsers(offset, Number(q.get('limit')), 23) } };
    });
    await expect(collect(client.searchAllUsers({}, { pageSize: 10 }))).rejects.toMatchObject({ received: 23, count: 25 });
  });

  it('ends cleanly when the empty page reports the smaller count of a shrunk directory', async () => {
    // 30 users, then 10 are removed: the page at offset 20 is empty and says count 20.
    const client = await setup((req) => {
      const offset = Number(new URL(req.url, 'http://x').searchParams.get('offset'));
      return { body: offset >= 20 ? { count: 20, data: [] } : { count: 30, data: fakeUsers(offset, 10, 30) } };
    });
    expect(await collect(client.searchAllUsers({}, { pageSize: 10 }))).toEqual(ids(0, 20));
    expect(server?.requests).toHaveLength(3);
  });

  it('ends even if count keeps growing, after the first count', async () => {
    let total = 20;
    const client = await setup((req, index) => {
      total += 10;
      return pagingHandler(() => total)(req, index);
    });
    expect(await collect(client.searchAllUsers({}, { pageSize: 10, concurrency: 2 }))).toEqual(ids(0, 30));
  });

  it('throws the failed page\'s error after yielding every user before it', async () => {
    const client = await setup((req, index) => {
      const offset = Number(new URL(req.url, 'http://x').searchParams.get('offset'));
      if (offset === 20) return { status: 400, body: { error_code: 'USG.1', error_msg: 'boom' } };
      return pagingHandler(() => 50)(req, index);
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const user of client.searchAllUsers({}, { pageSize: 10, concurrency: 3 })) seen.push(user.id ?? '');
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MeetingApiError);
    expect(seen).toEqual(ids(0, 20));
  });

  it('rejects a first page without count', async () => {
    const client = await setup(() => ({ body: { data: [] } }));
    await expect(collect(client.searchAllUsers())).rejects.toBeInstanceOf(MeetingMalformedResponseError);
  });

  it('honours the caller\'s signal', async () => {
    const client = await setup(pagingHandler(() => 100));
    const controller = new AbortController();
    const seen: string[] = [];
    const error = await (async () => {
      for await (const user of client.searchAllUsers({}, { pageSize: 10, signal: controller.signal })) {
        seen.push(user.id ?? '');
        if (seen.length === 15) controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'MeetingAbortError' });
    expect(seen).toEqual(ids(0, 20));
  });
});
