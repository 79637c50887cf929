// maxResponseBytes: past the limit the read stops, the call fails (typed, not retried) and memory
// stays bounded, even for a body far larger than the limit.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createMeetingClient, DEFAULT_MAX_RESPONSE_BYTES, MeetingMalformedResponseError, MeetingValidationError } from '../../src/index.js';

const MB = 1024 * 1024;
let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A server that streams `total` bytes of JSON-looking text, at the pace the client reads (chunked, no length). */
async function streaming(total: number) {
  const stats = { requests: 0, sent: 0 };
  const chunk = Buffer.alloc(64 * 1024, 'x');
  server = createServer((req, res) => {
    // Loads fetch's own code and opens the connection before memory is measured.
    if (req.url === '/warm-up') return void res.end('ok');
    stats.requests++;
    res.writeHead(200, { 'content-type': 'application/json' });
    const pump = () => {
      while (stats.sent < total && !res.destroyed) {
        stats.sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.write('{"count":1,"data":[],"pad":"');
    pump();
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { baseUrl: `http://127.0.0.1:${(server?.address() as AddressInfo).port}`, stats };
}

describe('maxResponseBytes', () => {
  it('defaults to 16 MiB and refuses a bad value by name', () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(16 * MB);
    expect(() => createMeetingClient({ accessToken: 'size-test-token', maxResponseBytes: 0 })).toThrow(MeetingValidationError);
    expect(() => createMeetingClient({ accessToken: 'size-test-token', maxResponseBytes: 1.5 })).toThrow(/maxResponseBytes/);
  });

  it('stops a 200 MB body at the default limit, with bounded memory and no retry', async () => {
    const { baseUrl, stats } = await streaming(200 * MB);
    const client = createMeetingClient({ accessToken: 'size-test-token', baseUrl, retry: { maxRetries: 3, baseDelayMs: 0, maxDelayMs: 0 } });
    await (await fetch(`${baseUrl}/warm-up`)).text();
    const before = process.memoryUsage().rss;
    const error = await client.searchUsers().then(
      () => undefined,
      (e: unknown) => e,
    );
    const growth = process.memoryUsage().rss - before;
    console.log(`200 MB body: RSS growth ${(growth / MB).toFixed(1)} MB, server sent ${(stats.sent / MB).toFixed(1)} MB before the client stopped`);
    expect(error).toBeInstanceOf(MeetingMalformedResponseError);
    expect(error).toMatchObject({ status: 200, reason: `the body is over maxResponseBytes (${16 * MB})` });
    expect((error as Error).message).toContain('maxResponseBytes');
    expect(stats.requests).toBe(1);
    // Buffered whole, the body took 620-790 MB. Read up to the 16 MiB limit it takes 45-80 MB
    // (fetch's own buffers included), idle or under load: half the body is a margin that holds.
    expect(growth).toBeLessThan(100 * MB);
    expect(stats.sent).toBeLessThan(100 * MB);
  });

  it('applies a smaller limit to raw calls too', async () => {
    const { baseUrl } = await streaming(1 * MB);
    const client = createMeetingClient({ accessToken: 'size-test-token', baseUrl, maxResponseBytes: 64 * 1024, retry: { maxRetries: 0 } });
    await expect(client.raw.GET('/v1/usg/dcs/corp/member')).rejects.toMatchObject({ name: 'MeetingMalformedResponseError', reason: 'the body is over maxResponseBytes (65536)' });
  });

  it('reads a chunked body (no declared length) under the limit whole, a character split across chunks included', async () => {
    const body = Buffer.from(JSON.stringify({ count: 1, data: [{ id: 'u1', name: '张伟' }] }));
    const split = body.indexOf(Buffer.from('张')) + 1;
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(body.subarray(0, split));
      setTimeout(() => res.end(body.subarray(split)), 5);
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const client = createMeetingClient({ accessToken: 'size-test-token', baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, maxResponseBytes: body.length });
    await expect(client.searchUsers()).resolves.toMatchObject({ data: [{ name: '张伟' }] });
  });

  it('refuses a body whose declared length is over the limit', async () => {
    const body = JSON.stringify({ count: 0, data: [] });
    server = createServer((_req, res) => res.end(body));
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const client = createMeetingClient({ accessToken: 'size-test-token', baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, maxResponseBytes: body.length - 1 });
    await expect(client.searchUsers()).rejects.toMatchObject({ name: 'MeetingMalformedResponseError', reason: `the body is over maxResponseBytes (${body.length - 1})` });
  });

  it('counts the inflated bytes of a compressed body, whatever length it declares', async () => {
    // 8 MB of JSON in about 8 kB of gzip: a declared length far under the limit, a body far over it.
    const inflated = JSON.stringify({ count: 1, data: [], pad: 'x'.repeat(8 * MB) });
    const gzipped = gzipSync(inflated);
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(gzipped.length) });
      res.end(gzipped);
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const limit = 1 * MB;
    expect(gzipped.length).toBeLessThan(limit);
    const client = createMeetingClient({ accessToken: 'size-test-token', baseUrl, maxResponseBytes: limit, retry: { maxRetries: 0 } });
    await expect(client.searchUsers()).rejects.toMatchObject({ name: 'MeetingMalformedResponseError', reason: `the body is over maxResponseBytes (${limit})` });
    // Under the limit, the same compressed body is read and inflated whole.
    const roomy = createMeetingClient({ accessToken: 'size-test-token', baseUrl, maxResponseBytes: inflated.length });
    const page = (await roomy.searchUsers()) as unknown as { count: number; pad: string };
    expect(page.count).toBe(1);
    expect(page.pad.length).toBe(8 * MB);
  });

  it('reads a body of exactly the limit', async () => {
    const body = JSON.stringify({ count: 0, data: [] });
    server = createServer((_req, res) => res.end(body));
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const client = createMeetingClient({ accessToken: 'size-test-token', baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, maxResponseBytes: body.length });
    await expect(client.searchUsers()).resolves.toMatchObject({ count: 0 });
  });
});
