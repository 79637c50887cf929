// The MSW handlers: this client and a plain fetch through msw's setupServer, the mock's own
// validation behind them, and a typed override for one test.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMeetingClient, MeetingApiError } from '../../src/index.js';
import { createHttp, createMswHandlers, http } from '../../src/msw/index.js';

const mock = createMswHandlers({ userCount: 60, seed: 2 });
const server = setupServer(...mock.handlers);
const BASE = 'https://api.meeting.huaweicloud.com';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  mock.reset();
});
afterAll(() => server.close());

describe('createMswHandlers with setupServer', () => {
  it('serves this client at its default base URL, lists every page and changes status', async () => {
    const client = createMeetingClient({ accessToken: 'msw-token-123', language: 'en-US' });
    const ids: string[] = [];
    for await (const user of client.searchAllUsers({}, { pageSize: 9 })) ids.push(user.id ?? '');
    expect(ids).toEqual(mock.store.users.filter((u) => u.userType === 2).map((u) => u.id));
    const account = mock.store.users.find((u) => u.userType === 2 && u.status === 0)?.userAccount ?? '';
    await client.batchUpdateUserStatus({ status: 1, accounts: [account] });
    expect(mock.store.users.find((u) => u.userAccount === account)?.status).toBe(1);
    expect(mock.requests.at(-1)).toMatchObject({ method: 'PUT', status: 200, json: [account], headers: { 'x-access-token': '[REDACTED]' } });
  });

  it('serves a plain fetch as any other client sends it (Node fetch defaults included)', async () => {
    const account = mock.store.users.find((u) => u.userType === 2 && u.status === 1)?.userAccount ?? '';
    const put = await fetch(`${BASE}/v1/usg/dcs/corp/member/status/0`, {
      method: 'PUT',
      headers: { 'X-Access-Token': 't', 'Content-Type': 'application/json' },
      body: JSON.stringify([account]),
    });
    expect(put.status).toBe(200);
    const res = await fetch(`${BASE}/v1/usg/dcs/corp/member?searchKey=${account}`, { headers: { 'X-Access-Token': 't' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { status: number }[] }).data[0]?.status).toBe(0);
  });

  it("answers a request that breaks the spec with the mock's 400, naming every problem", async () => {
    const res = await fetch(`${BASE}/v1/usg/dcs/corp/member?status=7&limit=-1`, { headers: { 'X-Access-Token': 't' } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error_code: string; error_msg: string };
    expect(body.error_code).toBe('USG.000000000');
    expect(body.error_msg).toMatch(/limit .*status/);
    const wrongMethod = await fetch(`${BASE}/v1/usg/dcs/corp/member`, { method: 'DELETE', headers: { 'X-Access-Token': 't' } });
    expect([wrongMethod.status, wrongMethod.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
  });

  it('lets one test override an operation with the typed http: a 500 becomes the client typed error', async () => {
    server.use(
      http.get('/v1/usg/dcs/corp/member', ({ response }) =>
        response(500).json({ error_code: 'USG.000000000', error_msg: 'Server exception.', request_id: 'override-1' }),
      ),
    );
    // The override is typed by the spec: an unknown path does not compile.
    // @ts-expect-error not a path of the spec
    expect(() => http.get('/v1/no/such/path', () => undefined)).not.toThrow();
    const client = createMeetingClient({ accessToken: 'msw-token-123', language: 'en-US', retry: { maxRetries: 0 } });
    const error = await client.searchUsers({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MeetingApiError);
    expect(error).toMatchObject({ status: 500, errorCode: 'USG.000000000' });
  });

  it('answers at another base URL when told, and refuses one that is not a URL', async () => {
    const local = createMswHandlers({ baseUrl: 'http://127.0.0.1:4010', userCount: 3 });
    server.use(...local.handlers);
    const res = await fetch('http://127.0.0.1:4010/v1/usg/dcs/corp/member', { headers: { 'X-Access-Token': 't' } });
    expect(res.status).toBe(200);
    expect(local.requests).toHaveLength(1);
    expect(() => createMswHandlers({ baseUrl: 'not a url' })).toThrow(/baseUrl/);
    expect(() => createHttp('https://x.example/?a=1')).toThrow(/baseUrl/);
  });

  it('passes a dropped connection on as a network error', async () => {
    const dropping = createMswHandlers({ faults: { dropRate: 1 } });
    server.use(...dropping.handlers);
    await expect(fetch(`${BASE}/v1/usg/dcs/corp/member`, { headers: { 'X-Access-Token': 't' } })).rejects.toThrow(TypeError);
  });
});
