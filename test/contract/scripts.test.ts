// `npm run record` and `npm run test:live` end to end against the mock on loopback: what they
// refuse, what they write, and that the token never reaches a file or the console.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/mock/index.js';
import { requestUrl, responseText, type RecordedExchange } from '../../src/recording/index.js';
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
    execFile(`${root}node_modules/.bin/tsx`, [`${root}scripts/${script}`, ...args], { env: { ...clean, ...env }, cwd: root }, (error, stdout, stderr) =>
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
    const put = await run('record.ts', ['--out', out, '--put-status', '1', '--accounts', 'a'], { MEETING_TOKEN: TOKEN, MEETING_BASE_URL: mock.url });
    expect(put.code).toBe(2);
    expect(put.stderr).toContain('--allow-put');
    const http = await run('record.ts', ['--out', out], { MEETING_TOKEN: TOKEN, MEETING_BASE_URL: 'http://meeting.example.com' });
    expect(http.code).toBe(2);
    expect(http.stderr).toContain('https');
    expect(readdirSync(out)).toEqual([]);
  });

  it('checks the PUT arguments before sending anything', async () => {
    const seen: string[] = [];
    const counted = await startMockServer({ onExchange: (e) => seen.push(e.url) });
    try {
      for (const args of [
        ['--put-status', '2', '--accounts', 'a'],
        ['--accounts', 'a'],
        ['--put-status', '1', '--accounts', ','],
        ['--put-status', '1', '--accounts', 'a', '--account-type', '3'],
      ]) {
        const result = await run('record.ts', ['--out', out, '--allow-put', ...args], { MEETING_TOKEN: TOKEN, MEETING_BASE_URL: counted.url });
        expect(result.code, args.join(' ')).toBe(2);
      }
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
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(9);
    const validator = createSpecValidator(loadBundledSpec());
    for (const file of files) {
      const text = readFileSync(join(out, file), 'utf8');
      expect(text).not.toContain(TOKEN);
      // The mock's e-mail addresses and phone numbers were replaced by pseudonyms.
      expect(text).not.toMatch(/(user|tv|hub|room)\d{4}@example\.com/);
      expect(text).not.toMatch(/\+86\d{11}/);
      const { request, response } = JSON.parse(text) as RecordedExchange;
      const issues = validator.validateResponse({ method: request.method, url: requestUrl(request), status: response.status, headers: response.headers, body: responseText(response) });
      expect(issues, file).toEqual([]);
    }
    // The mock is not Huawei's service: every file says so, in its name and its `source`.
    expect(files.every((f) => f.startsWith('recorded-'))).toBe(true);
    expect(result.stdout).toContain('(recorded)');
    const invalid = JSON.parse(readFileSync(join(out, 'recorded-invalid-token.json'), 'utf8')) as RecordedExchange;
    expect(invalid).toMatchObject({ source: 'recorded', response: { status: 401 } });
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
