// The node:http adapter: no request target and no exception inside one request takes the server down.
import { createServer, request, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockApi, startMockServer, toNodeListener, type FetchHandler } from '../../src/mock/index.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(handler: FetchHandler, onError?: (error: unknown) => void): Promise<number> {
  const server = createServer(toNodeListener(handler, { onError }));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Sends one raw request line (what curl --path-as-is or a broken proxy can send) and returns the status line. */
function raw(port: number, requestText: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(requestText));
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n')) {
        resolve(received.split('\r\n')[0] ?? '');
        socket.destroy();
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(received.split('\r\n')[0] ?? '(closed without an answer)'));
  });
}

const get = (port: number, path: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    })
      .on('error', reject)
      .end();
  });

describe('toNodeListener', () => {
  it.each(['//a:99999/', '//[/openapi.json', 'http://[::1/', '/v1/%E0%A4%A/x%', '*', 'http://x:99999/v1/usg/dcs/corp/member'])(
    'answers the target %s with 400 or 404 and keeps serving',
    async (target) => {
      const mock = await startMockServer({ userCount: 3 });
      try {
        const status = await raw(mock.port, `GET ${target} HTTP/1.1\r\nHost: x\r\nX-Access-Token: t\r\n\r\n`);
        expect(status).toMatch(/^HTTP\/1\.1 (400|404) /);
        expect((await get(mock.port, '/v1/usg/dcs/corp/member', { 'X-Access-Token': 't' })).status).toBe(200);
      } finally {
        await mock.close();
      }
    },
  );

  it('answers 500 when the handler throws or rejects, and keeps serving', async () => {
    let calls = 0;
    const errors: unknown[] = [];
    const port = await serve((req) => {
      calls++;
      if (req.url.endsWith('/throw')) throw new Error('boom');
      if (req.url.endsWith('/reject')) return Promise.reject(new Error('boom'));
      return Promise.resolve(new Response('fine'));
    }, (error) => errors.push(error));
    expect((await get(port, '/throw')).status).toBe(500);
    expect((await get(port, '/reject')).status).toBe(500);
    expect(await get(port, '/ok')).toMatchObject({ status: 200, body: 'fine' });
    expect(calls).toBe(3);
    expect(errors.map((e) => (e as Error).message)).toEqual(['boom', 'boom']);
  });

  it('streams a Response whose body is a stream, and passes status and headers', async () => {
    const port = await serve(() => {
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('one,'));
          controller.enqueue(new TextEncoder().encode('two'));
          controller.close();
        },
      });
      return Promise.resolve(new Response(body, { status: 201, headers: { 'x-kind': 'stream' } }));
    });
    expect(await get(port, '/')).toMatchObject({ status: 201, body: 'one,two', headers: { 'x-kind': 'stream' } });
  });

  it('drops, not keeps, the rest of a body the handler answered without reading', async () => {
    let stashed: Request | undefined;
    const port = await serve((req) => {
      stashed = req;
      return Promise.resolve(new Response('not here', { status: 404 }));
    });
    const size = 3 * 1024 * 1024;
    await new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/', method: 'PUT', headers: { 'Content-Length': String(size) } }, (res) => res.resume());
      req.on('error', () => undefined);
      req.on('close', resolve);
      req.end(Buffer.alloc(size));
    });
    let kept = 0;
    const reader = (stashed as Request).body?.getReader();
    for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) kept += read.value.byteLength;
    expect(kept).toBeLessThan(size / 4);
  });

  it('stops reading a streamed body when the client goes away', async () => {
    let cancelled: () => void = () => undefined;
    const wasCancelled = new Promise<void>((resolve) => (cancelled = resolve));
    const port = await serve(() => {
      const endless = new ReadableStream<Uint8Array>({
        pull: (controller) => controller.enqueue(new Uint8Array(64 * 1024)),
        cancel: () => cancelled(),
      });
      return Promise.resolve(new Response(endless));
    });
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/' }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => undefined);
      req.on('close', resolve);
      req.once('error', reject);
      req.end();
    });
    await wasCancelled; // without the fix the server waits for a drain that never comes, and this never settles
  });

  it('keeps no listener behind after each wait for a slow client to drain', async () => {
    const chunks = 64;
    let res: ServerResponse | undefined;
    const listener = toNodeListener(() => {
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull: (controller) => (sent++ < chunks ? controller.enqueue(new Uint8Array(64 * 1024)) : controller.close()),
      });
      return Promise.resolve(new Response(body));
    });
    const server = createServer((req, response) => {
      res = response;
      listener(req, response);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    // Read slowly, so that nearly every write of the 4 MiB has to wait for a drain.
    let most = 0;
    const received = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/' }, (response) => {
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.byteLength;
          most = Math.max(most, res?.listenerCount('close') ?? 0, res?.listenerCount('drain') ?? 0);
          response.pause();
          setImmediate(() => response.resume());
        });
        response.on('end', () => resolve(size));
      });
      req.once('error', reject);
      req.end();
    });
    expect(received).toBe(chunks * 64 * 1024);
    // One `close` listener left behind per wait would pass Node's limit of 10 and warn of a leak.
    expect(most).toBeLessThan(4);
  });

  it('hands the handler the method, URL, headers and body as fetch has them', async () => {
    let seen: { method: string; url: string; header: string | null; body: string } | undefined;
    const port = await serve(async (req) => {
      seen = { method: req.method, url: req.url, header: req.headers.get('x-thing'), body: await req.text() };
      return new Response(null, { status: 204 });
    });
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/a/b?c=1&c=2', method: 'PUT', headers: { 'X-Thing': 'yes' } }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.write('part one, ');
      req.end('part two');
    });
    expect(seen).toEqual({ method: 'PUT', url: 'http://localhost/a/b?c=1&c=2', header: 'yes', body: 'part one, part two' });
  });

  it('closes the connection when it answers before reading the whole body', async () => {
    const port = await serve(() => Promise.resolve(new Response('no thanks', { status: 401 })));
    const answer = await new Promise<{ status: number; connection: unknown }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/', method: 'PUT', headers: { 'Content-Length': String(10 * 1024 * 1024) } }, (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, connection: res.headers.connection });
      });
      req.on('error', reject);
      req.write('x'.repeat(1024)); // the rest never comes
    });
    expect(answer).toEqual({ status: 401, connection: 'close' });
  });
});

describe('startMockServer timeouts', () => {
  it('sets short headers and request timeouts by default, and takes others', async () => {
    const byDefault = await startMockServer({ userCount: 1 });
    const custom = await startMockServer({ userCount: 1, headersTimeout: 500, requestTimeout: 800 });
    try {
      expect([byDefault.server.headersTimeout, byDefault.server.requestTimeout]).toEqual([10_000, 30_000]);
      expect([custom.server.headersTimeout, custom.server.requestTimeout]).toEqual([500, 800]);
    } finally {
      await byDefault.close();
      await custom.close();
    }
    await expect(startMockServer({ requestTimeout: 0 })).rejects.toThrow(/requestTimeout/);
  });

  it('closes a connection whose headers never end', async () => {
    const mock = await startMockServer({ userCount: 1, headersTimeout: 300, requestTimeout: 300 });
    try {
      // Only the outcome is asserted (an answer of 408 or a close), not how soon: no timing on a busy machine.
      const first = await raw(mock.port, 'GET /v1/usg/dcs/corp/member HTTP/1.1\r\nHost: x\r\nX-Slow: ');
      expect(first === '(closed without an answer)' || first.startsWith('HTTP/1.1 408')).toBe(true);
    } finally {
      await mock.close();
    }
  });
});

describe('the mock over node:http', () => {
  // The adapter calls the mock's core without building a Request or a Response (for speed): what a
  // client gets must be what the fetch handler gives for the same request.
  it('answers every request as its fetch handler does', async () => {
    const options = { userCount: 30, seed: 3 };
    const mock = await startMockServer(options);
    const api = createMockApi(options);
    const search = '/v1/usg/dcs/corp/member';
    const token = { 'X-Access-Token': 'token-1234', 'X-Request-Id': 'fixed-id' };
    const account = api.store.users[0]?.userAccount ?? '';
    const cases: { method: string; path: string; headers?: Record<string, string>; body?: string }[] = [
      { method: 'GET', path: `${search}?offset=0&limit=5`, headers: token },
      { method: 'GET', path: `${search}?limit=5&searchKey=a&status=0`, headers: { ...token, 'Accept-Language': 'en-GB,en;q=0.8' } },
      { method: 'HEAD', path: `${search}?limit=3`, headers: token },
      { method: 'GET', path: `${search}?status=7&limit=-1&userType=3`, headers: token },
      { method: 'GET', path: search, headers: { 'Accept-Language': 'en-US', 'X-Request-Id': 'fixed-id' } },
      { method: 'DELETE', path: search, headers: token },
      { method: 'GET', path: '/v1/nowhere', headers: token },
      { method: 'PUT', path: '/v1/usg/dcs/corp/member/status/1', headers: { ...token, 'Content-Type': 'application/json' }, body: JSON.stringify([account]) },
      { method: 'GET', path: `${search}?limit=1`, headers: token },
      { method: 'PUT', path: '/v1/usg/dcs/corp/member/status/01', headers: { ...token, 'Content-Type': 'application/json' }, body: '[1,' },
    ];
    const shown = (response: Response) => ['content-type', 'content-length', 'allow', 'x-request-id'].map((name) => response.headers.get(name));
    try {
      for (const { method, path, headers, body } of cases) {
        const overHttp = await fetch(`${mock.url}${path}`, { method, headers, body });
        const inProcess = await api.fetch(path, { method, headers, body });
        expect([overHttp.status, shown(overHttp), await overHttp.text()], `${method} ${path}`).toEqual([inProcess.status, shown(inProcess), await inProcess.text()]);
      }
    } finally {
      await mock.close();
    }
  });

  it('answers 400 to a method fetch cannot represent, and keeps serving', async () => {
    const mock = await startMockServer({ userCount: 3 });
    try {
      expect(await raw(mock.port, 'TRACE /v1/usg/dcs/corp/member HTTP/1.1\r\nHost: x\r\nX-Access-Token: t\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
      expect((await get(mock.port, '/v1/usg/dcs/corp/member', { 'X-Access-Token': 't' })).status).toBe(200);
    } finally {
      await mock.close();
    }
  });
});
