import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/mock/index.js';
import type { StatusReport } from '../../src/cli/status-change.js';
import { ndjson, run } from './support.js';

let mock: MockServer;
let dir: string;
beforeAll(async () => {
  mock = await startMockServer({ userCount: 1200 });
  dir = mkdtempSync(join(tmpdir(), 'hmu-status-'));
});
afterAll(() => mock.close());
beforeEach(() => mock.store.reset());

const statusOf = (account: string) => mock.store.users.find((u) => u.userAccount === account)?.status;
const accountsWith = (status: 0 | 1, count: number) =>
  mock.store.users.filter((u) => u.status === status).slice(0, count).map((u) => u.userAccount as string);
const bodies = (requests: { body: string | undefined }[]) => requests.map((r) => JSON.parse(r.body ?? 'null') as string[]);

describe('users enable / disable', () => {
  it('changes the accounts given as arguments and says so', async () => {
    const [a, b] = accountsWith(1, 2) as [string, string];
    const result = await run(['users', 'enable', a, b], { baseUrl: mock.url });
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: 'Enabled 2 account(s).\n' });
    expect([statusOf(a), statusOf(b)]).toEqual([0, 0]);
    const back = await run(['users', 'disable', a], { baseUrl: mock.url });
    expect(back.stderr).toBe('Disabled 1 account(s).\n');
    expect(statusOf(a)).toBe(1);
    expect(back.requests.map((r) => new URL(r.url).pathname)).toEqual(['/v1/usg/dcs/corp/member/status/1']);
  });

  it('reads --from a file (plain lines and users-list ndjson) and --from - (stdin), duplicates once', async () => {
    const [a, b, c] = accountsWith(1, 3) as [string, string, string];
    const file = join(dir, 'accounts.txt');
    writeFileSync(file, `${a}\r\n\n${JSON.stringify({ userAccount: b, status: 1 })}\n${a}\n`);
    const fromFile = await run(['users', 'enable', '--from', file], { baseUrl: mock.url });
    expect(fromFile.code).toBe(0);
    expect(bodies(fromFile.requests)).toEqual([[a, b]]);
    const fromStdin = await run(['users', 'enable', '--from', '-'], { baseUrl: mock.url, stdin: `${c}\n` });
    expect(fromStdin.code).toBe(0);
    expect(statusOf(c)).toBe(0);
  });

  it('uses thirdAccount from ndjson with --account-type 1', async () => {
    const user = mock.store.users.find((u) => u.status === 1 && u.thirdAccount);
    const result = await run(['users', 'enable', '--account-type', '1', '--from', '-'], { baseUrl: mock.url, stdin: `${JSON.stringify(user)}\n` });
    expect(result.code).toBe(0);
    expect(bodies(result.requests)).toEqual([[user?.thirdAccount]]);
    expect(new URL(result.requests[0]?.url ?? '').searchParams.get('accountType')).toBe('1');
    expect(user?.status).toBe(0);
  });

  it('refuses bad input with exit 2, naming lines but not their content, and sends nothing', async () => {
    const cases: [string[], string | undefined, RegExp][] = [
      [['users', 'enable', '--from', '-'], 'ok-account\n{"userAccount": 5}\n{not json\n[\n', /line 2 has no userAccount; line 3 starts with "\{" but is not JSON; line 4 is JSON array output/],
      [['users', 'enable', 'x', '--from', '-'], '', /not both/],
      [['users', 'enable'], undefined, /no accounts/],
      [['users', 'enable', '--from', join(dir, 'missing.txt')], undefined, /cannot read .*missing\.txt: ENOENT/],
      [['users', 'enable', 'a', '--chunk-size', '0'], undefined, /--chunk-size/],
      [['users', 'enable', 'a', '--account-type', '2'], undefined, /--account-type/],
      [['users', 'enable', 'a', ' '], undefined, /argument 2 is empty/],
      [['users', 'enable', 'a', '--report', join(dir, 'no-such-dir', 'r.json')], undefined, /cannot write --report .*ENOENT; nothing was sent/],
    ];
    for (const [argv, stdin, message] of cases) {
      const result = await run(argv, { baseUrl: mock.url, stdin });
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.requests).toEqual([]);
    }
    const secret = await run(['users', 'enable', '--from', '-'], { baseUrl: mock.url, stdin: '{"name":"Zhang Wei personal"}\n' });
    expect(secret.stderr).not.toContain('Zhang');
  });

  it('--dry-run prints one JSON line per request and sends nothing, without a token', async () => {
    const result = await run(['users', 'disable', '--dry-run', '--chunk-size', '2', 'a', 'b', 'c', 'd', 'e'], { baseUrl: mock.url, token: null });
    expect(result.code).toBe(0);
    expect(result.requests).toEqual([]);
    expect(ndjson(result.stdout)).toEqual([
      { method: 'PUT', path: '/v1/usg/dcs/corp/member/status/1', accounts: ['a', 'b'] },
      { method: 'PUT', path: '/v1/usg/dcs/corp/member/status/1', accounts: ['c', 'd'] },
      { method: 'PUT', path: '/v1/usg/dcs/corp/member/status/1', accounts: ['e'] },
    ]);
    expect(result.stderr).toContain('nothing was sent');
  });

  it('asks on a terminal above 100 accounts: no sends nothing (exit 2), --yes does not ask', async () => {
    const accounts = accountsWith(1, 101);
    const questions: string[] = [];
    const declined = await run(['users', 'enable', ...accounts], { baseUrl: mock.url, stderrTTY: true, confirm: async (q) => (questions.push(q), false) });
    expect(declined.code).toBe(2);
    expect(declined.requests).toEqual([]);
    expect(questions).toEqual([`Enable 101 accounts at ${mock.url}? [y/N] `]);
    expect(declined.stderr).toContain('Cancelled: nothing was sent.');
    const noTerminal = await run(['users', 'enable', ...accounts], { baseUrl: mock.url, stderrTTY: true });
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.stderr).toContain('--yes');
    const yes = await run(['users', 'enable', '--yes', ...accounts], { baseUrl: mock.url, stderrTTY: true, confirm: async () => expect.fail('asked despite --yes') });
    expect(yes.code).toBe(0);
    expect(yes.requests).toHaveLength(2);
    const piped = await run(['users', 'disable', ...accounts], { baseUrl: mock.url });
    expect(piped.code).toBe(0);
  });

  it('exit 1 when a chunk fails; the summary and --report say which accounts, with status, code and request id; the journal lets a rerun skip what was done', async () => {
    const accounts = accountsWith(1, 6);
    accounts.splice(3, 0, 'no-such-account');
    const journal = join(dir, 'run.journal');
    const report = join(dir, 'run.json');
    const first = await run(['--request-id', 'job-7', 'users', 'enable', '--chunk-size', '2', '--concurrency', '2', '--journal', journal, '--report', report, ...accounts], { baseUrl: mock.url });
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/^Enabled 5 of 7 account\(s\); 2 failed, 0 unconfirmed, 0 not sent\.\n {2}failed: HTTP 400 USG\.201040000 .+ \(PUT \/v1\/usg\/dcs\/corp\/member\/status\/0, request id job-7-2\): /);
    const written = JSON.parse(readFileSync(report, 'utf8')) as StatusReport;
    expect(written.failed).toEqual([{ accounts: [accounts[2], 'no-such-account'], error: expect.objectContaining({ name: 'MeetingApiError', status: 400, errorCode: 'USG.201040000', requestId: 'job-7-2' }) }]);
    expect(written.updated.sort()).toEqual([accounts[0], accounts[1], accounts[4], accounts[5], accounts[6]].sort());
    expect(written).toMatchObject({ operation: 'enable', requested: 7, unconfirmed: [], notSent: [], interrupted: false });

    const fixed = accounts.filter((a) => a !== 'no-such-account');
    const rerun = await run(['users', 'enable', '--chunk-size', '2', '--journal', journal, ...fixed], { baseUrl: mock.url });
    expect(rerun.code).toBe(0);
    expect(bodies(rerun.requests)).toEqual([[accounts[2]]]);
    expect(rerun.stderr).toBe('Enabled 1 account(s) (5 already confirmed in the journal, skipped).\n');
    expect(fixed.map(statusOf)).toEqual(fixed.map(() => 0));
  });

  it('a chunk with no answer (connection lost) is unconfirmed, not failed', async () => {
    const accounts = accountsWith(1, 4);
    const report = join(dir, 'unconfirmed.json');
    let calls = 0;
    const result = await run(['--retries', '0', 'users', 'enable', '--chunk-size', '2', '--concurrency', '1', '--report', report, ...accounts], {
      baseUrl: mock.url,
      fetch: (send) => (url, init) => (++calls === 2 ? Promise.reject(new TypeError('fetch failed')) : send(url, init)),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('0 failed, 2 unconfirmed');
    const written = JSON.parse(readFileSync(report, 'utf8')) as StatusReport;
    expect(written.unconfirmed).toEqual([{ accounts: accounts.slice(2), error: expect.objectContaining({ name: 'MeetingNetworkError' }) }]);
    expect(written.failed).toEqual([]);
  });

  it('Ctrl+C stops sending, lets the chunk in flight finish, writes journal and report, and says what was not done', async () => {
    const accounts = accountsWith(1, 10);
    const journal = join(dir, 'ctrl-c.journal');
    const report = join(dir, 'ctrl-c.json');
    const stop = new AbortController();
    const result = await run(['users', 'enable', '--chunk-size', '3', '--concurrency', '1', '--journal', journal, '--report', report, ...accounts], {
      baseUrl: mock.url,
      signal: stop.signal,
      fetch: (send) => async (url, init) => {
        stop.abort(); // Ctrl+C while the first chunk is in flight
        return send(url, init);
      },
    });
    expect(result.code).toBe(130);
    expect(result.requests).toHaveLength(1);
    expect(result.stderr).toMatch(/^Interrupted: enabled 3 of 10 account\(s\); 0 failed, 0 unconfirmed, 7 not sent\.\n {2}not sent: /);
    const written = JSON.parse(readFileSync(report, 'utf8')) as StatusReport;
    expect(written).toMatchObject({ interrupted: true, updated: accounts.slice(0, 3), notSent: accounts.slice(3) });
    expect(ndjson(readFileSync(journal, 'utf8'))).toEqual([expect.objectContaining({ baseUrl: mock.url, status: 0, accountType: 0, accounts: accounts.slice(0, 3) })]);
    expect(accounts.map(statusOf)).toEqual([0, 0, 0, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('still prints the summary when the final report cannot be written', async () => {
    const { mkdirSync, rmSync } = await import('node:fs');
    const report = join(dir, 'vanishing.json');
    const [account] = accountsWith(1, 1) as [string];
    const result = await run(['users', 'enable', '--report', report, account], {
      baseUrl: mock.url,
      fetch: (send) => (url, init) => {
        // The report written before sending is replaced by a directory: the final write fails.
        rmSync(report);
        mkdirSync(report);
        return send(url, init);
      },
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`error: could not write --report ${report}: EISDIR\nEnabled 1 account(s).\n`);
  });

  it('shows progress on a terminal stderr', async () => {
    let clock = 0;
    const result = await run(['users', 'enable', '--yes', '--chunk-size', '10', '--concurrency', '1', ...accountsWith(1, 30)], { baseUrl: mock.url, stderrTTY: true, now: () => (clock += 1000) });
    expect(result.stderr).toContain('10 of 30 accounts · ');
    expect(result.stderr).toContain('Enabled 30 account(s).');
  });
});
