import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMeetingClient } from '../../src/index.js';
import { startMockServer, type MockServer } from '../../src/mock/index.js';
import { csvField } from '../../src/cli/output.js';
import { ndjson, run } from './support.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ userCount: 300, authenticate: (token) => (token === 'expired-token' ? 'invalid' : 'ok') });
});
afterAll(() => mock.close());
beforeEach(() => mock.store.reset());

async function viaClient(query: Parameters<ReturnType<typeof createMeetingClient>['searchAllUsers']>[0]) {
  const users = [];
  for await (const user of createMeetingClient({ accessToken: 'token-for-tests', baseUrl: mock.url }).searchAllUsers(query)) users.push(user);
  return users;
}

describe('users list', () => {
  it('writes every matching user as ndjson when stdout is not a terminal, over all pages', async () => {
    let heapBounded = 0;
    const result = await run(['users', 'list', '--status', 'disabled', '--page-size', '7'], { baseUrl: mock.url, boundHeap: () => (heapBounded += 1) });
    expect(result.code).toBe(0);
    // The installed command's process keeps its young generation small for the listing (heap.test.ts).
    expect(heapBounded).toBe(1);
    const expected = await viaClient({ status: 1 });
    expect(expected.length).toBeGreaterThan(7);
    expect(ndjson(result.stdout)).toEqual(expected);
    expect(result.requests.length).toBe(Math.ceil(expected.length / 7));
    expect(result.stderr).toBe('');
  });

  it('sends every filter as the spec names it', async () => {
    const result = await run(
      ['users', 'list', '--status', '0', '--user-type', '2,12', '--admin-type', '1', '--search', 'Wang', '--dept', '2', '--no-sub-dept', '--sort-field', 'status', '--asc', '--inactive', '--max', '3'],
      { baseUrl: mock.url },
    );
    expect(result.code).toBe(0);
    const query = new URL(result.requests[0]?.url ?? '').searchParams;
    expect(Object.fromEntries(query)).toMatchObject({ status: '0', adminType: '1', searchKey: 'Wang', deptCode: '2', enableSubDept: 'false', sortField: 'status', isAsc: 'true', containsUnActive: 'true', limit: '3' });
    expect(query.getAll('userType')).toEqual(['2', '12']);
  });

  it('--request-id is the prefix of each page\'s X-Request-Id, so one listing can be traced', async () => {
    const ids: (string | null)[] = [];
    const result = await run(['users', 'list', '--status', 'disabled', '--page-size', '7', '--request-id', 'job-42'], {
      baseUrl: mock.url,
      fetch: (send) => (url, init) => {
        ids.push(new Headers(init.headers).get('x-request-id'));
        return send(url, init);
      },
    });
    expect(result.code).toBe(0);
    expect(ids.length).toBeGreaterThan(1);
    expect(ids).toEqual(ids.map((_, i) => `job-42-${i + 1}`));
  });

  it('stops after --max users, asking for pages no larger than that', async () => {
    const result = await run(['users', 'list', '--max', '5', '--page-size', '100'], { baseUrl: mock.url });
    expect(ndjson(result.stdout)).toHaveLength(5);
    // searchAllUsers asks for the next page before handing out this one; stopping aborts it.
    expect(result.requests.length).toBeLessThanOrEqual(2);
    expect(new URL(result.requests[0]?.url ?? '').searchParams.get('limit')).toBe('5');
  });

  it('prints a table on a terminal, statuses by name, control characters neutralised', async () => {
    const victim = mock.store.users.find((u) => u.status === 1 && u.userType === 2);
    if (!victim) throw new Error('seed has no disabled user');
    victim.name = 'Evil\u001b[2J';
    const result = await run(['users', 'list', '--status', 'disabled'], { baseUrl: mock.url, stdoutTTY: true });
    const [header, ...rows] = result.stdout.trimEnd().split('\n');
    expect(header?.split(/\s+/)).toEqual(['USERACCOUNT', 'NAME', 'STATUS', 'USERTYPE', 'ADMINTYPE', 'DEPTNAMEPATH']);
    expect(rows).toHaveLength((await viaClient({ status: 1 })).length);
    expect(rows.every((row) => row.includes('disabled'))).toBe(true);
    expect(result.stdout).not.toContain('\u001b');
    expect(result.stdout).toContain('Evil?[2J');
  });

  it('writes csv with the chosen --fields, and json as one array', async () => {
    const csv = await run(['users', 'list', '--format', 'csv', '--fields', 'userAccount,status,deptNamePath', '--max', '3'], { baseUrl: mock.url });
    const lines = csv.stdout.split('\r\n');
    expect(lines[0]).toBe('userAccount,status,deptNamePath');
    expect(lines).toHaveLength(5);
    const json = await run(['users', 'list', '--format', 'json', '--fields', 'userAccount', '--max', '2'], { baseUrl: mock.url });
    expect(JSON.parse(json.stdout)).toEqual((await viaClient({})).slice(0, 2).map((u) => ({ userAccount: u.userAccount })));
    const none = await run(['users', 'list', '--format', 'json', '--search', 'no-such-user-anywhere'], { baseUrl: mock.url });
    expect(JSON.parse(none.stdout)).toEqual([]);
  });

  it('quotes csv fields per RFC 4180', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(12)).toBe('12');
  });

  it('shows progress on a terminal stderr while data goes to a pipe', async () => {
    let clock = 0;
    const result = await run(['users', 'list', '--page-size', '50'], { baseUrl: mock.url, stderrTTY: true, now: () => (clock += 50) });
    expect(result.stderr).toMatch(/\d+ of 2\d\d users · [\d,]+\/s · \d+s left/);
    expect(result.stdout).not.toContain('users ·');
    expect(ndjson(result.stdout).length).toBeGreaterThan(200);
  });

  it('refuses bad values with exit 2 before sending anything', async () => {
    for (const args of [['--status', 'asleep'], ['--user-type', '2,3'], ['--fields', 'userAccount,password'], ['--max', '0'], ['--format', 'xml'], ['--page-size', 'ten']]) {
      const result = await run(['users', 'list', ...args], { baseUrl: mock.url });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.requests).toEqual([]);
      expect(result.stderr).toContain(args[0]);
    }
  });

  it('Ctrl+C ends the listing with exit 130, the json written so far still valid', async () => {
    const stop = new AbortController();
    let calls = 0;
    const result = await run(['users', 'list', '--format', 'json', '--page-size', '10'], {
      baseUrl: mock.url,
      signal: stop.signal,
      fetch: (send) => (url, init) => {
        if (++calls === 3) stop.abort();
        return send(url, init);
      },
    });
    expect(result.code).toBe(130);
    const written = JSON.parse(result.stdout) as unknown[];
    expect(written.length).toBeGreaterThanOrEqual(10);
    expect(written.length).toBeLessThan(30);
    expect(result.stderr).toBe(`Interrupted: ${written.length} user(s) written.\n`);
  });

  it('stops quietly when the reader goes away (| head)', async () => {
    const { Writable } = await import('node:stream');
    const requests: string[] = [];
    const stdout = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const { runCli } = await import('../../src/cli/program.js');
    const { Readable } = await import('node:stream');
    const stderr = new Writable({ write: (_c, _e, cb) => cb() });
    const code = await runCli(['users', 'list', '--page-size', '10'], {
      stdin: Readable.from([]),
      stdout,
      stderr,
      env: { MEETING_TOKEN: 'token-for-tests', MEETING_BASE_URL: mock.url },
      signal: new AbortController().signal,
      fetch: (url, init) => {
        requests.push(url);
        return fetch(url, init);
      },
    });
    expect(code).toBe(0);
    expect(requests.length).toBeLessThan(30);
  });
});

describe('global options and errors', () => {
  it('takes the token from --token-file (one trailing line break dropped) and never as an option value', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'hmu-token-')), 'token');
    writeFileSync(file, 'expired-token\n');
    const fromFile = await run(['--token-file', file, 'users', 'list', '--max', '1'], { baseUrl: mock.url, token: null });
    expect(fromFile.code).toBe(1);
    expect(fromFile.stderr).toMatch(/^error: HTTP 401 USG\.000000004 .+ \(GET \/v1\/usg\/dcs\/corp\/member, request id [\w-]+\)\n$/);
    expect(fromFile.stderr).not.toContain('expired-token');
    const asOption = await run(['--token', 'pasted-secret', 'users', 'list'], { baseUrl: mock.url, token: null });
    expect(asOption.code).toBe(2);
    expect(asOption.requests).toEqual([]);
    expect(asOption.stderr).toContain('MEETING_TOKEN');
    expect(asOption.stderr).not.toContain('pasted-secret');
    const none = await run(['users', 'list'], { baseUrl: mock.url, token: null });
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('error: no access token: set MEETING_TOKEN or pass --token-file FILE\n');
  });

  it('--verbose logs one line per request without the token, and a stack on error', async () => {
    const ok = await run(['--verbose', 'users', 'list', '--page-size', '100'], { baseUrl: mock.url, token: 'tok-visible-nowhere' });
    const lines = ok.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(ok.requests.length);
    for (const line of lines) expect(line).toMatch(/^GET \/v1\/usg\/dcs\/corp\/member 200 \d+ ms \(attempt 1, request id [\w-]+\)$/);
    expect(ok.stderr).not.toContain('tok-visible-nowhere');
    const failed = await run(['--verbose', 'users', 'list'], { baseUrl: mock.url, token: 'expired-token' });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('MeetingApiError: GET /v1/usg/dcs/corp/member failed with HTTP 401');
    expect(failed.stderr).toMatch(/\n\s+at /);
    expect(failed.stderr).not.toContain('expired-token');
    const quiet = await run(['users', 'list'], { baseUrl: mock.url, token: 'expired-token' });
    expect(quiet.stderr).not.toMatch(/\n\s+at /);
  });

  it('a base URL from --base-url wins over MEETING_BASE_URL; a bad one is bad usage', async () => {
    const result = await run(['--base-url', mock.url, 'users', 'list', '--max', '1'], { baseUrl: 'http://127.0.0.1:9' });
    expect(result.code).toBe(0);
    const bad = await run(['--base-url', 'http://example.com', 'users', 'list'], {});
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('baseUrl must use https');
    expect(bad.requests).toEqual([]);
  });

  it('help has an example for each command; --version prints the version; unknown commands are bad usage', async () => {
    for (const command of [['users', 'list'], ['users', 'enable'], ['users', 'disable'], ['serve'], ['mock'], ['check'], ['record'], ['docs']]) {
      const help = await run([...command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/Examples?:\n {2}\$ huawei-meeting-users /);
    }
    const version = await run(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect((await run(['user', 'list'])).code).toBe(2);
    expect((await run([])).code).toBe(2);
  });
});
