import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/mock/index.js';
import { run } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'hmu-check-'));
let mock: MockServer;
let lax: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ requireToken: 'check-token-1' });
  // A server that drifts from the contract: it takes any token.
  lax = await startMockServer();
});
afterAll(async () => {
  await mock.close();
  await lax.close();
});

describe('check', () => {
  it('passes against the mock it starts itself when no base URL is given', async () => {
    const result = await run(['check'], { token: null });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^pass {2}default search/);
    expect(result.stdout).toMatch(/(\d+)\/\1 contract checks passed against the mock \(http:\/\/127\.0\.0\.1:\d+\)\n$/);
  });

  it('toggles and restores the --allow-put account, and writes JUnit XML for CI', async () => {
    const account = mock.store.users[0]?.userAccount ?? '';
    const before = mock.store.users[0]?.status;
    const output = join(dir, 'contract.xml');
    const result = await run(['check', '--allow-put', account, '--reporter', 'junit', '--output', output], { baseUrl: mock.url, token: 'check-token-1' });
    expect(result.code).toBe(0);
    const xml = readFileSync(output, 'utf8');
    const tests = Number(/<testsuite [^>]*tests="(\d+)"/.exec(xml)?.[1]);
    expect(tests).toBe(result.stdout.split('\n').filter((line) => line.startsWith('pass')).length);
    expect(xml).toContain('failures="0"');
    expect(mock.store.users[0]?.status).toBe(before);
  });

  it('exits 1 naming the failed check when a server drifts; the JUnit report says so too', async () => {
    const table = await run(['check'], { baseUrl: lax.url, token: 'any-token-123' });
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(/^FAIL {2}an invalid token is a 401 with a Huawei error body: status 200, expected 401$/m);
    const junit = await run(['check', '--reporter', 'junit'], { baseUrl: lax.url, token: 'any-token-123' });
    expect(junit.code).toBe(1);
    expect(junit.stdout).toMatch(/^<\?xml/);
    expect(junit.stdout).toMatch(/<failure message="status 200, expected 401"/);
  });

  it('refuses bad options with exit 2, before any request', async () => {
    const plain = await run(['check'], { baseUrl: 'http://example.com', token: 'any-token-123' });
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('--base-url must be https');
    expect((await run(['check', '--reporter', 'xml'])).code).toBe(2);
    expect((await run(['check', '--output', join(dir, 'x.xml')])).code).toBe(2);
    expect((await run(['check'], { baseUrl: mock.url, token: null })).code).toBe(2);
  });
});

describe('record', () => {
  it('records the plan from a server into a HAR file in --out, scrubbed, without the token', async () => {
    const out = join(dir, 'recordings');
    const result = await run(['record', '--out', out], { baseUrl: mock.url, token: 'check-token-1' });
    expect(result.code).toBe(0);
    expect(readdirSync(out)).toEqual(['recorded.har']);
    expect(result.stdout).toBe(`${join(out, 'recorded.har')}\n`);
    const har = readFileSync(join(out, 'recorded.har'), 'utf8');
    expect(har).not.toContain('check-token-1');
    const entries = (JSON.parse(har) as { log: { entries: unknown[] } }).log.entries;
    expect(entries.length).toBeGreaterThan(5);
    expect(result.stderr).toContain(`Recorded ${entries.length} exchanges (recorded)`);
  });

  it('sends a PUT only with --allow-put, and names the missing options by their flags', async () => {
    const refused = await run(['record', '--out', join(dir, 'none'), '--put-status', '1', '--accounts', 'a,b'], { baseUrl: mock.url, token: 'check-token-1' });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--allow-put must be true to send a PUT');
    const incomplete = await run(['record', '--out', join(dir, 'none'), '--allow-put'], { baseUrl: mock.url, token: 'check-token-1' });
    expect(incomplete.code).toBe(2);
    expect(incomplete.stderr).toMatch(/--put-status must be one of 0, 1; --accounts must name at least one account/);
  });
});
