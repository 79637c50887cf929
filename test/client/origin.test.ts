// X-Access-Token goes to the configured origin only: every way `raw` could be pointed elsewhere is
// refused before anything is sent.
import { describe, expect, it } from 'vitest';
import { createMeetingClient, MeetingValidationError, type MeetingClient } from '../../src/index.js';

function spiedClient(baseUrl = 'https://api.example.com/gw') {
  const sent: string[] = [];
  const client = createMeetingClient({
    accessToken: 'origin-test-token',
    baseUrl,
    fetch: async (url) => {
      sent.push(url);
      return new Response('{"count":0,"data":[]}', { headers: { 'content-type': 'application/json' } });
    },
  });
  return { client, sent };
}

async function refusal(call: (client: MeetingClient) => Promise<unknown>, baseUrl?: string) {
  const { client, sent } = spiedClient(baseUrl);
  const error = await call(client).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MeetingValidationError);
  expect((error as MeetingValidationError).problems.map((p) => p.field)).toEqual(['baseUrl']);
  expect(sent).toEqual([]);
}

const PATH = '/v1/usg/dcs/corp/member';

describe('raw requests to another origin', () => {
  it('refuses a per-call baseUrl on another host', () => refusal((c) => c.raw.GET(PATH, { baseUrl: 'http://other-host' })));

  it('refuses a per-call baseUrl that only changes the scheme or the port', async () => {
    await refusal((c) => c.raw.GET(PATH, { baseUrl: 'http://api.example.com/gw' }));
    await refusal((c) => c.raw.PUT('/v1/usg/dcs/corp/member/status/{value}', { baseUrl: 'https://api.example.com:8443/gw', params: { path: { value: 0 } }, body: ['a'] }));
  });

  it('refuses a middleware that redirects the request', () =>
    refusal((c) => {
      c.raw.use({ onRequest: ({ request }) => new Request('https://elsewhere.example/v1/usg/dcs/corp/member', request) });
      return c.raw.GET(PATH);
    }));

  it('refuses a path that extends the host name', () => refusal((c) => c.raw.GET(`.evil.example${PATH}` as typeof PATH), 'https://api.example.com'));

  it('adds no token to a request sent through a per-call fetch (the transport is bypassed)', async () => {
    const { client, sent } = spiedClient();
    const seen: Request[] = [];
    await client.raw.GET(PATH, {
      baseUrl: 'http://other-host',
      fetch: async (request: Request) => {
        seen.push(request);
        return Response.json({ count: 0, data: [] });
      },
    });
    expect(seen.map((r) => [r.url.split('?')[0], r.headers.get('x-access-token')])).toEqual([[`http://other-host${PATH}`, null]]);
    expect(sent).toEqual([]);
  });

  it('still sends to the configured origin, under another path prefix too', async () => {
    const { client, sent } = spiedClient();
    await client.raw.GET(PATH);
    await client.raw.GET(PATH, { baseUrl: 'https://api.example.com/other' });
    await client.searchUsers();
    expect(sent.map((u) => u.split('?')[0])).toEqual([`https://api.example.com/gw${PATH}`, `https://api.example.com/other${PATH}`, `https://api.example.com/gw${PATH}`]);
  });
});
