// Every way a call can fail gives its own typed error, and none of them carries the token.
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createMeetingClient,
  MeetingAbortError,
  MeetingApiError,
  MeetingBatchError,
  MeetingError,
  MeetingMalformedResponseError,
  MeetingNetworkError,
  MeetingTimeoutError,
  MeetingValidationError,
  type MeetingClientOptions,
} from '../../src/index.js';
import { startServer, type Reply, type TestServer } from './server.js';

const TOKEN = 'Tk-7f3a9c-DISTINCTIVE-SECRET-41b2';
const noRetry = { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0 };
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function client(replies: Reply[], options: Partial<MeetingClientOptions> = {}) {
  server = await startServer(replies);
  return createMeetingClient({ accessToken: TOKEN, baseUrl: server.baseUrl, retry: noRetry, ...options });
}

async function failure(promise: Promise<unknown>): Promise<MeetingError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MeetingError);
  return error as MeetingError;
}

/** Every rendering of the error and of its cause chain. */
function renderings(error: unknown): string[] {
  const out = [String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })];
  for (let e: unknown = error; e instanceof Error; e = e.cause) out.push(e.message, e.stack ?? '', JSON.stringify(Object.entries(e)));
  return out;
}

function expectNoToken(error: unknown): void {
  for (const text of renderings(error)) expect(text).not.toContain(TOKEN);
}

describe('MeetingApiError', () => {
  it('carries status, code, message, request id from the body, method, path and redacted headers', async () => {
    const c = await client([
      {
        status: 401,
        headers: { 'x-request-id': 'hdr-id', 'set-cookie': `s=${TOKEN}`, 'x-echo': `token ${TOKEN}` },
        body: { error_code: 'USG.000000004', error_msg: `token ${TOKEN} expired`, request_id: 'body-id' },
      },
    ]);
    const error = await failure(c.searchUsers({ searchKey: 'x' }));
    expect(error).toBeInstanceOf(MeetingApiError);
    const e = error as MeetingApiError;
    expect(e).toMatchObject({ status: 401, errorCode: 'USG.000000004', requestId: 'body-id', method: 'GET', path: '/v1/usg/dcs/corp/member' });
    expect(e.errorMessage).toBe('token [REDACTED] expired');
    expect(e.headers['set-cookie']).toBe('[REDACTED]');
    expect(e.headers['x-echo']).toBe('token [REDACTED]');
    expect(e.message).toContain('USG.000000004');
    expectNoToken(e);
  });

  it.each<[string, Reply, Partial<MeetingApiError>]>([
    ['an empty body', { status: 403, headers: { 'x-request-id': 'r1' } }, { status: 403, errorCode: undefined, errorMessage: undefined, requestId: 'r1' }],
    ['an HTML gateway page', { status: 502, headers: { 'content-type': 'text/html' }, body: '<html><body>Bad Gateway</body></html>' }, { status: 502, errorCode: undefined, errorMessage: '<html><body>Bad Gateway</body></html>' }],
    ['JSON without error_code', { status: 400, headers: { 'x-request-id': 'r2' }, body: { message: 'nope' } }, { status: 400, errorCode: undefined, errorMessage: '{"message":"nope"}', requestId: 'r2' }],
    ['an error body without request_id', { status: 500, headers: { 'x-request-id': 'from-header' }, body: { error_code: 'USG.1', error_msg: 'm' } }, { requestId: 'from-header', errorCode: 'USG.1', errorMessage: 'm' }],
  ])('is clear for %s', async (_name, reply, expected) => {
    const c = await client([reply]);
    const error = await failure(c.batchUpdateUserStatus({ status: 0, accounts: ['a'] }, { requestId: 'sent-id' }));
    expect(error).toBeInstanceOf(MeetingBatchError);
    const cause = (error as MeetingBatchError).failed[0]?.error;
    expect(cause).toBeInstanceOf(MeetingApiError);
    expect(cause).toMatchObject({ method: 'PUT', path: '/v1/usg/dcs/corp/member/status/0', ...expected });
    expect(cause?.message).toMatch(/^PUT \/v1\/usg\/dcs\/corp\/member\/status\/0 failed with HTTP \d{3}: .+/);
    expectNoToken(error);
  });

  it('falls back to the sent request id when the server gives none', async () => {
    const c = await client([{ status: 404 }]);
    expect(await failure(c.searchUsers({}, { requestId: 'mine' }))).toMatchObject({ status: 404, requestId: 'mine' });
  });

  it('does not follow a redirect (the token would go with it)', async () => {
    const c = await client([{ status: 302, headers: { location: 'http://127.0.0.2:1/steal' } }]);
    expect(await failure(c.searchUsers())).toMatchObject({ name: 'MeetingApiError', status: 302 });
  });
});

describe('MeetingMalformedResponseError', () => {
  it.each<[string, Reply, string]>([
    ['HTML', { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>maintenance</html>' }, 'the body is not JSON'],
    ['JSON declared but broken', { status: 200, headers: { 'content-type': 'application/json' }, body: '{"count": 1,' }, 'the body is not JSON'],
    ['an empty body', { status: 200 }, 'the body is empty'],
    ['an empty body with a length', { status: 200, headers: { 'content-length': '0' } }, 'the body is empty'],
    ['an array', { status: 200, body: [1] }, 'the body is not a JSON object'],
    ['no count', { status: 200, body: { data: [] } }, '`count` is missing or not a non-negative integer'],
    ['a negative count', { status: 200, body: { count: -1, data: [] } }, '`count` is missing or not a non-negative integer'],
    ['no data', { status: 200, body: { count: 1 } }, '`data` is missing or not an array'],
    ['a string limit', { status: 200, body: { count: 1, limit: '10', data: [] } }, '`limit` is not a number'],
    ['a user that is not an object', { status: 200, body: { count: 1, data: ['x'] } }, '`data` holds a value that is not an object'],
  ])('is thrown for a 2xx with %s, never undefined data', async (_name, reply, reason) => {
    const c = await client([{ ...reply, headers: { 'x-request-id': 'rid', ...reply.headers } }]);
    const error = await failure(c.searchUsers());
    expect(error).toBeInstanceOf(MeetingMalformedResponseError);
    expect(error).toMatchObject({ status: 200, reason, requestId: 'rid', method: 'GET' });
    expectNoToken(error);
  });

  it('redacts and truncates the body excerpt', async () => {
    const c = await client([{ status: 200, body: `not json ${TOKEN} ${'x'.repeat(500)}` }]);
    const error = (await failure(c.searchUsers())) as MeetingMalformedResponseError;
    expect(error.bodyExcerpt.startsWith('not json [REDACTED] xxx')).toBe(true);
    expect(error.bodyExcerpt.length).toBeLessThan(230);
    expectNoToken(error);
  });

  it('leaves no part of a token that straddles the excerpt cut', async () => {
    // Cut first and redacted after, the excerpt kept the token's first 12 characters.
    const body = `${'x'.repeat(188)}${TOKEN}${'y'.repeat(50)}`;
    const c = await client([{ status: 200, body }, { status: 502, headers: { 'content-type': 'text/html' }, body }]);
    const malformed = (await failure(c.searchUsers())) as MeetingMalformedResponseError;
    const api = (await failure(c.searchUsers())) as MeetingApiError;
    for (const text of [malformed.bodyExcerpt, api.errorMessage ?? '', ...renderings(malformed), ...renderings(api)]) expect(text).not.toContain(TOKEN.slice(0, 8));
    expect(malformed.bodyExcerpt).toBe(`${'x'.repeat(188)}[REDACTED]yy…`);
  });
});

describe('timeouts, network failures and aborts', () => {
  it('times out waiting for headers', async () => {
    const c = await client([{ delayMs: 2_000, body: { count: 0, data: [] } }], { timeoutMs: 50 });
    const error = await failure(c.searchUsers({}, { requestId: 'slow' }));
    expect(error).toBeInstanceOf(MeetingTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 50, requestId: 'slow', method: 'GET', path: '/v1/usg/dcs/corp/member' });
    expectNoToken(error);
  });

  it('times out on a body that stalls after the headers', async () => {
    const c = await client([{ stallBody: true, body: { count: 0, data: [] } }]);
    const error = await failure(c.searchUsers({}, { timeoutMs: 80 }));
    expect(error).toBeInstanceOf(MeetingTimeoutError);
    expect((error as MeetingTimeoutError).timeoutMs).toBe(80);
  });

  it('reports a reset connection as a network error', async () => {
    const c = await client([{ destroy: true }]);
    const error = await failure(c.searchUsers());
    expect(error).toBeInstanceOf(MeetingNetworkError);
    expect(error.cause).toBeInstanceOf(Error);
    expectNoToken(error);
  });

  it('redacts a fetch failure whose message and cause chain contain the token', async () => {
    const leaky = async (_url: string, init: RequestInit) => {
      const sent = new Headers(init.headers).get('x-access-token');
      const inner = Object.assign(new Error(`socket closed while sending ${sent}`), { code: `E_${sent}` });
      throw new TypeError(`fetch failed for token=${sent}`, { cause: inner });
    };
    const c = await client([], { fetch: leaky });
    const error = await failure(c.searchUsers());
    expect(error).toBeInstanceOf(MeetingNetworkError);
    expect(error.message).toContain('fetch failed for token=[REDACTED]');
    expect((error.cause as Error).cause).toMatchObject({ message: 'socket closed while sending [REDACTED]', code: 'E_[REDACTED]' });
    expectNoToken(error);
  });

  it('redacts a non-Error thrown by fetch', async () => {
    const c = await client([], { fetch: () => Promise.reject(`raw string ${TOKEN}`) });
    const error = await failure(c.searchUsers());
    expect(error.message).toContain('raw string [REDACTED]');
    expectNoToken(error);
  });

  it('reports an abort by the caller as MeetingAbortError', async () => {
    // Aborted once the server has the request (not after a fixed time, which a busy machine may not reach).
    const controller = new AbortController();
    server = await startServer(() => {
      controller.abort(new Error(`reason with ${TOKEN}`));
      return { delayMs: 2_000 };
    });
    const c = createMeetingClient({ accessToken: TOKEN, baseUrl: server.baseUrl, retry: { maxRetries: 5, baseDelayMs: 0, maxDelayMs: 0 } });
    const error = await failure(c.searchUsers({}, { signal: controller.signal }));
    expect(error).toBeInstanceOf(MeetingAbortError);
    expect(server?.requests.length).toBe(1);
    expectNoToken(error);
  });

  it('does not send at all when the signal is already aborted', async () => {
    const c = await client([{ body: { count: 0, data: [] } }]);
    const error = await failure(c.searchUsers({}, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(MeetingAbortError);
    expect(server?.requests.length).toBe(0);
  });

  it('does not send when the caller aborts while the token provider is still answering', async () => {
    // The abort event had fired before the attempt listened for it: the PUT went out regardless.
    const controller = new AbortController();
    const c = await client([{ status: 200 }], {
      accessToken: async () => {
        controller.abort();
        await new Promise((resolve) => setTimeout(resolve, 5));
        return TOKEN;
      },
    });
    const error = await failure(c.batchUpdateUserStatus({ status: 1, accounts: ['a'] }, { signal: controller.signal }).catch((e: MeetingBatchError) => Promise.reject(e.failed[0]?.error)));
    expect(error).toBeInstanceOf(MeetingAbortError);
    expect(server?.requests.length).toBe(0);
  });

  it('times out through raw too, on slow headers and on a stalled body', async () => {
    const c = await client([{ delayMs: 2_000 }, { stallBody: true, body: { count: 0, data: [] } }], { timeoutMs: 40 });
    await expect(c.raw.GET('/v1/usg/dcs/corp/member')).rejects.toBeInstanceOf(MeetingTimeoutError);
    await expect(c.raw.GET('/v1/usg/dcs/corp/member')).rejects.toBeInstanceOf(MeetingTimeoutError);
  });

  it('gives raw an empty body for a 204', async () => {
    const c = await client([{ status: 204 }]);
    const { data, response } = await c.raw.PUT('/v1/usg/dcs/corp/member/status/{value}', { params: { path: { value: 1 } }, body: ['a'] });
    expect(response.status).toBe(204);
    expect(data).toBeUndefined();
  });
});

describe('a failing token provider', () => {
  it('gives a typed error on typed and raw calls, without sending', async () => {
    const c = await client([{ body: { count: 0, data: [] } }], {
      accessToken: async () => {
        throw new Error('auth service down');
      },
    });
    for (const call of [() => c.searchUsers(), () => c.raw.GET('/v1/usg/dcs/corp/member')]) {
      const error = await failure(call());
      expect(error).toBeInstanceOf(MeetingNetworkError);
      expect((error.cause as Error).message).toContain('auth service down');
    }
    expect(server?.requests).toHaveLength(0);
  });
});

describe('no token anywhere', () => {
  it('holds for validation errors, batch errors and JSON forms', async () => {
    const c = await client([{ status: 500, body: { error_code: 'MMC.1', error_msg: TOKEN } }]);
    const batch = await failure(c.batchUpdateUserStatus({ status: 1, accounts: ['a', 'b', 'c'] }, { chunkSize: 2 }));
    expectNoToken(batch);
    expect(JSON.parse(JSON.stringify(batch))).toMatchObject({ name: 'MeetingBatchError', updated: [] });
    const validation = await failure(Promise.resolve().then(() => createMeetingClient({ accessToken: `${TOKEN}\n`, baseUrl: 'http://x.example' })));
    expect(validation).toBeInstanceOf(MeetingValidationError);
    expectNoToken(validation);
  });

  it('holds for a token from a provider', async () => {
    const c = await client([{ status: 400, body: { error_code: 'USG.2', error_msg: `bad ${TOKEN}` } }], { accessToken: async () => TOKEN });
    expectNoToken(await failure(c.searchUsers()));
  });
});

describe('encoded forms of the token', () => {
  // Characters that JSON and percent-encoding both rewrite.
  const SPECIAL = 'Tk/7f+3a"9c\\DISTINCT=SECRET~41b2';
  const json = JSON.stringify(SPECIAL).slice(1, -1);
  const forms = {
    raw: SPECIAL,
    json,
    'json with \\/': json.replaceAll('/', '\\/'),
    'percent-encoded': encodeURIComponent(SPECIAL),
    'percent-encoded, lower-case hex': encodeURIComponent(SPECIAL).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
  };

  it.each(Object.entries(forms))('redacts the %s form in the body, the message and every rendering', async (_name, form) => {
    const c = await client(
      [
        { status: 502, headers: { 'content-type': 'text/html', 'x-echo': `token=${form}` }, body: `<p>token=${form}</p>` },
        { status: 400, body: { error_code: 'USG.1', error_msg: `token=${form}` } },
        // Re-serialised by the client for errorMessage: the raw token comes out JSON-escaped.
        { status: 400, body: { echoed: `token=${SPECIAL}` } },
      ],
      { accessToken: SPECIAL },
    );
    for (let i = 0; i < 3; i++) {
      const error = (await failure(c.searchUsers())) as MeetingApiError;
      expect(error.errorMessage).toMatch(/token=\[REDACTED\]/);
      for (const text of renderings(error)) for (const f of Object.values(forms)) expect(text).not.toContain(f);
    }
    expect(server?.requests[0]?.headers['x-access-token']).toBe(SPECIAL);
  });
});

describe('short tokens', () => {
  it.each(['', 'a', 'ab', 'seven77'])('refuses %j as accessToken, naming the field', async (token) => {
    const error = await failure(Promise.resolve().then(() => createMeetingClient({ accessToken: token })));
    expect(error).toBeInstanceOf(MeetingValidationError);
    expect((error as MeetingValidationError).problems).toEqual([{ field: 'accessToken', message: 'must be a string of at least 8 characters' }]);
  });

  it('refuses a short token from a provider at call time, without sending', async () => {
    const c = await client([{ body: { count: 0, data: [] } }], { accessToken: () => 'x' });
    const error = await failure(c.searchUsers());
    expect(error).toBeInstanceOf(MeetingValidationError);
    expect(server?.requests).toHaveLength(0);
  });

  it('accepts 8 characters, and redacting them leaves the rest of a message alone', async () => {
    const c = await client([{ status: 400, body: { error_code: 'USG.2', error_msg: 'eight888 in a text about eight 888' } }], { accessToken: 'eight888' });
    expect(await failure(c.searchUsers())).toMatchObject({ errorMessage: '[REDACTED] in a text about eight 888' });
  });
});
