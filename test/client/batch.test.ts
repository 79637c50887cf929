// batchUpdateUserStatus: chunks, bounded concurrency, and an exact partition on partial failure.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMeetingClient, MeetingAbortError, MeetingApiError, MeetingBatchError, MeetingNetworkError, MeetingTimeoutError, type MeetingFetch } from '../../src/index.js';
import { startServer, type Handler, type TestServer } from './server.js';

let server: TestServer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
  server = undefined;
});

async function setup(handler: Handler, timeoutMs?: number) {
  server = await startServer(handler);
  return createMeetingClient({ accessToken: 'test-token', baseUrl: server.baseUrl, retry: { maxRetries: 0 }, timeoutMs });
}

const accounts = (n: number) => Array.from({ length: n }, (_, i) => `a${i}`);
const bodies = () => (server?.requests ?? []).map((r) => JSON.parse(r.body) as string[]);

describe('chunks', () => {
  it('sends chunks of 100 by default and resolves with every account in order', async () => {
    const client = await setup(() => ({ status: 200 }));
    const all = accounts(250);
    await expect(client.batchUpdateUserStatus({ status: 1, accounts: all })).resolves.toEqual({ updated: all });
    expect(bodies().map((b) => b.length).sort()).toEqual([100, 100, 50]);
    expect(bodies().flat().sort()).toEqual([...all].sort());
  });

  it('honours chunkSize and concurrency', async () => {
    // Each request is held until a second one is in flight (or it is the last): `most` is then
    // exactly the concurrency, however slowly the machine runs.
    let inFlight = 0;
    let most = 0;
    let release: (() => void)[] = [];
    const client = await setup(async (_request, index) => {
      most = Math.max(most, ++inFlight);
      const held = new Promise<void>((resolve) => release.push(resolve));
      if (inFlight === 2 || index === 6) {
        release.forEach((r) => r());
        release = [];
      }
      await held;
      inFlight--;
      return { status: 200 };
    });
    await client.batchUpdateUserStatus({ status: 0, accounts: accounts(20) }, { chunkSize: 3, concurrency: 2 });
    expect(bodies()).toHaveLength(7);
    expect(most).toBe(2);
  });

  it('gives each chunk its own request id derived from the caller\'s', async () => {
    const client = await setup(() => ({ status: 200 }));
    await client.batchUpdateUserStatus({ status: 0, accounts: accounts(5) }, { chunkSize: 2, requestId: 'job7', concurrency: 1 });
    expect(server?.requests.map((r) => r.headers['x-request-id'])).toEqual(['job7-1', 'job7-2', 'job7-3']);
  });
});

describe('partial failure', () => {
  /** A fetch that answers each chunk by the first account in it, with no network and no real time. */
  function scripted(): MeetingFetch {
    const stalled = () => new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{')) });
    return async (_url, init) => {
      const [first] = JSON.parse(init.body as string) as string[];
      switch (first) {
        case 'a0': // 200, then the body stalls: the status decides, the chunk is updated
          return new Response(stalled(), { status: 200 });
        case 'a3':
          return Response.json({ error_code: 'USG.201040000', error_msg: 'user does not exist' }, { status: 400 });
        case 'a6': // no status before the timeout
          return new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
        case 'a9':
          throw new TypeError('fetch failed');
        case 'a12': // 200, then the body breaks
          return new Response(new ReadableStream({ pull: (c) => c.error(new Error('reset')) }), { status: 200 });
        default:
          return new Response(null, { status: 200 });
      }
    };
  }

  it('says exactly which accounts were updated, which failed and which are unconfirmed', async () => {
    vi.useFakeTimers();
    const client = createMeetingClient({ accessToken: 'test-token', baseUrl: 'https://api.example.com', fetch: scripted(), retry: { maxRetries: 0 }, timeoutMs: 100 });
    const all = accounts(16);
    const pending = client.batchUpdateUserStatus({ status: 1, accounts: all }, { chunkSize: 3 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    const error = await pending;
    expect(error).toBeInstanceOf(MeetingBatchError);
    const batch = error as MeetingBatchError;
    expect(batch.updated).toEqual(['a0', 'a1', 'a2', 'a12', 'a13', 'a14', 'a15']);
    expect(batch.failed.map((f) => f.accounts)).toEqual([['a3', 'a4', 'a5']]);
    expect(batch.failed[0]?.error).toBeInstanceOf(MeetingApiError);
    expect(batch.failed[0]?.error).toMatchObject({ status: 400, errorCode: 'USG.201040000' });
    expect(batch.unconfirmed.map((f) => f.accounts)).toEqual([
      ['a6', 'a7', 'a8'],
      ['a9', 'a10', 'a11'],
    ]);
    expect(batch.unconfirmed.map((f) => f.error.constructor)).toEqual([MeetingTimeoutError, MeetingNetworkError]);
    expect(batch.message).toMatch(/^9 of 16 accounts not confirmed updated: 1 chunk\(s\) failed, 2 unconfirmed; first error: PUT .*USG\.201040000/);
    // Nothing lost, nothing counted twice.
    expect([...batch.updated, ...[...batch.failed, ...batch.unconfirmed].flatMap((f) => f.accounts)].sort()).toEqual([...all].sort());
  });

  it('counts a 200 whose body stalls as updated on a real connection too', async () => {
    const client = await setup(() => ({ status: 200, stallBody: true, body: 'never ends' }));
    await expect(client.batchUpdateUserStatus({ status: 0, accounts: ['a'] })).resolves.toEqual({ updated: ['a'] });
  });

  it('reports the chunk out when the caller aborts as unconfirmed, and the chunks not yet sent as failed', async () => {
    const controller = new AbortController();
    const client = await setup(() => {
      controller.abort();
      return { status: 200 };
    });
    const error = (await client
      .batchUpdateUserStatus({ status: 0, accounts: accounts(6) }, { chunkSize: 2, concurrency: 1, signal: controller.signal })
      .catch((e: unknown) => e)) as MeetingBatchError;
    expect(error).toBeInstanceOf(MeetingBatchError);
    expect(error.updated).toEqual([]);
    expect(error.unconfirmed.map((f) => f.accounts)).toEqual([['a0', 'a1']]);
    expect(error.failed.map((f) => f.accounts)).toEqual([
      ['a2', 'a3'],
      ['a4', 'a5'],
    ]);
    for (const f of [...error.failed, ...error.unconfirmed]) expect(f.error).toBeInstanceOf(MeetingAbortError);
    expect(server?.requests).toHaveLength(1);
  });
});
