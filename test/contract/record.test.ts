// recordLive: options checked by name before any request, one HAR file labelled by origin, warnings
// for a server that does not check tokens, nothing written (and no token said) when a request fails.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fromTraffic } from '@mswjs/source/traffic';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeetingClient, MeetingValidationError } from '../../src/index.js';
import { startMockServer, type MockServer } from '../../src/mock/index.js';
import { fromHar, recordLive, type Har } from '../../src/recording/index.js';
import { harProblems } from './support/har-schema.js';

const TOKEN = 'tok-record-live-must-not-leak';
let mock: MockServer;
const dirs: string[] = [];
const readHar = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Har;
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'record-live-'));
  dirs.push(dir);
  return dir;
};

beforeAll(async () => {
  mock = await startMockServer({ authenticate: (t) => (t === TOKEN ? 'ok' : 'invalid') });
});
afterAll(async () => {
  await mock.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('recordLive', () => {
  it('records from a server other than Huawei\'s as "recorded", and returns what it wrote', async () => {
    const outDir = tempDir();
    const result = await recordLive({ baseUrl: `${mock.url}/`, token: TOKEN, outDir });
    expect(result.source).toBe('recorded');
    expect(result.warnings).toEqual([]);
    expect(result.files.map((f) => basename(f))).toEqual(readdirSync(outDir));
    expect(result.files.map((f) => basename(f))).toEqual(['recorded.har']);
    const har = readHar(result.files[0]!);
    expect(harProblems(har)).toEqual([]);
    expect(result.exchanges).toBe(8);
    const exchanges = fromHar(har);
    expect(exchanges.map((e) => e.name)).toEqual(['first-page', 'one-record', 'several-types', 'empty-page', 'last-page', 'offset-past-end', 'sorted', 'invalid-token']);
    for (const exchange of exchanges) {
      expect(exchange.source).toBe('recorded');
      expect(exchange.description).toMatch(/^Recorded from a server other than Huawei's: /);
      // The URL is the server it was recorded from; the API path reads back whole.
      expect(exchange.baseUrl).toBe(mock.url);
      expect(exchange.request.path).toBe('/v1/usg/dcs/corp/member');
    }
  });

  it('writes a HAR file other tools replay: @mswjs/source serves it to this client in place of the server', async () => {
    const result = await recordLive({ baseUrl: mock.url, token: TOKEN, outDir: tempDir() });
    const har = readHar(result.files[0]!);
    const recorded = fromHar(har).find((e) => e.name === 'one-record')!;
    const server = setupServer(...fromTraffic(har as Parameters<typeof fromTraffic>[0]));
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const client = createMeetingClient({ accessToken: TOKEN, baseUrl: mock.url, language: 'en-US', retry: { maxRetries: 0 } });
      const page = await client.searchUsers({ limit: 1 });
      // The scrubbed page of the file, not the mock's own data.
      expect(page).toEqual(recorded.response.body);
      const original = mock.store.users.find((u) => (u.userType ?? 2) === 2);
      expect(page.data?.[0]?.id).toBe(original?.id);
      expect(page.data?.[0]?.userAccount).not.toBe(original?.userAccount);
    } finally {
      server.close();
    }
  });

  it('labels a Huawei host "live"', async () => {
    const outDir = tempDir();
    const huawei: typeof fetch = async (input) =>
      new URL(String(input)).hostname === 'api.meeting.huaweicloud.com' ? new Response('{"count":0,"data":[],"limit":10,"offset":0}', { headers: { 'content-type': 'application/json' } }) : Response.error();
    const result = await recordLive({ baseUrl: 'https://api.meeting.huaweicloud.com', token: TOKEN, outDir, fetch: huawei });
    expect(result.source).toBe('live');
    expect(readdirSync(outDir)).toEqual(['live.har']);
    expect(fromHar(readHar(result.files[0]!)).every((e) => e.source === 'live')).toBe(true);
    // The stand-in answers 200 to any token: said, not hidden.
    expect(result.warnings).toEqual(['An invalid token was answered HTTP 200, not 401: this server does not check tokens.']);
  });

  it('warns when the first page is an error', async () => {
    const result = await recordLive({ baseUrl: mock.url, token: 'not-the-token', outDir: tempDir() });
    expect(result.warnings[0]).toBe('The first page answered HTTP 401: the error exchanges were recorded anyway.');
  });

  it('sends the PUT only when allowed, with the given status, accounts and type', async () => {
    const user = mock.store.users.find((u) => u.userType === 2 && u.status === 0)!;
    const result = await recordLive({ baseUrl: mock.url, token: TOKEN, outDir: tempDir(), allowPut: true, putStatus: 1, accounts: [user.userAccount ?? ''], accountType: 0 });
    const put = fromHar(readHar(result.files[0]!)).at(-1)!;
    expect(put.request).toMatchObject({ method: 'PUT', path: '/v1/usg/dcs/corp/member/status/1', query: { accountType: '0' } });
    expect(put.response.status).toBe(200);
    expect(mock.store.users.find((u) => u.userAccount === user.userAccount)?.status).toBe(1);
    user.status = 0;
  });

  it('refuses bad options by name before any request', async () => {
    let calls = 0;
    const counting = (async () => {
      calls += 1;
      return new Response('{}');
    }) as typeof fetch;
    const base = { baseUrl: mock.url, token: TOKEN, outDir: tempDir(), fetch: counting };
    const cases: [Record<string, unknown>, string][] = [
      [{ baseUrl: 'not a url' }, 'baseUrl'],
      [{ baseUrl: 'http://meeting.example.com' }, 'baseUrl'],
      [{ token: undefined }, 'token'],
      [{ outDir: '' }, 'outDir'],
      [{ putStatus: 1, accounts: ['a'] }, 'allowPut'],
      [{ accounts: ['a'] }, 'allowPut'],
      [{ allowPut: 'yes' }, 'allowPut'],
      [{ allowPut: true, putStatus: 2, accounts: ['a'] }, 'putStatus'],
      [{ allowPut: true, putStatus: 1 }, 'accounts'],
      [{ allowPut: true, putStatus: 1, accounts: [] }, 'accounts'],
      // eslint-disable-next-line no-sparse-arrays
      [{ allowPut: true, putStatus: 1, accounts: ['a', , 'b'] }, 'accounts[1]'],
      [{ allowPut: true, putStatus: 1, accounts: ['a'], accountType: 3 }, 'accountType'],
    ];
    for (const [change, field] of cases) {
      const error = await recordLive({ ...base, ...change } as never).catch((e: unknown) => e);
      expect(error, field).toBeInstanceOf(MeetingValidationError);
      expect((error as MeetingValidationError).problems.map((p) => p.field), field).toContain(field);
    }
    expect(calls).toBe(0);
    expect(readdirSync(base.outDir)).toEqual([]);
  });

  it('writes nothing and never says the token when a request fails', async () => {
    const outDir = join(tempDir(), 'not-created');
    let calls = 0;
    const failing: typeof fetch = async () => {
      if (++calls === 3) throw new Error(`connect ECONNRESET while sending ${TOKEN}`);
      return new Response('{"count":0,"data":[],"limit":10,"offset":0}', { headers: { 'content-type': 'application/json' } });
    };
    const error = (await recordLive({ baseUrl: mock.url, token: TOKEN, outDir, fetch: failing }).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe('Recording failed, nothing was written: connect ECONNRESET while sending [REDACTED]');
    expect(() => readdirSync(outDir)).toThrow();
  });
});
