// toHar / fromHar on what the files of test/recordings/ do not show: a server behind a gateway path,
// a body that is not JSON, several entries in one file.
import { describe, expect, it } from 'vitest';
import { fromHar, toHar, type NamedExchange } from '../../src/recording/index.js';
import { harProblems } from './support/har-schema.js';

const search: NamedExchange = {
  name: 'gateway-page',
  description: 'a 502 page from a gateway',
  source: 'recorded',
  operationId: 'SearchUsers',
  baseUrl: 'https://gateway.example/meeting',
  request: { method: 'GET', path: '/v1/usg/dcs/corp/member', query: { userType: ['2', '12'], searchKey: 'a b&c' }, headers: { 'accept-language': 'en-US' }, body: null },
  response: { status: 502, headers: { 'content-type': 'text/html' }, body: '<html>busy</html>' },
};
const put: NamedExchange = {
  name: 'disable',
  description: 'a status change',
  source: 'live',
  operationId: 'BatchUpdateUserStatus',
  baseUrl: 'https://api.meeting.huaweicloud.com',
  request: { method: 'PUT', path: '/v1/usg/dcs/corp/member/status/1', query: { accountType: '0' }, headers: { 'content-type': 'application/json' }, body: ['a', 'b'] },
  response: { status: 200, headers: {}, body: null },
};

describe('HAR', () => {
  const har = toHar([search, put]);
  const [gateway, change] = har.log.entries;

  it('is valid HAR 1.2 and reads back whole', () => {
    expect(harProblems(har)).toEqual([]);
    expect(fromHar(har)).toEqual([search, put]);
  });

  it('keeps the gateway path in the URL and says where the API path starts', () => {
    expect(gateway?.request.url).toBe('https://gateway.example/meeting/v1/usg/dcs/corp/member?userType=2&userType=12&searchKey=a+b%26c');
    expect(gateway?._baseUrl).toBe('https://gateway.example/meeting');
    expect(gateway?.request.queryString).toEqual([
      { name: 'userType', value: '2' },
      { name: 'userType', value: '12' },
      { name: 'searchKey', value: 'a b&c' },
    ]);
    expect(change?._baseUrl).toBeUndefined();
  });

  it('keeps a body that is not JSON as the text it was, and a JSON request body as postData', () => {
    expect(gateway?.response).toMatchObject({ status: 502, statusText: 'Bad Gateway', content: { mimeType: 'text/html', text: '<html>busy</html>', size: 17 } });
    expect(change?.request.postData).toEqual({ mimeType: 'application/json', text: '["a","b"]' });
    expect(change?.request.bodySize).toBe(9);
    expect(change?.response.content).toEqual({ size: 0, mimeType: '' });
    expect(change).toMatchObject({ _name: 'disable', _source: 'live', _operationId: 'BatchUpdateUserStatus', comment: 'a status change' });
  });
});
