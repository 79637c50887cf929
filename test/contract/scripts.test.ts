// `npm run record` and `npm run test:live` end to end against the mock on loopback: what they
// refuse, what they write, and that the token never reaches a file or the console.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/mock/index.js';
import { fromHar, requestUrl, responseText, type Har } from '../../src/recording/index.js';
import { harProblems } from './support/har-schema.js';
import { createSpecValidator, loadBundledSpec } from '../../src/validation/index.js';
import { freePort } from './support/prism.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const TOKEN = 'tok-9f8e7d6c5b4a-must-not-leak';
let mock: MockServer;
const out = mkdtempSync(join(tmpdir(), 'recordings-'));

type Run = { code: number; stdout: string; stderr: string };
function run(script: string, args: string[], env: Record<string, string>): Promise<Run> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MEETING_')));
  return new Promise((resolve) => {
    // tsx as a loader in one node process: its command would start a second one to run the script.
    execFile(process.execPath, ['--import', 'tsx', `${root}scripts/${script}`, ...args], { env: { ...clean, ...env }, cwd: root }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  // The mock told to require the token (the option `npm run mock` reaches too): any other is a 401.
  mock = await startMockServer({ authenticate: (t) => (t === TOKEN ? 'ok' : 'invalid') });
});
afterAll(async () => {
  await mock.close();
  rmSync(out, { recursive: true, force: true });
});

describe('npm run record', () => {
  it('exits non-zero with a clear message without MEETING_TOKEN', async () => {
    const result = await run('record.ts', ['--out', out], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('MEETING_TOKEN is not set');
  });

  it('refuses a PUT without --allow-put, and a non-HTTPS remote base URL', async () => {
    // Independent processes, started together: each is a Node start under tsx (about 0.4 s of CPU).
    const [put, http] = await Promise.all([
      run('record.ts', ['--out', out, '--put-status', '1', '--accounts', 'a'], { MEETING_TOKEN: TOKEN, MEETING_BASE_URL: mock.url }),
      run('record.ts', ['--out', out], { MEETING_TOKEN: TOKEN, MEETING_BASE_URL: 'http://meeting.example.com' }),
    ]);
    expect(put.code).toBe(2);
    expect(put.stderr).toContain('--allow-put');
    expect(http.code).toBe(2);
    expect(http.stderr).toContain('https');
    expect(readdirSync(out)).toEqual([]);
  });

  it('checks the PUT arguments before sending anything', async () => {
    const seen: string[] = [];
    const counted = await startMockServer({ onExchange: (e) => seen.push(e.url) });
    try {
      const refused = [
        ['--put-status', '2', '--accounts', 'a'],
        ['--accounts', 'a'],
        ['--put-status', '1', '--accounts', ','],
        ['--put-status', '1', '--accounts', 'a', '--account-type', '3'],
      ];
      const results = await Promise.all(refused.map((args) => run('record.ts', ['--out', out, '--allow-put', ...args], { MEETING_TOKEN: TOKEN, MEETING_BASE_URL: counted.url })));
      results.forEach((result, i) => expect(result.code, refused[i]!.join(' ')).toBe(2));
      expect(seen).toEqual([]);
      expect(readdirSync(out)).toEqual([]);
    } finally {
      await counted.close();
    }
  });

  it('ends with a short message and writes nothing when the service cannot be reached', async () => {
    const port = await freePort();
    const result = await run('record.ts', ['--out', out], { MEETING_TOKEN: TOKEN, MEETING_BASE_URL: `http://127.0.0.1:${port}` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Recording failed, nothing was written');
    expect(result.stderr).not.toContain(TOKEN);
    expect(readdirSync(out)).toEqual([]);
  });

  it('records scrubbed, spec-valid exchanges and never writes the token', async () => {
    const account = mock.store.users.find((u) => u.userType === 2)?.userAccount ?? '';
    const result = await run('record.ts', ['--out', out, '--allow-put', '--put-status', '1', '--accounts', account], {
      MEETING_TOKEN: TOKEN,
      MEETING_BASE_URL: mock.url,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
    // The mock is not Huawei's service: the file says so, in its name and each entry's `_source`.
    expect(readdirSync(out)).toEqual(['recorded.har']);
    expect(result.stdout).toContain('(recorded)');
    const text = readFileSync(join(out, 'recorded.har'), 'utf8');
    expect(text).not.toContain(TOKEN);
    // The mock's e-mail addresses and phone numbers were replaced by pseudonyms.
    expect(text).not.toMatch(/(user|tv|hub|room)\d{4}@example\.com/);
    expect(text).not.toMatch(/\+86\d{11}/);
    const har = JSON.parse(text) as Har;
    expect(harProblems(har)).toEqual([]);
    const exchanges = fromHar(har);
    expect(exchanges).toHaveLength(9);
    const validator = createSpecValidator(loadBundledSpec());
    for (const { name, source, request, response } of exchanges) {
      expect(source).toBe('recorded');
      const issues = validator.validateResponse({ method: request.method, url: requestUrl(request), status: response.status, headers: response.headers, body: responseText(response) });
      expect(issues, name).toEqual([]);
    }
    expect(exchanges.find((e) => e.name === 'invalid-token')?.response.status).toBe(401);
    expect(mock.store.users.find((u) => u.userAccount === account)?.status).toBe(1);
  });
});

describe('npm run test:live', () => {
  it('says it skipped, and exits 0, without MEETING_TOKEN', async () => {
    const result = await run('test-live.ts', [], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('skipped');
  });

  it('passes every check against a conforming server', async () => {
    const result = await run('test-live.ts', [], { MEETING_TOKEN: TOKEN, MEETING_BASE_URL: mock.url });
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain('7/7 live contract checks passed');
  });

  it('fails against a mock that accepts any token', async () => {
    const open = await startMockServer();
    try {
      const result = await run('test-live.ts', [], { MEETING_TOKEN: TOKEN, MEETING_BASE_URL: open.url });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('FAIL an invalid token is a 401');
      expect(result.stdout).toContain('6/7 live contract checks passed');
    } finally {
      await open.close();
    }
  });
});
