// createMockApi: the mock in process, as a drop-in fetch, with no socket.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMeetingClient, MeetingApiError } from '../../src/index.js';
import { createMockApi, seedUsers, type User } from '../../src/mock/index.js';

const TOKEN = 'in-process-token-1';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createMockApi', () => {
  it('serves this client at the production base URL without opening a socket', async () => {
    const globalFetch = vi.spyOn(globalThis, 'fetch');
    const api = createMockApi({ userCount: 40, seed: 3 });
    const client = createMeetingClient({ accessToken: TOKEN, fetch: api.fetch, language: 'en-US' });
    const users: User[] = [];
    for await (const user of client.searchAllUsers({}, { pageSize: 7 })) users.push(user);
    expect(users.map((u) => u.id)).toEqual(api.store.users.filter((u) => u.userType === 2).map((u) => u.id));
    const target = users[0]?.userAccount ?? '';
    await client.batchUpdateUserStatus({ status: 1, accounts: [target] });
    expect(api.store.users.find((u) => u.userAccount === target)?.status).toBe(1);
    expect(globalFetch).not.toHaveBeenCalled();
  });

  it('accepts a Request, a URL or a string (a bare path too), ignoring the host', async () => {
    const api = createMockApi({ userCount: 5 });
    const headers = { 'X-Access-Token': TOKEN };
    const answers = await Promise.all([
      api.fetch('https://api.meeting.huaweicloud.com/v1/usg/dcs/corp/member?limit=1', { headers }),
      api.fetch(new URL('http://elsewhere.example/v1/usg/dcs/corp/member?limit=1'), { headers }),
      api.fetch(new Request('http://x/v1/usg/dcs/corp/member?limit=1', { headers })),
      api.fetch('/v1/usg/dcs/corp/member?limit=1', { headers }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  });

  it('records each exchange with the token redacted, and reset() restores the directory and clears them', async () => {
    const api = createMockApi({ userCount: 20 });
    const account = api.store.users.find((u) => u.status === 0 && u.userType === 2)?.userAccount ?? '';
    const put = await api.fetch(`/v1/usg/dcs/corp/member/status/1?accountType=0`, {
      method: 'PUT',
      headers: { 'X-Access-Token': TOKEN, 'Content-Type': 'application/json' },
      body: JSON.stringify([account]),
    });
    expect(put.status).toBe(200);
    expect(api.requests).toEqual([
      {
        method: 'PUT',
        url: '/v1/usg/dcs/corp/member/status/1?accountType=0',
        headers: { 'x-access-token': '[REDACTED]', 'content-type': 'application/json' },
        body: JSON.stringify([account]),
        json: [account],
        status: 200,
        language: 'zh-CN',
      },
    ]);
    expect(JSON.stringify(api.requests)).not.toContain(TOKEN);
    expect(api.store.users.find((u) => u.userAccount === account)?.status).toBe(1);
    api.reset();
    expect(api.requests).toEqual([]);
    expect(api.store.users.find((u) => u.userAccount === account)?.status).toBe(0);
  });

  it('serves your own users, and refuses a record that breaks the spec, naming it', async () => {
    const own = seedUsers({ userCount: 3, seed: 9 });
    const api = createMockApi({ users: own });
    const res = await api.fetch('/v1/usg/dcs/corp/member?limit=10&userType=2&userType=12&userType=13&userType=14&containsUnActive=true', {
      headers: { 'X-Access-Token': TOKEN },
    });
    expect(((await res.json()) as { data: User[] }).data).toEqual(own);
    const bad = [own[0], { ...own[1], status: 7 }] as User[];
    expect(() => createMockApi({ users: bad })).toThrow(/users\[1\]\/status/);
    expect(() => createMockApi({ users: 'nope' as unknown as User[] })).toThrow(/users must be an array/);
  });

  it('never changes the array it was given, and reset() goes back to it', async () => {
    const own = seedUsers({ userCount: 2 });
    const before = structuredClone(own);
    const api = createMockApi({ users: own });
    await api.fetch('/v1/usg/dcs/corp/member/status/1', {
      method: 'PUT',
      headers: { 'X-Access-Token': TOKEN, 'Content-Type': 'application/json' },
      body: JSON.stringify([own[0]?.userAccount]),
    });
    expect(own).toEqual(before);
    expect(api.store.toJSON()[0]?.status).toBe(1);
    api.reset();
    expect(api.store.toJSON()).toEqual(before);
  });

  it('with requireToken, answers any other token with 401 and the client gets its typed error', async () => {
    const api = createMockApi({ userCount: 5, requireToken: 'the-right-token' });
    const right = createMeetingClient({ accessToken: 'the-right-token', fetch: api.fetch, language: 'en-US' });
    const wrong = createMeetingClient({ accessToken: 'a-wrong-token', fetch: api.fetch, language: 'en-US', retry: { maxRetries: 0 } });
    expect((await right.searchUsers({})).count).toBeGreaterThan(0);
    const error = await wrong.searchUsers({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MeetingApiError);
    expect(error).toMatchObject({ status: 401, errorCode: 'USG.000000004' });
    expect(() => createMockApi({ requireToken: ' ' })).toThrow(/requireToken/);
  });

  it('injects faults: a 500, and a dropped connection as fetch reports one', async () => {
    const failing = createMockApi({ faults: { errorRate: 1 } });
    expect((await failing.fetch('/v1/usg/dcs/corp/member', { headers: { 'X-Access-Token': TOKEN } })).status).toBe(500);
    const dropping = createMockApi({ faults: { dropRate: 1 } });
    await expect(dropping.fetch('/v1/usg/dcs/corp/member', { headers: { 'X-Access-Token': TOKEN } })).rejects.toThrow(TypeError);
  });

  it('answers an exception inside one request with 500 and keeps serving', async () => {
    let calls = 0;
    const api = createMockApi({
      userCount: 3,
      authenticate: () => {
        calls++;
        if (calls === 1) throw new Error('a bug in the caller hook');
        return 'ok';
      },
    });
    const first = await api.fetch('/v1/usg/dcs/corp/member', { headers: { 'X-Access-Token': TOKEN } });
    expect(first.status).toBe(500);
    expect(await first.text()).not.toContain('a bug');
    expect((await api.fetch('/v1/usg/dcs/corp/member', { headers: { 'X-Access-Token': TOKEN } })).status).toBe(200);
  });

  it('ends a call the caller aborts, as fetch does', async () => {
    vi.useFakeTimers();
    try {
      const api = createMockApi({ faults: { latencyMs: 60_000 } });
      const controller = new AbortController();
      const pending = api.fetch('/v1/usg/dcs/corp/member', { headers: { 'X-Access-Token': TOKEN }, signal: controller.signal });
      controller.abort(new Error('caller gave up'));
      await expect(pending).rejects.toThrow('caller gave up');
    } finally {
      vi.useRealTimers();
    }
  });
});
