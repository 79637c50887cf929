// The try-it console's logic, in Node: what it derives from the spec and what it sends for a form.
import { describe, expect, it } from 'vitest';
import type { ConsoleOperation } from '../../docs/console/model.js';
import { buildRequest, newRequestId, shownBody, shownHeaders, type SendContext } from '../../docs/console/request.js';
import { consoleSpecOf } from '../../scripts/console-spec.js';
import { loadBundledSpec } from '../support/spec.js';

const bundled = loadBundledSpec();
const spec = consoleSpecOf(bundled as unknown as Record<string, unknown>);
const operation = (id: string): ConsoleOperation => {
  const found = spec.operations.find((candidate) => candidate.operationId === id);
  if (!found) throw new Error(`no ${id} in the console spec`);
  return found;
};
const context: SendContext = {
  baseUrl: 'http://127.0.0.1:4010',
  token: 'tok-123',
  tokenHeader: spec.tokenHeader,
  requestIdHeader: spec.requestIdHeader,
  requestId: 'f'.repeat(32),
};

describe('consoleSpecOf (the bundled spec)', () => {
  it('lists both operations with their method and path, and the production server', () => {
    expect(spec.operations.map(({ operationId, method, path }) => `${operationId} ${method} ${path}`)).toEqual([
      'SearchUsers GET /v1/usg/dcs/corp/member',
      'BatchUpdateUserStatus PUT /v1/usg/dcs/corp/member/status/{value}',
    ]);
    expect(spec.servers.map((server) => server.url)).toEqual(['https://api.meeting.huaweicloud.com']);
    expect(spec.tokenHeader).toBe('X-Access-Token');
  });

  it('drops X-Request-Id from the form, so the spec example is never sent; keeps Accept-Language filled with its default', () => {
    const search = operation('SearchUsers');
    expect(search.parameters.map((parameter) => parameter.name)).not.toContain('X-Request-Id');
    expect(JSON.stringify(spec)).not.toContain('0ecdde61a9c0aedc6c17ed7add46033c');
    expect(search.parameters.find((parameter) => parameter.name === 'Accept-Language')).toMatchObject({ in: 'header', values: ['zh-CN', 'en-US'], initial: 'zh-CN' });
  });

  it('describes userType as an array of its enum values, the path value as required, the body by its example', () => {
    expect(operation('SearchUsers').parameters.find((parameter) => parameter.name === 'userType')).toMatchObject({ kind: 'array', values: [2, 12, 13, 14], in: 'query' });
    // Query defaults are the server's to apply: the form starts empty.
    expect(operation('SearchUsers').parameters.find((parameter) => parameter.name === 'limit')?.initial).toBeUndefined();
    const put = operation('BatchUpdateUserStatus');
    expect(put.parameters.find((parameter) => parameter.name === 'value')).toMatchObject({ in: 'path', required: true, values: [0, 1] });
    expect(JSON.parse(put.body ?? '')).toEqual(['test010']);
  });

  it('refuses a parameter the console cannot send, naming it', () => {
    const doc = { paths: { '/x': { get: { operationId: 'X', parameters: [{ name: 'sid', in: 'cookie', schema: { type: 'string' } }] } } }, components: { securitySchemes: { t: { type: 'apiKey', in: 'header', name: 'T' } } } };
    expect(() => consoleSpecOf(doc)).toThrow(/sid is in cookie/);
  });
});

describe('buildRequest', () => {
  it('sends an array as repeated keys, leaves empty fields out, and adds the token and the request id', () => {
    const built = buildRequest(operation('SearchUsers'), { userType: ['2', '12'], limit: '5', searchKey: '', 'Accept-Language': 'en-US' }, context);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const url = new URL(built.request.url);
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:4010/v1/usg/dcs/corp/member');
    expect(url.search).toBe('?limit=5&userType=2&userType=12');
    expect(built.request.headers).toEqual([
      ['Accept-Language', 'en-US'],
      ['X-Access-Token', 'tok-123'],
      ['X-Request-Id', 'f'.repeat(32)],
    ]);
    expect(built.request.body).toBeUndefined();
  });

  it('puts the path value in the path and the body as JSON, keeping a gateway prefix of the server', () => {
    const built = buildRequest(operation('BatchUpdateUserStatus'), { value: '1', accountType: '', body: '["a", "b"]' }, { ...context, baseUrl: 'https://gw.example/meeting/' });
    expect(built).toMatchObject({ ok: true, request: { method: 'PUT', url: 'https://gw.example/meeting/v1/usg/dcs/corp/member/status/1', body: '["a", "b"]' } });
    if (built.ok) expect(built.request.headers).toContainEqual(['Content-Type', 'application/json']);
  });

  it('sends no token header when none was entered', () => {
    const built = buildRequest(operation('SearchUsers'), {}, { ...context, token: '' });
    expect(built.ok && built.request.headers.map(([name]) => name)).toEqual(['X-Request-Id']);
  });

  it('refuses a missing path value and a server that is not an http(s) URL, naming both, before sending', () => {
    expect(buildRequest(operation('BatchUpdateUserStatus'), { value: '' }, { ...context, baseUrl: 'javascript:alert(1)' })).toEqual({
      ok: false,
      problems: ['server: "javascript:alert(1)" is not an http:// or https:// URL', 'value: required (it is part of the path)'],
    });
    expect(buildRequest(operation('SearchUsers'), {}, { ...context, baseUrl: 'http://h/?q=1' }).ok).toBe(false);
  });

  it('encodes a path value, so it cannot change the path', () => {
    const built = buildRequest(operation('BatchUpdateUserStatus'), { value: '../../x?y' }, context);
    expect(built.ok && new URL(built.request.url).pathname).toBe('/v1/usg/dcs/corp/member/status/..%2F..%2Fx%3Fy');
  });
});

describe('what the console shows', () => {
  it('makes a fresh 32-hex-digit request id each time', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newRequestId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(newRequestId((bytes) => bytes.fill(0xab))).toBe('ab'.repeat(16));
  });

  it('never shows the token among the sent headers', () => {
    const shown = shownHeaders({ method: 'GET', url: 'http://h/', headers: [['x-access-token', 'secret-token'], ['X-Request-Id', 'id']] }, 'X-Access-Token');
    expect(shown).not.toContain('secret-token');
    expect(shown).toBe('x-access-token: (your token, not shown)\nX-Request-Id: id');
  });

  it('pretty-prints a JSON body and shows anything else as received', () => {
    expect(shownBody('{"a":1}', 'application/json;charset=UTF-8')).toBe('{\n  "a": 1\n}');
    expect(shownBody('{broken', 'application/json')).toBe('{broken');
    expect(shownBody('plain', 'text/plain')).toBe('plain');
    expect(shownBody('', null)).toBe('(empty body)');
  });
});
