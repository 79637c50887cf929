// The shared validator: what it accepts and, above all, that it rejects what it should.
import { describe, expect, it } from 'vitest';
import { createSpecValidator, deref, loadBundledSpec } from '../../src/validation/index.js';

const doc = loadBundledSpec();
const validator = createSpecValidator(doc);
const SEARCH = '/v1/usg/dcs/corp/member';
const token = { 'x-access-token': 't' };

describe('validateRequest', () => {
  it('coerces query strings by schema and repeated userType keys to integers', () => {
    const result = validator.validateRequest({
      method: 'GET',
      url: `${SEARCH}?offset=3&limit=5&isAsc=false&userType=2&userType=14&searchKey=ab`,
      headers: token,
    });
    expect(result.issues).toEqual([]);
    expect(result.operationId).toBe('SearchUsers');
    expect(result.query).toEqual({ offset: 3, limit: 5, isAsc: false, userType: [2, 14], searchKey: 'ab' });
  });

  it('names the operation, security, header and path problems', () => {
    expect(validator.validateRequest({ method: 'GET', url: '/v2/x', headers: token }).issues[0]).toMatchObject({ in: 'operation', name: 'path' });
    expect(validator.validateRequest({ method: 'POST', url: SEARCH, headers: token }).issues[0]).toMatchObject({ in: 'operation', name: 'method' });
    expect(validator.validateRequest({ method: 'GET', url: SEARCH, headers: {} }).issues).toEqual([
      { in: 'security', name: 'X-Access-Token', message: 'is required' },
    ]);
    const header = validator.validateRequest({ method: 'GET', url: SEARCH, headers: new Headers({ ...token, 'accept-language': 'fr' }) });
    expect(header.issues[0]).toMatchObject({ in: 'header', name: 'Accept-Language' });
  });

  it('reads the body by content type and validates it', () => {
    const put = (body: string | undefined, type = 'application/json') =>
      validator.validateRequest({ method: 'PUT', url: '/v1/usg/dcs/corp/member/status/1', headers: { ...token, 'content-type': type }, body });
    expect(put('["a"]')).toMatchObject({ body: ['a'], path: { value: 1 }, issues: [] });
    expect(put('["a"]', 'application/json;charset=UTF-8').issues).toEqual([]);
    expect(put('["a"]', 'text/plain').issues[0]).toMatchObject({ in: 'header', name: 'Content-Type' });
    expect(put(undefined).issues[0]).toMatchObject({ in: 'body', name: 'body', message: 'is required' });
    expect(put('[2]').issues[0]).toMatchObject({ in: 'body', name: 'body/0' });
  });
});

describe('validateResponse', () => {
  const page = JSON.stringify({ count: 0, data: [], limit: 10, offset: 0 });
  const json = { 'content-type': 'application/json;charset=UTF-8', 'x-request-id': 'r' };

  it('accepts a documented response and a PUT 200 without a body', () => {
    expect(validator.validateResponse({ method: 'GET', url: SEARCH, status: 200, headers: json, body: page })).toEqual([]);
    expect(validator.validateResponse({ method: 'PUT', url: `${SEARCH}/status/0`, status: 200, headers: {}, body: '' })).toEqual([]);
  });

  it('reports an undocumented status, a wrong content type, bad JSON and schema drift', () => {
    const check = (status: number, headers: Record<string, string>, body: string) =>
      validator.validateResponse({ method: 'GET', url: SEARCH, status, headers, body });
    expect(check(429, json, page)[0]).toMatchObject({ in: 'status', name: '429' });
    expect(check(200, { 'content-type': 'text/html' }, page)[0]).toMatchObject({ in: 'header', name: 'Content-Type' });
    expect(check(200, {}, page)[0]?.message).toContain('(absent)');
    expect(check(200, json, '<html>')[0]).toMatchObject({ in: 'body', message: 'is not valid JSON' });
    expect(check(200, json, JSON.stringify({ count: '1', data: [] }))[0]).toMatchObject({ in: 'body', name: 'body/count' });
    expect(check(400, json, JSON.stringify({ error_msg: 'x' }))[0]).toMatchObject({ in: 'body', name: 'body' });
    expect(validator.validateResponse({ method: 'GET', url: '/nope', status: 200, headers: json, body: page })[0]).toMatchObject({ in: 'operation' });
  });
});

describe('spec document', () => {
  it('explains how to get the bundled spec when it is missing', () => {
    expect(() => loadBundledSpec('/nonexistent/openapi.json')).toThrow(/npm run bundle/);
  });

  it('follows local refs and refuses the rest', () => {
    expect(deref(doc, { $ref: '#/components/parameters/limit' })).toMatchObject({ name: 'limit' });
    expect(() => deref(doc, { $ref: '#/components/parameters/none' })).toThrow(/Unresolved/);
    expect(() => deref(doc, { $ref: 'other.yaml#/x' })).toThrow(/local/);
  });
});
