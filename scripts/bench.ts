// `npm run bench`: the client's costs, measured on loopback in one run, against the issue's targets.
//   1. per-call cost of searchUsers vs a raw fetch of the same URL with the same headers (ratio)
//   2. searchAllUsers over 20,000 users at 20 ms per page, concurrency 1 and 4, vs a raw fetch loop;
//      1,000,000 users from the mock, pages of 500, concurrency 1 and 4
//   3. minified + gzipped size of the client bundled with openapi-fetch
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import createClient from 'openapi-fetch';
import type { paths } from '../generated/schema.js';
import { cliBench } from './bench/cli.js';
import { benchListingVsFloor, benchMillion } from './bench/listing.js';
import { forkServer } from './bench/fork-server.js';
import { median, verdict, type BenchRow } from './bench/report.js';
import { benchMock } from './bench/mock.js';
// The compiled package, as a consumer runs it (`npm run bench` builds it first), typed by its
// source so that `tsc --noEmit` does not need dist/ to exist.
const { createMeetingClient } = (await import(new URL('../dist/index.js', import.meta.url).href)) as typeof import('../src/index.js');

const TOKEN = 'bench-token';
const PAGE_SIZE = 100;
const LIST_USERS = 20_000;
const LATENCY_MS = 20;
const ROUNDS = 30;
const CALLS_PER_ROUND = 200;

type Variant = { name: string; call: () => Promise<unknown> };

/**
 * Per-call wall time of each variant, in µs: the median of rounds that alternate short runs of
 * every variant (rotating which goes first) so drift from GC, CPU frequency or other load on the
 * machine hits all alike. Ratios are taken within each round, then their median. The CPU time this
 * process spent per call is kept too: unlike wall time it leaves out the server and the scheduler.
 */
async function perCall(): Promise<{ name: string; us: number; ratio: number; cpuUs: number; cpuRatio: number }[]> {
  const { baseUrl, child } = await forkServer(new URL('./bench-server.ts', import.meta.url), { BENCH_USERS: '1000' });
  try {
    const client = createMeetingClient({ accessToken: TOKEN, baseUrl, language: 'en-US' });
    const plain = createClient<paths>({ baseUrl, headers: { 'X-Access-Token': TOKEN, 'Accept-Language': 'en-US' } });
    const url = `${baseUrl}/v1/usg/dcs/corp/member?offset=0&limit=10`;
    const headers = () => ({ 'X-Access-Token': TOKEN, 'Accept-Language': 'en-US', 'X-Request-Id': crypto.randomUUID() });
    const json = async (res: Response) => {
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return res.json();
    };
    // What a timeout that can cut a stalled request costs by itself, made as the client makes it:
    // Node's fetch follows the signal with a listener, a WeakRef and a FinalizationRegistry entry.
    const withTimeout = async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 30_000);
      try {
        return await json(await fetch(url, { headers: headers(), signal: controller.signal }));
      } finally {
        clearTimeout(timer);
      }
    };
    const variants: Variant[] = [
      { name: 'raw fetch + res.json() (baseline)', call: async () => json(await fetch(url, { headers: headers() })) },
      { name: 'client.searchUsers', call: () => client.searchUsers({ offset: 0, limit: 10 }) },
      { name: 'raw fetch with a cleared 30 s timeout', call: withTimeout },
      { name: 'plain openapi-fetch GET, no timeout', call: async () => (await plain.GET('/v1/usg/dcs/corp/member', { params: { query: { offset: 0, limit: 10 } } })).data },
    ];
    const time = async (call: () => Promise<unknown>, n: number) => {
      const cpu = process.cpuUsage();
      const started = performance.now();
      for (let i = 0; i < n; i++) await call();
      const used = process.cpuUsage(cpu);
      return { us: ((performance.now() - started) / n) * 1000, cpuUs: (used.user + used.system) / n };
    };
    // Warm up the JIT, the connection pool and the server.
    for (const v of variants) await time(v.call, 2_000);
    const rounds = variants.map(() => [] as { us: number; cpuUs: number; ratio: number; cpuRatio: number }[]);
    for (let round = 0; round < ROUNDS; round++) {
      const times: { us: number; cpuUs: number }[] = [];
      for (let k = 0; k < variants.length; k++) {
        const i = (round + k) % variants.length;
        times[i] = await time((variants[i] as Variant).call, CALLS_PER_ROUND);
      }
      const floor = times[0] as { us: number; cpuUs: number };
      times.forEach((t, i) => rounds[i]?.push({ ...t, ratio: t.us / floor.us, cpuRatio: t.cpuUs / floor.cpuUs }));
    }
    return variants.map((v, i) => {
      const of = (key: 'us' | 'cpuUs' | 'ratio' | 'cpuRatio') => median((rounds[i] ?? []).map((r) => r[key]));
      return { name: v.name, us: of('us'), ratio: of('ratio'), cpuUs: of('cpuUs'), cpuRatio: of('cpuRatio') };
    });
  } finally {
    child.kill();
  }
}

async function bundleSize(): Promise<{ minified: number; gzipped: number }> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../src/index.ts', import.meta.url))],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
}
async function perCallRows(): Promise<BenchRow[]> {
  return (await perCall()).map((c, i) => {
    const isTarget = c.name === 'client.searchUsers';
    const cpu = `CPU ${c.cpuUs.toFixed(1)} µs${i === 0 ? '' : ` = ${c.cpuRatio.toFixed(3)}x`}`;
    return [
      `per call: ${c.name}`,
      `${c.us.toFixed(1)} µs${i === 0 ? '' : ` = ${c.ratio.toFixed(3)}x baseline`} (${cpu})`,
      isTarget ? '<= 1.10x' : '(context)',
      isTarget ? verdict(c.ratio <= 1.1) : '',
    ];
  });
}

// Issue 14: searchAllUsers within 10% of a raw fetch loop over the same pages (the stand-in server);
// the same against the embedded mock, whose own work per page is added, as context.
async function listingRows(): Promise<BenchRow[]> {
  const standIn = { script: '../bench-server.ts', users: LIST_USERS, latencyMs: LATENCY_MS };
  return [
    ...(await benchListingVsFloor(standIn, PAGE_SIZE, [1, 4], 'stand-in', 1.1)),
    ...(await benchListingVsFloor({ ...standIn, script: '../bench-mock.ts' }, PAGE_SIZE, [4], 'embedded mock')),
    ...(await benchMillion()),
  ];
}

async function bundleRows(): Promise<BenchRow[]> {
  const size = await bundleSize();
  return [['client + openapi-fetch, minified + gzipped', `${(size.gzipped / 1024).toFixed(2)} kB (${size.gzipped} B; ${size.minified} B minified)`, '<= 8 kB', verdict(size.gzipped <= 8 * 1024)]];
}

// `npm run bench -- cli mock` runs only those sections; no argument runs them all.
const SECTIONS: Record<string, () => Promise<BenchRow[]>> = { client: perCallRows, listing: listingRows, bundle: bundleRows, cli: cliBench, mock: benchMock };
const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(name in SECTIONS));
if (unknown.length > 0) throw new Error(`unknown bench section(s) ${unknown.join(', ')}; choose from ${Object.keys(SECTIONS).join(', ')}`);
const rows: BenchRow[] = [];
for (const [name, run] of Object.entries(SECTIONS)) if (chosen.length === 0 || chosen.includes(name)) rows.push(...(await run()));

const header: [string, string, string, string] = ['measure', 'result', 'target', ''];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
console.log(`\nNode ${process.version}, loopback, server in a separate process. Per-call: median of ${ROUNDS} interleaved rounds of ${CALLS_PER_ROUND} calls each, page of 10 users; the target is on wall time, CPU is this process's own.`);
