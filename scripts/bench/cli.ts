// The command's costs, for `npm run bench`:
//   1. `users list` of 100,000 users from the mock (pages of 500) vs the client's searchAllUsers
//      alone over the same server: the formatting and writing the command adds (<= 1.2x); then the
//      same as processes, as a user runs them (start-up and the command's heap bound included);
//   2. the command's peak RSS listing 1,000,000 users (< 150 MB, the worst of three runs), and the same listing under a
//      48 MB cap on V8's old generation, which only a command that keeps nothing can finish;
//   3. `users enable` of 10,000 accounts: exactly 100 requests of 100 accounts.
// The mock and the stand-in run in their own processes; the command runs from the compiled dist/.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { forkServer } from './fork-server.js';
import { alternate, verdict, type BenchRow } from './report.js';

type Program = typeof import('../../src/cli/program.js');
type Root = typeof import('../../src/index.js');
type Mock = typeof import('../../src/mock/index.js');
const dist = (path: string) => new URL(`../../dist/${path}`, import.meta.url).href;
const { runCli } = (await import(dist('cli/program.js'))) as Program;
const { createMeetingClient } = (await import(dist('index.js'))) as Root;
const { startMockServer } = (await import(dist('mock/index.js'))) as Mock;

const TOKEN = 'bench-token-cli';
const LIST_USERS = 100_000;
const RSS_USERS = 1_000_000;
const PAGE_SIZE = 500;
const ROUNDS = 4;
// Peak RSS varies by 20-30 MB between identical runs (when V8 happens to collect): the worst counts.
const RSS_RUNS = 3;
const ENABLE_ACCOUNTS = 10_000;

// Every user type and inactive terminals, so that the listing covers all of the mock's users.
const EVERYONE = ['--user-type', '2,12,13,14', '--inactive', '--page-size', String(PAGE_SIZE), '--format', 'ndjson'];

async function listing(): Promise<BenchRow> {
  const { baseUrl, child } = await forkServer(new URL('./mock-server.ts', import.meta.url), { BENCH_SERVER: 'mock', BENCH_USERS: String(LIST_USERS) });
  try {
    const client = createMeetingClient({ accessToken: TOKEN, baseUrl });
    const clientAlone = async () => {
      let n = 0;
      for await (const user of client.searchAllUsers({ userType: [2, 12, 13, 14], containsUnActive: true }, { pageSize: PAGE_SIZE })) if (user) n += 1;
      return n;
    };
    const command = async () => {
      const stdout = createWriteStream('/dev/null');
      const stderr = createWriteStream('/dev/null');
      const code = await runCli(['users', 'list', ...EVERYONE], { stdin: Readable.from([]), stdout, stderr, env: { MEETING_TOKEN: TOKEN, MEETING_BASE_URL: baseUrl }, signal: new AbortController().signal });
      stdout.end();
      stderr.end();
      if (code !== 0) throw new Error(`users list exited ${code}`);
    };
    if ((await clientAlone()) !== LIST_USERS) throw new Error(`the mock did not list ${LIST_USERS} users`);
    await command(); // warm-up of both paths done
    const { a: cli, b: alone, ratio } = await alternate(ROUNDS, command, clientAlone);
    return [
      `users list ${LIST_USERS} users from the mock, pages of ${PAGE_SIZE}, ndjson to /dev/null, vs searchAllUsers alone`,
      `${cli.toFixed(0)} ms vs ${alone.toFixed(0)} ms = ${ratio.toFixed(3)}x`,
      '<= 1.20x',
      verdict(ratio <= 1.2),
    ];
  } finally {
    child.kill();
  }
}

/** The client alone, as a program of its own: every user read and dropped. */
const CLIENT_ALONE = `const { createMeetingClient } = await import(${JSON.stringify(dist('index.js'))});
const client = createMeetingClient({ accessToken: process.env.MEETING_TOKEN, baseUrl: process.env.MEETING_BASE_URL });
let n = 0;
for await (const user of client.searchAllUsers({ userType: [2, 12, 13, 14], containsUnActive: true }, { pageSize: ${PAGE_SIZE} })) if (user) n += 1;
process.stdout.write(n + ' users\\n');`;

/**
 * A process of its own listing `users` users: the compiled command (which bounds its heap as the
 * installed one does), or (`clientAlone`) a program that only iterates searchAllUsers; its peak RSS in kB.
 */
async function listingProcess(baseUrl: string, users: number, nodeFlags: string[], clientAlone = false): Promise<number> {
  // The peak of this process's own memory: VmHWM. Linux carries ru_maxrss (resourceUsage().maxRSS)
  // over fork and exec, so a child spawned by a bench that already holds 150 MB reported 150 MB
  // whatever it used itself.
  const report = `import { readFileSync } from 'node:fs';
process.on('exit', () => {
  const kb = /VmHWM:\\s*(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  process.stderr.write('peakRssKb=' + (kb ?? process.resourceUsage().maxRSS) + '\\n');
});`;
  const program = clientAlone ? ['--input-type=module', '-e', CLIENT_ALONE] : [fileURLToPath(dist('cli/main.js')), 'users', 'list', ...EVERYONE];
  const command = spawn(process.execPath, [...nodeFlags, '--import', `data:text/javascript,${encodeURIComponent(report)}`, ...program], {
    env: { ...process.env, MEETING_TOKEN: TOKEN, MEETING_BASE_URL: baseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let lines = 0;
  let stdout = '';
  let stderr = '';
  command.stdout.on('data', (chunk: Buffer) => {
    for (const byte of chunk) if (byte === 10) lines += 1;
    if (clientAlone) stdout += String(chunk);
  });
  command.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  const [code] = (await once(command, 'exit')) as [number | null];
  const listed = clientAlone ? Number.parseInt(stdout, 10) : lines;
  if (code !== 0 || listed !== users) throw new Error(`users list ${nodeFlags.join(' ')} exited ${code} after ${listed} users: ${stderr.slice(0, 500)}`);
  return Number(/peakRssKb=(\d+)/.exec(stderr)?.[1]);
}

async function rss(): Promise<BenchRow[]> {
  // The stand-in makes each page on the fly: a million users cost it no memory.
  const { baseUrl, child } = await forkServer(new URL('../bench-server.ts', import.meta.url), { BENCH_USERS: String(RSS_USERS) });
  try {
    const mb = async (flags: string[], clientAlone = false) => (await listingProcess(baseUrl, RSS_USERS, flags, clientAlone)) / 1024;
    const peaks: number[] = [];
    for (let run = 0; run < RSS_RUNS; run++) peaks.push(await mb([]));
    let capped: string;
    try {
      capped = `completed, peak RSS ${(await mb(['--max-old-space-size=48'])).toFixed(0)} MB`;
    } catch (error) {
      capped = `failed: ${error instanceof Error ? error.message.slice(0, 80) : String(error)}`;
    }
    const clientMb = await mb([], true);
    const worst = Math.max(...peaks);
    return [
      [`users list ${RSS_USERS} users, pages of ${PAGE_SIZE}, peak RSS of the command (worst of ${RSS_RUNS} runs)`, `${worst.toFixed(0)} MB (runs: ${peaks.map((p) => p.toFixed(0)).join(', ')})`, '< 150 MB', verdict(worst < 150)],
      [`searchAllUsers alone over the same ${RSS_USERS} users, peak RSS of its process (V8's default heap sizing)`, `${clientMb.toFixed(0)} MB`, '(context)', ''],
      [`users list ${RSS_USERS} users with V8's old generation capped at 48 MB`, capped, 'completes (nothing kept)', verdict(capped.startsWith('completed'))],
    ];
  } finally {
    child.kill();
  }
}

/** The same comparison as `listing`, as processes: start-up and the command's heap bound included. */
async function listingAsProcesses(): Promise<BenchRow> {
  const { baseUrl, child } = await forkServer(new URL('./mock-server.ts', import.meta.url), { BENCH_SERVER: 'mock', BENCH_USERS: String(LIST_USERS) });
  try {
    const run = (clientAlone: boolean) => () => listingProcess(baseUrl, LIST_USERS, [], clientAlone);
    await run(false)();
    await run(true)();
    const { a: cli, b: alone, ratio } = await alternate(ROUNDS, run(false), run(true));
    return [
      `  the same as processes: the command (heap bound included) vs a program iterating searchAllUsers`,
      `${cli.toFixed(0)} ms vs ${alone.toFixed(0)} ms = ${ratio.toFixed(3)}x`,
      '(context)',
      '',
    ];
  } finally {
    child.kill();
  }
}

async function enable(): Promise<BenchRow> {
  const puts: number[] = [];
  const mock = await startMockServer({
    userCount: ENABLE_ACCOUNTS,
    onExchange: (exchange) => {
      if (exchange.method === 'PUT') puts.push((JSON.parse(exchange.request.body ?? '[]') as unknown[]).length);
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'hmu-bench-'));
  try {
    const file = join(dir, 'accounts.txt');
    writeFileSync(file, `${mock.store.users.map((u) => u.userAccount).join('\n')}\n`);
    const sink = createWriteStream('/dev/null');
    const started = performance.now();
    const code = await runCli(['users', 'enable', '--from', file, '--yes'], { stdin: Readable.from([]), stdout: sink, stderr: sink, env: { MEETING_TOKEN: TOKEN, MEETING_BASE_URL: mock.url }, signal: new AbortController().signal });
    const ms = performance.now() - started;
    sink.end();
    const exact = code === 0 && puts.length === 100 && puts.every((n) => n === 100);
    return [`users enable ${ENABLE_ACCOUNTS} accounts, chunks of 100`, `${puts.length} requests, ${Math.min(...puts)}-${Math.max(...puts)} accounts each, exit ${code}, ${ms.toFixed(0)} ms`, 'exactly 100 x 100', verdict(exact)];
  } finally {
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function cliBench(): Promise<BenchRow[]> {
  return [await listing(), await listingAsProcesses(), ...(await rss()), await enable()];
}
