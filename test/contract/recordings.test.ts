// Every recording is a HAR 1.2 file (checked against the HAR schema), and every recorded exchange
// keeps to the spec: its response against the operation and status, its request against the
// operation's parameters and body; and none of them holds a secret.
import { describe, expect, it } from 'vitest';
import { fromHar, requestUrl, responseText, toHar } from '../../src/recording/index.js';
import { createSpecValidator, loadBundledSpec } from '../../src/validation/index.js';
import { harProblems } from './support/har-schema.js';
import { harFiles, loadRecordings } from './support/recordings.js';

const validator = createSpecValidator(loadBundledSpec());
const recordings = loadRecordings();
const SEED_TOKEN = 'stb7PzruAmA6d3JJD578jlAHczGfN4SIaup9';
const HAR_ENTRY_FIELDS = new Set(['pageref', 'startedDateTime', 'time', 'request', 'response', 'cache', 'timings', 'serverIPAddress', 'connection', 'comment']);

describe('recorded exchanges', () => {
  it('cover the seed examples, paging edges, null fields and every error status', () => {
    const files = recordings.map((r) => r.file);
    for (const name of [
      'search-users-seed.har',
      'batch-update-user-status-seed.har',
      'search-users-empty-page.har',
      'search-users-nullable-null.har',
      'search-users-last-page.har',
      'search-users-offset-past-end.har',
      'batch-update-user-status-empty-200.har',
    ]) {
      expect(files).toContain(name);
    }
    const errorStatuses = new Set(recordings.filter((r) => r.exchange.response.status >= 400).map((r) => r.exchange.response.status));
    expect([...errorStatuses].sort()).toEqual([400, 401, 403, 500]);
  });

  it.each(harFiles().map((h) => [h.file, h.har] as const))('%s: is a HAR 1.2 file', (_file, har) => {
    expect(harProblems(har)).toEqual([]);
    expect(har.log.version).toBe('1.2');
    // What HAR has no field for is in the custom fields it allows: each starts with "_".
    for (const entry of har.log.entries) expect(Object.keys(entry).filter((k) => !HAR_ENTRY_FIELDS.has(k) && !k.startsWith('_'))).toEqual([]);
  });

  it('the HAR schema check is not a no-op: an entry without its response, or a header without a value, fails', () => {
    const har = structuredClone(harFiles()[0]!.har) as unknown as { log: { entries: Record<string, unknown>[] } };
    delete har.log.entries[0]!.response;
    expect(harProblems(har).join()).toMatch(/response/);
    const noValue = structuredClone(harFiles()[0]!.har) as unknown as { log: { entries: { request: { headers: object[] } }[] } };
    noValue.log.entries[0]!.request.headers = [{ name: 'x' }];
    expect(harProblems(noValue).join()).toMatch(/value/);
  });

  it('reads back what it writes: toHar then fromHar gives every exchange back', () => {
    const exchanges = recordings.map((r) => r.exchange);
    expect(fromHar(toHar(exchanges))).toEqual(exchanges);
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
    const seed = recordings.find((r) => r.file === 'search-users-seed.har')?.exchange;
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
