// Every recorded exchange keeps to the spec: its response against the operation and status, its
// request against the operation's parameters and body; and none of them holds a secret.
import { describe, expect, it } from 'vitest';
import { requestUrl, responseText } from '../../src/recording/index.js';
import { createSpecValidator, loadBundledSpec } from '../../src/validation/index.js';
import { loadRecordings } from './support/recordings.js';

const validator = createSpecValidator(loadBundledSpec());
const recordings = loadRecordings();
const SEED_TOKEN = 'stb7PzruAmA6d3JJD578jlAHczGfN4SIaup9';

describe('recorded exchanges', () => {
  it('cover the seed examples, paging edges, null fields and every error status', () => {
    const files = recordings.map((r) => r.file);
    for (const name of [
      'search-users-seed.json',
      'batch-update-user-status-seed.json',
      'search-users-empty-page.json',
      'search-users-nullable-null.json',
      'search-users-last-page.json',
      'search-users-offset-past-end.json',
      'batch-update-user-status-empty-200.json',
    ]) {
      expect(files).toContain(name);
    }
    const errorStatuses = new Set(recordings.filter((r) => r.exchange.response.status >= 400).map((r) => r.exchange.response.status));
    expect([...errorStatuses].sort()).toEqual([400, 401, 403, 500]);
  });

  it.each(recordings.map((r) => [r.file, r.exchange] as const))('%s: the response keeps to the spec', (_file, exchange) => {
    const { request, response } = exchange;
    expect(validator.findOperation(request.method, request.path)?.operation?.operationId).toBe(exchange.operationId);
    const issues = validator.validateResponse({
      method: request.method,
      url: requestUrl(request),
      status: response.status,
      headers: response.headers,
      body: responseText(response),
    });
    expect(issues).toEqual([]);
  });

  it.each(recordings.map((r) => [r.file, r.exchange] as const))('%s: the request keeps to the spec', (_file, exchange) => {
    const { request } = exchange;
    const result = validator.validateRequest({
      method: request.method,
      url: requestUrl(request),
      // The token is never recorded; any value stands in for it.
      headers: { ...request.headers, 'x-access-token': 'stand-in' },
      body: request.body === null ? undefined : JSON.stringify(request.body),
    });
    expect(result.issues).toEqual([]);
  });

  it.each(recordings.map((r) => [r.file, r.exchange] as const))('%s: holds no credential', (_file, exchange) => {
    const names = [...Object.keys(exchange.request.headers), ...Object.keys(exchange.response.headers)].map((n) => n.toLowerCase());
    expect(names).not.toContain('x-access-token');
    expect(names).not.toContain('authorization');
    expect(names).not.toContain('cookie');
    expect(JSON.stringify(exchange)).not.toContain(SEED_TOKEN);
  });

  it('the validator is not a no-op on recordings: a drifted copy fails', () => {
    const seed = recordings.find((r) => r.file === 'search-users-seed.json')?.exchange;
    const drifted = structuredClone(seed!);
    (drifted.response.body as { data: { sortLevel: number }[] }).data[0]!.sortLevel = 0;
    const issues = validator.validateResponse({
      method: 'GET',
      url: requestUrl(drifted.request),
      status: 200,
      headers: drifted.response.headers,
      body: responseText(drifted.response),
    });
    expect(issues.map((i) => i.name)).toContain('body/data/0/sortLevel');
  });
});
