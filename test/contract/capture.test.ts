// captureExchange: the wire as it was (token sent, never kept), ready for the Scrubber.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/mock/index.js';
import { captureExchange, Scrubber } from '../../src/recording/index.js';

const TOKEN = 'capture-token-secret-1';
let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ authenticate: (t) => (t === TOKEN ? 'ok' : 'invalid') });
});
afterAll(async () => {
  await mock.close();
});

describe('captureExchange', () => {
  it('sends the token but does not keep it, and records the answer', async () => {
    const exchange = await captureExchange(
      { baseUrl: mock.url, token: TOKEN },
      { method: 'GET', path: '/v1/usg/dcs/corp/member', query: { userType: ['2', '12'], limit: '2' }, body: null },
      { description: 'two types', operationId: 'SearchUsers' },
    );
    expect(exchange.response.status).toBe(200);
    expect((exchange.response.body as { data: unknown[] }).data).toHaveLength(2);
    expect(exchange.request.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(exchange.response.headers['x-request-id']).toBe(exchange.request.headers['x-request-id']);
    expect(JSON.stringify(exchange)).not.toContain(TOKEN);
    // A loopback mock is not Huawei's service.
    expect(exchange.source).toBe('recorded');
  });

  it('sends a JSON body for a PUT, and keeps a body that is not JSON as text', async () => {
    const account = mock.store.users[0]?.userAccount ?? '';
    const put = await captureExchange(
      { baseUrl: mock.url, token: TOKEN },
      { method: 'PUT', path: '/v1/usg/dcs/corp/member/status/1', query: {}, body: [account] },
      { description: 'disable', operationId: 'BatchUpdateUserStatus' },
    );
    expect(put.response).toMatchObject({ status: 200, body: null });
    expect(put.request.headers['content-type']).toBe('application/json');
    const html = await captureExchange(
      { baseUrl: 'https://gateway.invalid', token: TOKEN, fetch: async () => new Response('<html>busy</html>', { status: 502 }) },
      { method: 'GET', path: '/v1/usg/dcs/corp/member', query: {}, body: null },
      { description: 'gateway page', operationId: 'SearchUsers' },
    );
    expect(html.response).toMatchObject({ status: 502, body: '<html>busy</html>' });
    expect(JSON.stringify(new Scrubber({ secrets: [TOKEN] }).exchange(html))).not.toContain(TOKEN);
  });

  it('keeps the path of a base URL behind a gateway, as the client does', async () => {
    const urls: string[] = [];
    const fetch = async (url: URL | RequestInfo) => {
      urls.push(String(url));
      return new Response('{"count":0,"data":[]}', { headers: { 'content-type': 'application/json' } });
    };
    for (const baseUrl of ['https://gateway.example/meeting', 'https://gateway.example/meeting/']) {
      await captureExchange({ baseUrl, token: TOKEN, fetch }, { method: 'GET', path: '/v1/usg/dcs/corp/member', query: { limit: '1' }, body: null }, { description: 'prefixed', operationId: 'SearchUsers' });
    }
    expect(urls).toEqual(['https://gateway.example/meeting/v1/usg/dcs/corp/member?limit=1', 'https://gateway.example/meeting/v1/usg/dcs/corp/member?limit=1']);
  });
});
