// batchUpdateUserStatus: chunks, bounded concurrency, and an exact partition on partial failure.
import { afterEach, describe, expect, it } from 'vitest';
import { createMeetingClient, MeetingAbortError, MeetingApiError, MeetingBatchError, MeetingTimeoutError } from '../../src/index.js';
import { startServer, type Handler, type TestServer } from './server.js';

let server: TestServer | undefined;
afterEach(async () => {
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
    let inFlight = 0;
    let most = 0;
    const client = await setup(async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 15));
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
  it('says exactly which accounts were updated and which failed with which error', async () => {
    const client = await setup((req) => {
      const body = JSON.parse(req.body) as string[];
      if (body.includes('a4')) return { status: 400, body: { error_code: 'USG.201040000', error_msg: 'user does not exist' } };
      if (body.includes('a8')) return { delayMs: 500, status: 200 };
      return { status: 200 };
    }, 100);
    const all = accounts(10);
    const error = await client.batchUpdateUserStatus({ status: 1, accounts: all }, { chunkSize: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MeetingBatchError);
    const batch = error as MeetingBatchError;
    expect(batch.updated).toEqual(['a0', 'a1', 'a2', 'a9']);
    expect(batch.failed.map((f) => f.accounts)).toEqual([
      ['a3', 'a4', 'a5'],
      ['a6', 'a7', 'a8'],
    ]);
    expect(batch.failed[0]?.error).toBeInstanceOf(MeetingApiError);
    expect(batch.failed[0]?.error).toMatchObject({ status: 400, errorCode: 'USG.201040000' });
    expect(batch.failed[1]?.error).toBeInstanceOf(MeetingTimeoutError);
    expect(batch.message).toMatch(/^6 of 10 accounts were not updated \(2 failed chunk\(s\); first error: PUT .*USG\.201040000/);
    // Nothing lost, nothing counted twice.
    expect([...batch.updated, ...batch.failed.flatMap((f) => f.accounts)].sort()).toEqual([...all].sort());
  });

  it('reports the chunks not yet sent as aborted when the caller aborts', async () => {
    const controller = new AbortController();
    const client = await setup(() => {
      controller.abort();
      return { status: 200 };
    });
    const error = (await client
      .batchUpdateUserStatus({ status: 0, accounts: accounts(6) }, { chunkSize: 2, concurrency: 1, signal: controller.signal })
      .catch((e: unknown) => e)) as MeetingBatchError;
    expect(error).toBeInstanceOf(MeetingBatchError);
    expect(error.updated.length + error.failed.flatMap((f) => f.accounts).length).toBe(6);
    expect(error.failed.at(-1)?.error).toBeInstanceOf(MeetingAbortError);
    expect(error.failed.at(-1)?.accounts).toEqual(['a4', 'a5']);
  });
});
