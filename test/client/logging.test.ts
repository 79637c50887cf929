// The logging hooks see each attempt: method, path, status, duration and request id, no token.
import { afterEach, describe, expect, it } from 'vitest';
import { createMeetingClient, type RequestLogEntry, type ResponseLogEntry } from '../../src/index.js';
import { startServer, type TestServer } from './server.js';

const TOKEN = 'log-secret-token-5d41402a';
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('logging hooks', () => {
  it('report every attempt, including a retry and a failure without response', async () => {
    server = await startServer([{ status: 503 }, { body: { count: 0, data: [] } }, { destroy: true }]);
    const requests: RequestLogEntry[] = [];
    const responses: ResponseLogEntry[] = [];
    const client = createMeetingClient({
      accessToken: TOKEN,
      baseUrl: server.baseUrl,
      retry: { maxRetries: 1, baseDelayMs: 0, maxDelayMs: 0 },
      onRequest: (e) => requests.push(e),
      onResponse: (e) => responses.push(e),
    });
    await client.searchUsers({ searchKey: 'bob' }, { requestId: 'log-1' });
    expect(requests).toEqual([
      { method: 'GET', path: '/v1/usg/dcs/corp/member', requestId: 'log-1', attempt: 1 },
      { method: 'GET', path: '/v1/usg/dcs/corp/member', requestId: 'log-1', attempt: 2 },
    ]);
    expect(responses.map(({ status, attempt, requestId }) => ({ status, attempt, requestId }))).toEqual([
      { status: 503, attempt: 1, requestId: 'log-1' },
      { status: 200, attempt: 2, requestId: 'log-1' },
    ]);
    for (const entry of responses) expect(entry.durationMs).toBeGreaterThanOrEqual(0);

    await client.batchUpdateUserStatus({ status: 0, accounts: ['a'] }).catch(() => undefined);
    const last = responses.at(-1);
    expect(last).toMatchObject({ method: 'PUT', path: '/v1/usg/dcs/corp/member/status/0', status: undefined });
    expect(last?.error?.name).toBe('MeetingNetworkError');
    expect(JSON.stringify([requests, responses])).not.toContain(TOKEN);
  });

  it('never let a throwing hook break the call', async () => {
    server = await startServer([{ body: { count: 0, data: [] } }]);
    const client = createMeetingClient({
      accessToken: TOKEN,
      baseUrl: server.baseUrl,
      onRequest: () => {
        throw new Error('logger down');
      },
      onResponse: () => {
        throw new Error('logger down');
      },
    });
    await expect(client.searchUsers()).resolves.toMatchObject({ count: 0 });
  });
});
