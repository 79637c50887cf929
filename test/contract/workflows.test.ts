// The Arazzo workflows of spec/workflows/: `redocly lint` accepts them, and `redocly respect` runs
// them against the mock (told to require a token): the administrator's job leaves no common user
// disabled and changes nobody else, a rejected token is a 401, and the end of a listing is reached.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/mock/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const WORKFLOWS = 'spec/workflows/users.arazzo.yaml';
const TOKEN = 'workflow-token-must-be-masked';
const out = mkdtempSync(join(tmpdir(), 'respect-'));

type Run = { code: number; output: string };
function redocly(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    // Telemetry is off in redocly.yaml; the variable makes sure of it whatever the config says.
    execFile(`${root}node_modules/.bin/redocly`, args, { cwd: root, env: { ...process.env, REDOCLY_TELEMETRY: 'off' }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

type Report = { status: string; files: Record<string, { executedWorkflows: { workflowId: string; status: string }[] }> };
async function respect(server: MockServer, name: string, extra: string[] = []): Promise<Run & { report: Report }> {
  const json = join(out, `${name}.json`);
  const run = await redocly(['respect', WORKFLOWS, '--input', `token=${TOKEN}`, '--server', `meeting=${server.url}`, '--max-steps', '200', '-J', json, ...extra]);
  return { ...run, report: JSON.parse(readFileSync(json, 'utf8')) as Report };
}

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ userCount: 60, seed: 7, authenticate: (t) => (t === TOKEN ? 'ok' : 'invalid') });
});
afterAll(async () => {
  await mock.close();
  rmSync(out, { recursive: true, force: true });
});

describe('Arazzo workflows', () => {
  it('pass redocly lint', async () => {
    const run = await redocly(['lint', WORKFLOWS]);
    expect(run.code, run.output).toBe(0);
  });

  it('run with redocly respect against the mock: every workflow passes and the job is done', async () => {
    const disabled = mock.store.users.filter((u) => u.status === 1);
    const disabledCommon = disabled.filter((u) => (u.userType ?? 2) === 2).map((u) => u.userAccount);
    // The seed gives the job something to do, and leaves other types disabled to show they are untouched.
    expect(disabledCommon.length).toBeGreaterThan(0);
    const others = disabled.filter((u) => (u.userType ?? 2) !== 2).map((u) => u.userAccount);

    const run = await respect(mock, 'all');
    expect(run.code, run.output).toBe(0);
    const workflows = Object.values(run.report.files).flatMap((f) => f.executedWorkflows);
    expect(workflows.map((w) => [w.workflowId, w.status])).toEqual([
      ['enable-disabled-users', 'success'],
      ['rejected-token', 'success'],
      ['page-to-the-end', 'success'],
    ]);
    for (const account of disabledCommon) expect(mock.store.users.find((u) => u.userAccount === account)?.status, account).toBe(0);
    for (const account of others) expect(mock.store.users.find((u) => u.userAccount === account)?.status, account).toBe(1);
    // Respect masks the token in what it writes.
    expect(run.output + readFileSync(join(out, 'all.json'), 'utf8')).not.toContain(TOKEN);
  });

  it('fail where the server breaks them: a mock that accepts any token fails rejected-token', async () => {
    const open = await startMockServer({ userCount: 10 });
    try {
      const run = await respect(open, 'open', ['--workflow', 'rejected-token']);
      expect(run.code).not.toBe(0);
      expect(Object.values(run.report.files).flatMap((f) => f.executedWorkflows).map((w) => w.status)).toEqual(['error']);
    } finally {
      await open.close();
    }
  });
});
