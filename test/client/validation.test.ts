// Bad input is refused before anything is sent, with every problem named by field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeetingClient, MeetingValidationError, type MeetingClientOptions, type SearchUsersQuery } from '../../src/index.js';
import { startServer, type TestServer } from './server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer([{ status: 500 }]);
});
afterAll(() => server.close());

function problemsOf(action: () => unknown): Promise<{ field: string; message: string }[]> {
  return Promise.resolve()
    .then(action)
    .then(
      () => {
        throw new Error('expected a MeetingValidationError');
      },
      (error: unknown) => {
        expect(error).toBeInstanceOf(MeetingValidationError);
        return (error as MeetingValidationError).problems;
      },
    );
}

const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('client options', () => {
  it('lists every bad option at once', async () => {
    const problems = await problemsOf(() =>
      createMeetingClient({
        accessToken: '',
        baseUrl: 'http://api.example.com',
        language: 'fr-FR',
        timeoutMs: 0,
        retry: { maxRetries: -1, baseDelayMs: 1.5, maxDelayMs: -3 },
        fetch: 'nope',
        onRequest: 1,
      } as unknown as MeetingClientOptions),
    );
    expect(fields(problems)).toEqual(['accessToken', 'baseUrl', 'language', 'timeoutMs', 'retry.maxRetries', 'retry.baseDelayMs', 'retry.maxDelayMs', 'fetch', 'onRequest']);
  });

  it('keeps the default of a retry option given as undefined', () => {
    expect(() => createMeetingClient({ accessToken: 'test-token', retry: { maxRetries: undefined, maxDelayMs: 50 } })).not.toThrow();
  });

  it.each([
    ['a line feed', 'abc\ndef'],
    ['a carriage return', 'abc\rdef'],
    // Headers.set throws on these, which surfaced as a MeetingNetworkError after the client was made.
    ['a NUL', 'abc\0def'],
    ['a zero-width space pasted with it', 'abc\u200bdef'],
    ['a character beyond Latin-1', 'abc\u20acdef'],
    ['a number', 42],
  ])('refuses a token with %s, without echoing it', async (_name, token) => {
    const problems = await problemsOf(() => createMeetingClient({ accessToken: token as string }));
    expect(fields(problems)).toEqual(['accessToken']);
    expect(JSON.stringify(problems)).not.toContain('abc');
  });

  it.each(['http://127.0.0.1:1', 'http://127.9.8.7', 'http://localhost:8080/base', 'http://[::1]:9', 'https://api.meeting.huaweicloud.com'])('accepts %s', (baseUrl) => {
    expect(() => createMeetingClient({ accessToken: 'test-token', baseUrl })).not.toThrow();
  });

  it.each([
    ['https://host.example?', 'https://host.example/v1/usg/dcs/corp/member'],
    ['https://host.example/base/#', 'https://host.example/base/v1/usg/dcs/corp/member'],
    ['https://host.example/base/?#', 'https://host.example/base/v1/usg/dcs/corp/member'],
    ['https://host.example/base ', 'https://host.example/base/v1/usg/dcs/corp/member'],
    [' https://host.example/', 'https://host.example/v1/usg/dcs/corp/member'],
  ])('sends to the URL that was checked for %j, not to the string with the path appended', async (baseUrl, expected) => {
    const urls: string[] = [];
    const client = createMeetingClient({
      accessToken: 'test-token',
      baseUrl,
      fetch: async (url) => {
        urls.push(url.split('?')[0] ?? url);
        return new Response('{"count":0,"data":[]}', { headers: { 'content-type': 'application/json' } });
      },
    });
    await client.searchUsers();
    expect(urls).toEqual([expected]);
  });

  it.each(['http://example.com', 'http://10.0.0.1', 'http://128.0.0.1', 'ftp://127.0.0.1', 'not a url', 'https://u:p@host', 'https://host/?a=1'])('refuses %s', async (baseUrl) => {
    expect(fields(await problemsOf(() => createMeetingClient({ accessToken: 'test-token', baseUrl })))).toContain('baseUrl');
  });

  it('refuses a non-object', async () => {
    expect(fields(await problemsOf(() => createMeetingClient(null as unknown as MeetingClientOptions)))).toEqual(['options']);
  });
});

describe('SearchUsers input', () => {
  it('lists every bad parameter and sends nothing', async () => {
    const client = createMeetingClient({ accessToken: 'test-token', baseUrl: server.baseUrl });
    const before = server.requests.length;
    const problems = await problemsOf(() =>
      client.searchUsers({
        offset: -1,
        limit: 0,
        sortField: 'name',
        isAsc: 'yes',
        adminType: 0,
        userType: [2, 3],
        status: 2,
        containsUnActive: 1,
        searchKey: 5,
        deptCode: null,
        enableSubDept: 'true',
        enableRoom: 0,
        bogus: 1,
      } as unknown as SearchUsersQuery),
    );
    expect(fields(problems)).toEqual([
      'query.offset',
      'query.limit',
      'query.sortField',
      'query.isAsc',
      'query.adminType',
      'query.userType[1]',
      'query.status',
      'query.containsUnActive',
      'query.searchKey',
      'query.deptCode',
      'query.enableSubDept',
      'query.enableRoom',
      'query.bogus',
    ]);
    expect(server.requests.length).toBe(before);
  });

  it.each([
    [{ offset: 1.5 }, 'query.offset'],
    [{ limit: 2 ** 31 }, 'query.limit'],
    [{ userType: [] }, 'query.userType'],
    [{ userType: 2 }, 'query.userType'],
    // A hole: forEach skipped it, and it went out as an empty userType value.
    // eslint-disable-next-line no-sparse-arrays
    [{ userType: [2, , 12] }, 'query.userType[1]'],
  ])('refuses %j', async (query, field) => {
    const client = createMeetingClient({ accessToken: 'test-token', baseUrl: server.baseUrl });
    expect(fields(await problemsOf(() => client.searchUsers(query as unknown as SearchUsersQuery)))).toEqual([field]);
  });

  it('refuses a query that is not an object and bad call options', async () => {
    const client = createMeetingClient({ accessToken: 'test-token', baseUrl: server.baseUrl });
    const problems = await problemsOf(() => client.searchUsers([] as unknown as SearchUsersQuery, { timeoutMs: -5, requestId: 'has space', signal: {} as AbortSignal }));
    expect(fields(problems)).toEqual(['query', 'timeoutMs', 'requestId', 'signal']);
  });

  it('refuses offset, limit and bad paging options in searchAllUsers before sending', async () => {
    const client = createMeetingClient({ accessToken: 'test-token', baseUrl: server.baseUrl });
    const before = server.requests.length;
    const problems = await problemsOf(async () => {
      for await (const user of client.searchAllUsers({ offset: 0, limit: 5 } as never, { pageSize: 0, concurrency: 0 })) void user;
    });
    expect(fields(problems)).toEqual(['query.offset', 'query.limit', 'pageSize', 'concurrency']);
    expect(server.requests.length).toBe(before);
  });
});

describe('BatchUpdateUserStatus input', () => {
  it('lists every bad field and sends nothing', async () => {
    const client = createMeetingClient({ accessToken: 'test-token', baseUrl: server.baseUrl });
    const before = server.requests.length;
    const problems = await problemsOf(() =>
      client.batchUpdateUserStatus({ status: 2, accountType: 3, accounts: ['ok', '', 7, '  '] } as never, { chunkSize: 0, concurrency: 1.5 }),
    );
    expect(fields(problems)).toEqual(['status', 'accountType', 'accounts[1]', 'accounts[2]', 'accounts[3]', 'chunkSize', 'concurrency']);
    expect(server.requests.length).toBe(before);
  });

  it.each([[[]], [undefined], ['a']])('refuses accounts %j', async (accounts) => {
    const client = createMeetingClient({ accessToken: 'test-token', baseUrl: server.baseUrl });
    expect(fields(await problemsOf(() => client.batchUpdateUserStatus({ status: 0, accounts } as never)))).toEqual(['accounts']);
  });

  it('refuses a hole in the account list (it would be sent as null)', async () => {
    const client = createMeetingClient({ accessToken: 'test-token', baseUrl: server.baseUrl });
    const before = server.requests.length;
    // eslint-disable-next-line no-sparse-arrays
    expect(fields(await problemsOf(() => client.batchUpdateUserStatus({ status: 0, accounts: ['a', , 'b'] as string[] })))).toEqual(['accounts[1]']);
    expect(fields(await problemsOf(() => client.batchUpdateUserStatus({ status: 0, accounts: new Array<string>(2) })))).toEqual(['accounts[0]', 'accounts[1]']);
    expect(server.requests.length).toBe(before);
  });

  it('refuses a missing input object', async () => {
    const client = createMeetingClient({ accessToken: 'test-token', baseUrl: server.baseUrl });
    expect(fields(await problemsOf(() => client.batchUpdateUserStatus(null as never)))).toEqual(['input']);
  });

  it('refuses a bad token from a provider at call time, without sending', async () => {
    const client = createMeetingClient({ accessToken: () => 'two\nlines', baseUrl: server.baseUrl });
    const before = server.requests.length;
    expect(fields(await problemsOf(() => client.searchUsers()))).toEqual(['accessToken']);
    expect(server.requests.length).toBe(before);
  });
});
