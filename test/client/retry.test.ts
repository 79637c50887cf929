// Retries: which failures, how long between them (checked through an injected clock, not by
// waiting), Retry-After, the request id across attempts, and the one re-authentication after 401.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMeetingClient, MeetingAbortError, MeetingApiError, MeetingNetworkError, type MeetingClientOptions } from '../../src/index.js';
import { backoffDelay, parseRetryAfter, retryDelay } from '../../src/client/retry.js';
import { systemClock, type Clock } from '../../src/client/config.js';
import { startServer, type Reply, type TestServer } from './server.js';

const ok: Reply = { body: { count: 0, data: [] } };
let server: TestServer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
  server = undefined;
});

/** A clock that records every wait instead of waiting. */
function fakeClock(random = 0.5, now = Date.UTC(2026, 0, 1)) {
  const waits: number[] = [];
  const clock: Clock = {
    now: () => now,
    random: () => random,
    sleep: async (ms) => {
      waits.push(ms);
    },
  };
  return { clock, waits };
}

async function setup(replies: Reply[], options: Partial<MeetingClientOptions> = {}) {
  server = await startServer(replies);
  const fake = fakeClock();
  const client = createMeetingClient({ accessToken: 'test-token', baseUrl: server.baseUrl, clock: fake.clock, retry: { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1_000 }, ...options });
  return { client, waits: fake.waits, requests: server.requests };
}

describe('which failures are retried', () => {
  it.each([429, 500, 502, 503, 504])('retries %i and keeps the request id', async (status) => {
    const { client, requests } = await setup([{ status }, { status }, ok]);
    await expect(client.searchUsers({}, { requestId: 'keep-me' })).resolves.toMatchObject({ count: 0 });
    expect(requests.map((r) => r.headers['x-request-id'])).toEqual(['keep-me', 'keep-me', 'keep-me']);
  });

  it('keeps a generated request id across retries of a PUT, and re-sends the body', async () => {
    const { client, requests } = await setup([{ status: 503 }, { status: 200 }]);
    await client.batchUpdateUserStatus({ status: 1, accounts: ['a', 'b'] });
    expect(requests).toHaveLength(2);
    expect(requests[1]?.headers['x-request-id']).toBe(requests[0]?.headers['x-request-id']);
    expect(requests.map((r) => r.body)).toEqual(['["a","b"]', '["a","b"]']);
  });

  it.each([400, 401, 403, 404, 501])('does not retry %i', async (status) => {
    const { client, requests } = await setup([{ status }, ok]);
    await expect(client.searchUsers()).rejects.toBeInstanceOf(MeetingApiError);
    expect(requests).toHaveLength(1);
  });

  it('retries a network failure', async () => {
    const { client, requests, waits } = await setup([{ destroy: true }, ok]);
    await expect(client.searchUsers()).resolves.toMatchObject({ count: 0 });
    expect(requests).toHaveLength(2);
    expect(waits).toEqual([75]);
  });

  it('retries a body that stalls after the headers, like any timeout', async () => {
    // Scripted and on fake timers: a real 50 ms timeout could also cut the second attempt on a busy machine.
    vi.useFakeTimers();
    const fake = fakeClock();
    let calls = 0;
    const stalled = (signal: AbortSignal | null | undefined) =>
      new Response(new ReadableStream({ start: (c) => signal?.addEventListener('abort', () => c.error(signal.reason)) }), { status: 200 });
    const client = createMeetingClient({
      accessToken: 'test-token',
      baseUrl: 'https://api.example.com',
      clock: fake.clock,
      timeoutMs: 50,
      fetch: async (_url, init) => (++calls === 1 ? stalled(init.signal) : Response.json({ count: 0, data: [] })),
    });
    const pending = client.searchUsers();
    await vi.advanceTimersByTimeAsync(50);
    await expect(pending).resolves.toMatchObject({ count: 0 });
    expect(calls).toBe(2);
    expect(fake.waits).toHaveLength(1);
  });

  it('retries a connection reset midway through the body, for typed and raw calls', async () => {
    const { client, requests } = await setup([{ dropBody: true, body: { count: 0, data: [] } }, ok, { dropBody: true, body: { count: 0, data: [] } }, ok]);
    await expect(client.searchUsers()).resolves.toMatchObject({ count: 0 });
    const { data } = await client.raw.GET('/v1/usg/dcs/corp/member');
    expect(data).toMatchObject({ count: 0 });
    expect(requests).toHaveLength(4);
  });

  it('gives up after maxRetries with the last error', async () => {
    const { client, requests, waits } = await setup([{ status: 503, body: { error_code: 'USG.9', error_msg: 'busy' } }]);
    await expect(client.searchUsers()).rejects.toMatchObject({ name: 'MeetingApiError', status: 503, errorCode: 'USG.9' });
    expect(requests).toHaveLength(4);
    expect(waits).toHaveLength(3);
  });

  it('gives up on network failures with a MeetingNetworkError', async () => {
    const { client, requests } = await setup([{ destroy: true }], { retry: { maxRetries: 1 } });
    await expect(client.searchUsers()).rejects.toBeInstanceOf(MeetingNetworkError);
    expect(requests).toHaveLength(2);
  });

  it('never retries once the caller aborts, even while waiting to retry', async () => {
    server = await startServer([{ status: 503 }]);
    const controller = new AbortController();
    const clock: Partial<Clock> = {
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => {
          controller.abort();
          if (signal?.aborted) reject(signal.reason);
        }),
    };
    const client = createMeetingClient({ accessToken: 'test-token', baseUrl: server.baseUrl, clock });
    await expect(client.searchUsers({}, { signal: controller.signal })).rejects.toBeInstanceOf(MeetingAbortError);
    expect(server.requests).toHaveLength(1);
  });

  it('passes on an error from a sleep that was not aborted', async () => {
    server = await startServer([{ status: 503 }]);
    const client = createMeetingClient({ accessToken: 'test-token', baseUrl: server.baseUrl, clock: { sleep: () => Promise.reject(new Error('clock broke')) } });
    await expect(client.searchUsers()).rejects.toThrow('clock broke');
  });
});

describe('how long it waits', () => {
  it('backs off exponentially with jitter, within [step/2, step] and never above maxDelayMs', () => {
    const options = { maxRetries: 10, baseDelayMs: 100, maxDelayMs: 1_000 };
    const low = fakeClock(0).clock;
    const high = fakeClock(0.999999).clock;
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, options, low))).toEqual([50, 100, 200, 400, 500, 500]);
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, options, high))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('waits the backoff between attempts', async () => {
    const { client, waits } = await setup([{ status: 500 }, { status: 500 }, { status: 500 }, ok]);
    await client.searchUsers();
    expect(waits).toEqual([75, 150, 300]);
  });

  it('waits exactly what Retry-After asks, never less, even above the backoff', async () => {
    const { client, waits } = await setup([{ status: 429, headers: { 'retry-after': '0.25' } }, { status: 503, headers: { 'retry-after': '1' } }, ok]);
    await client.searchUsers();
    expect(waits).toEqual([250, 1_000]);
  });

  it('gives up at once when Retry-After exceeds maxDelayMs, with retryAfterMs on the error', async () => {
    const { client, waits, requests } = await setup([{ status: 429, headers: { 'retry-after': '0.25' } }, { status: 503, headers: { 'retry-after': '120' }, body: { error_code: 'USG.9', error_msg: 'busy' } }, ok]);
    const error = await client.searchUsers().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MeetingApiError);
    expect(error).toMatchObject({ status: 503, errorCode: 'USG.9', retryAfterMs: 120_000 });
    expect(waits).toEqual([250]);
    expect(requests).toHaveLength(2);
  });

  it('carries retryAfterMs when the retries run out too, and not without Retry-After', async () => {
    const busy: Reply = { status: 503, headers: { 'retry-after': '0' } };
    const { client } = await setup([busy, busy, busy, busy, { status: 500 }]);
    expect(await client.searchUsers().catch((e: unknown) => e)).toMatchObject({ status: 503, retryAfterMs: 0 });
    expect(await client.searchUsers().catch((e: unknown) => e)).toMatchObject({ status: 500, retryAfterMs: undefined });
  });

  it('honours Retry-After as an HTTP date', async () => {
    const { client, waits } = await setup([{ status: 503, headers: { 'retry-after': new Date(Date.UTC(2026, 0, 1) + 600).toUTCString() } }, ok]);
    await client.searchUsers();
    // HTTP dates have whole seconds: 600 ms later rounds down to the same second.
    expect(waits).toEqual([]);
    expect(parseRetryAfter(new Date(Date.UTC(2026, 0, 1, 0, 0, 2)).toUTCString(), fakeClock().clock)).toBe(2_000);
  });

  it('reads Retry-After forms', () => {
    const { clock } = fakeClock();
    expect(parseRetryAfter(null, clock)).toBeUndefined();
    expect(parseRetryAfter(' 3 ', clock)).toBe(3_000);
    expect(parseRetryAfter('soon', clock)).toBeUndefined();
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', clock)).toBe(0);
    const options = { maxRetries: 1, baseDelayMs: 100, maxDelayMs: 1_000 };
    expect(retryDelay(0, undefined, options, clock)).toBe(75);
    expect(retryDelay(0, 1_000, options, clock)).toBe(1_000);
    expect(retryDelay(0, 1_001, options, clock)).toBeUndefined();
  });

  it('ignores a Retry-After that is neither delay-seconds nor an HTTP date, and backs off instead', async () => {
    // Date.parse reads "-1", "+5" or "2 3" as dates in 2001: taken as dates, they meant "retry now".
    const { clock } = fakeClock();
    for (const value of ['-1', '+5', '-0.5', '2 3', '1.5.2']) expect(parseRetryAfter(value, clock)).toBeUndefined();
    const { client, waits } = await setup([{ status: 503, headers: { 'retry-after': '-1' } }, { status: 429, headers: { 'retry-after': '+5' } }, ok]);
    await client.searchUsers();
    expect(waits).toEqual([75, 150]);
  });

  it('really waits with the system clock, and stops waiting on abort', async () => {
    const started = performance.now();
    await systemClock.sleep(20);
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
    const controller = new AbortController();
    const pending = systemClock.sleep(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    await expect(systemClock.sleep(1, AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
  });

  it('spends roughly the backoff in real time (generous bounds)', async () => {
    server = await startServer([{ status: 503 }, { status: 503 }, ok]);
    const client = createMeetingClient({ accessToken: 'test-token', baseUrl: server.baseUrl, retry: { baseDelayMs: 40, maxDelayMs: 1_000 } });
    const started = performance.now();
    await client.searchUsers();
    const elapsed = performance.now() - started;
    // Equal jitter: at least 20 + 40 ms. The upper bound only catches a unit mistake (delays taken
    // as seconds would be 60 s), with room for a machine under heavy load.
    expect(elapsed).toBeGreaterThanOrEqual(55);
    expect(elapsed).toBeLessThan(20_000);
  });
});

describe('a 401 with a token provider', () => {
  it('asks the provider again and retries once', async () => {
    const tokens = ['old-token', 'new-token', 'newer-token'];
    let asked = 0;
    const { client, requests, waits } = await setup([{ status: 401 }, ok], { accessToken: () => tokens[asked++] ?? 'no-more-tokens' });
    await expect(client.searchUsers()).resolves.toMatchObject({ count: 0 });
    expect(requests.map((r) => r.headers['x-access-token'])).toEqual(['old-token', 'new-token']);
    expect(waits).toEqual([]);
  });

  it('fails on a second 401 without asking a third time', async () => {
    let asked = 0;
    const { client, requests } = await setup([{ status: 401, body: { error_code: 'USG.000000004', error_msg: 'expired' } }], {
      accessToken: async () => `rotating-token-${++asked}`,
    });
    await expect(client.searchUsers()).rejects.toMatchObject({ status: 401, errorCode: 'USG.000000004' });
    expect(requests).toHaveLength(2);
    expect(asked).toBe(2);
  });

  it('does not retry a 401 with a static token', async () => {
    const { client, requests } = await setup([{ status: 401 }, ok]);
    await expect(client.searchUsers()).rejects.toMatchObject({ status: 401 });
    expect(requests).toHaveLength(1);
  });
});
