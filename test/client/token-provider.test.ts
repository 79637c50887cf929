// A token provider that never settles is cut by the call's timeout and by the caller's signal, on
// every way in; nothing is sent.
import { afterEach, describe, expect, it } from 'vitest';
import { createMeetingClient, MeetingAbortError, MeetingBatchError, MeetingError, MeetingTimeoutError, type MeetingClient } from '../../src/index.js';
import { startServer, type TestServer } from './server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Call = (client: MeetingClient, options: { signal?: AbortSignal; timeoutMs?: number }) => Promise<unknown>;

/** Each way in, reduced to the error it ends with (a batch's first chunk error). */
const calls: [string, Call][] = [
  ['searchUsers', (c, o) => c.searchUsers({}, o)],
  [
    'searchAllUsers',
    async (c, o) => {
      for await (const user of c.searchAllUsers({}, o)) void user;
    },
  ],
  ['batchUpdateUserStatus', (c, o) => c.batchUpdateUserStatus({ status: 1, accounts: ['a'] }, o).catch((e: MeetingBatchError) => Promise.reject(e.failed[0]?.error ?? e))],
  // raw takes no timeout per call: the client's own applies (set below for the timeout case).
  ['raw', (c, o) => c.raw.GET('/v1/usg/dcs/corp/member', { signal: o.signal })],
];

async function neverSettling(timeoutMs?: number) {
  server = await startServer([{ body: { count: 0, data: [] } }]);
  return createMeetingClient({ accessToken: () => new Promise<string>(() => undefined), baseUrl: server.baseUrl, retry: { maxRetries: 2, baseDelayMs: 0, maxDelayMs: 0 }, timeoutMs });
}

async function errorOf(promise: Promise<unknown>): Promise<MeetingError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(MeetingError);
  return error as MeetingError;
}

describe('a token provider that never settles', () => {
  it.each(calls)('%s: times out after timeoutMs, sends nothing', async (_name, call) => {
    const client = await neverSettling(30);
    const error = await errorOf(call(client, {}));
    expect(error).toBeInstanceOf(MeetingTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 30 });
    expect(server?.requests).toHaveLength(0);
  });

  it.each(calls)('%s: ends with MeetingAbortError when the caller aborts, sends nothing', async (_name, call) => {
    // A timeout far beyond the test's: only the abort can end the call.
    const client = await neverSettling(600_000);
    const controller = new AbortController();
    const pending = errorOf(call(client, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 5);
    expect(await pending).toBeInstanceOf(MeetingAbortError);
    expect(server?.requests).toHaveLength(0);
  });
});
