// The opt-in response validator: reports drift, never changes or breaks the call.
import { describe, expect, it } from 'vitest';
import { createMeetingClient, MeetingApiError, type MeetingFetch } from '../../src/index.js';
import { createValidatingFetch, type DriftReport } from '../../src/response-validator/index.js';
import { loadBundledSpec } from '../../src/validation/index.js';

const TOKEN = 'validator-token-42';

function serving(status: number, body: string, headers: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': 'srv-1' }): MeetingFetch {
  return async () => new Response(body || null, { status, headers });
}

function clientWith(fetch: MeetingFetch, onDrift: (d: DriftReport) => void) {
  return createMeetingClient({
    accessToken: TOKEN,
    baseUrl: 'https://drift.invalid',
    language: 'en-US',
    retry: { maxRetries: 0 },
    fetch: createValidatingFetch({ onDrift, spec: loadBundledSpec(), fetch }),
  });
}

describe('createValidatingFetch', () => {
  it('reports a drifted page and still returns it', async () => {
    const drift: DriftReport[] = [];
    const body = { count: 1, data: [{ id: 'x', userType: 3, sortLevel: 0 }], limit: 10, offset: 0 };
    const page = await clientWith(serving(200, JSON.stringify(body)), (d) => drift.push(d)).searchUsers({ limit: 10 });
    expect(page).toEqual(body);
    expect(drift).toHaveLength(1);
    expect(drift[0]).toMatchObject({ operationId: 'SearchUsers', method: 'GET', path: '/v1/usg/dcs/corp/member', status: 200, requestId: 'srv-1' });
    expect(drift[0]?.issues.map((i) => i.name).sort()).toEqual(['body/data/0/sortLevel', 'body/data/0/userType']);
    expect(JSON.stringify(drift)).not.toContain(TOKEN);
  });

  it('stays silent on a conforming response, including a PUT 200 with a body it must ignore', async () => {
    const drift: DriftReport[] = [];
    const page = JSON.stringify({ count: 0, data: [], limit: 10, offset: 0 });
    await clientWith(serving(200, page), (d) => drift.push(d)).searchUsers();
    await clientWith(serving(200, '{"unexpected":true}'), (d) => drift.push(d)).batchUpdateUserStatus({ status: 0, accounts: ['a'] });
    expect(drift).toEqual([]);
  });

  it('reports an error body of the wrong shape, and the typed error is unchanged', async () => {
    const drift: DriftReport[] = [];
    const error = await clientWith(serving(403, '{"code":"nope"}'), (d) => drift.push(d))
      .searchUsers()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MeetingApiError);
    expect(error).toMatchObject({ status: 403 });
    expect(drift[0]?.issues[0]).toMatchObject({ in: 'body', name: 'body' });
  });

  it('reports an HTML page from a gateway by its content type', async () => {
    const drift: DriftReport[] = [];
    await clientWith(serving(500, '<html>', { 'content-type': 'text/html' }), (d) => drift.push(d))
      .searchUsers()
      .catch(() => undefined);
    expect(drift[0]?.issues[0]).toMatchObject({ in: 'header', name: 'Content-Type' });
    expect(drift[0]?.requestId).toMatch(/^[0-9a-f-]{36}$/); // the client's own id: the server sent none
  });

  it('never breaks the call when the drift callback throws', async () => {
    const body = { count: 1, data: [{ userType: 3 }] };
    const client = clientWith(serving(200, JSON.stringify(body)), () => {
      throw new Error('callback failed');
    });
    await expect(client.searchUsers()).resolves.toMatchObject({ count: 1 });
  });

  it('reports a body it cannot read instead of throwing', async () => {
    const drift: DriftReport[] = [];
    const response = new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    await response.text(); // consumed: clone() now throws
    const validating = createValidatingFetch({ onDrift: (d) => drift.push(d), fetch: async () => response });
    const result = await validating('https://drift.invalid/v1/usg/dcs/corp/member', { headers: { 'x-request-id': 'req-9' } });
    expect(result).toBe(response);
    expect(drift[0]).toMatchObject({ requestId: 'req-9', issues: [{ in: 'body', message: expect.stringContaining('could not be read') }] });
  });
});
