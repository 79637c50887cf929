// Listings for `npm run bench`: `searchAllUsers` next to its floor, a raw `fetch` + `res.json()`
// loop asking the same pages with the same concurrency of the same kind of server, in the same run.
import { forkServer, type ForkedServer } from './fork-server.js';
import type { BenchRow } from './report.js';
// The compiled package, as a consumer runs it (`npm run bench` builds it first), typed by its source.
const { createMeetingClient } = (await import(new URL('../../dist/index.js', import.meta.url).href)) as typeof import('../../src/index.js');

const TOKEN = 'bench-token';
const SEARCH = '/v1/usg/dcs/corp/member';
// Every user type and inactive terminals too, so that a listing covers all of the mock's users.
const EVERYONE = { userType: [2, 12, 13, 14] as (2 | 12 | 13 | 14)[], containsUnActive: true };
const EVERYONE_QUERY = 'userType=2&userType=12&userType=13&userType=14&containsUnActive=true';

export type ListingServer = { script: string; users: number; latencyMs: number };

function startServer({ script, users, latencyMs }: ListingServer): Promise<ForkedServer> {
  return forkServer(new URL(script, import.meta.url), { BENCH_USERS: String(users), BENCH_LATENCY_MS: String(latencyMs) });
}

type Lister = (baseUrl: string, pageSize: number, concurrency: number, seen: Set<string>) => Promise<void>;

const viaClient: Lister = async (baseUrl, pageSize, concurrency, seen) => {
  const client = createMeetingClient({ accessToken: TOKEN, baseUrl });
  for await (const user of client.searchAllUsers(EVERYONE, { pageSize, concurrency })) seen.add(user.id ?? '');
};

/** The floor: `concurrency` loops, each taking the next offset, fetching it and parsing it; no checks, no retries. */
const viaRawFetch: Lister = async (baseUrl, pageSize, concurrency, seen) => {
  const headers = { 'X-Access-Token': TOKEN, 'Accept-Language': 'zh-CN' };
  const first = (await (await fetch(`${baseUrl}${SEARCH}?${EVERYONE_QUERY}&offset=0&limit=${pageSize}`, { headers })).json()) as { count: number; data: { id: string }[] };
  for (const user of first.data) seen.add(user.id);
  let next = pageSize;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < first.count) {
        const offset = next;
        next += pageSize;
        const res = await fetch(`${baseUrl}${SEARCH}?${EVERYONE_QUERY}&offset=${offset}&limit=${pageSize}`, { headers, signal: AbortSignal.timeout(30_000) });
        for (const user of ((await res.json()) as { data: { id: string }[] }).data) seen.add(user.id);
      }
    }),
  );
};

/** Time to list every user of a fresh server (its start-up is not timed), checking that none was missed. */
async function timeListing(server: ListingServer, pageSize: number, concurrency: number, list: Lister): Promise<number> {
  const { baseUrl, child } = await startServer(server);
  try {
    const seen = new Set<string>();
    // One small request outside the timing opens a connection; the listing's own filter stays cold.
    await fetch(`${baseUrl}${SEARCH}?limit=1`, { headers: { 'X-Access-Token': TOKEN } }).then((res) => res.arrayBuffer());
    const started = performance.now();
    await list(baseUrl, pageSize, concurrency, seen);
    const ms = performance.now() - started;
    if (seen.size !== server.users) throw new Error(`expected ${server.users} distinct users, got ${seen.size}`);
    return ms;
  } finally {
    child.kill();
  }
}

/** searchAllUsers at each concurrency, each next to the raw floor at the same concurrency. */
export async function benchListingVsFloor(server: ListingServer, pageSize: number, concurrencies: number[], label: string, target?: number): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const concurrency of concurrencies) {
    const floor = await timeListing(server, pageSize, concurrency, viaRawFetch);
    const ms = await timeListing(server, pageSize, concurrency, viaClient);
    const ratio = ms / floor;
    const minimum = server.latencyMs > 0 ? `; latency alone ${((Math.ceil(server.users / pageSize) / concurrency) * server.latencyMs).toFixed(0)} ms` : '';
    rows.push([
      `searchAllUsers ${server.users} users, page ${pageSize}, ${server.latencyMs} ms/page, concurrency ${concurrency}, ${label}, vs raw fetch + res.json() of the same pages`,
      `${ms.toFixed(0)} ms vs ${floor.toFixed(0)} ms = ${ratio.toFixed(3)}x${minimum}`,
      target === undefined ? '(context)' : `<= ${target.toFixed(2)}x`,
      target === undefined ? '' : ratio <= target ? 'ok' : 'MISSED',
    ]);
  }
  return rows;
}

const MILLION = 1_000_000;
const MILLION_PAGE = 500;
const MILLION_TARGET_MS = 10_000;

/** Issue 14: a million users from the mock, pages of 500, concurrency 4 faster than 1 and within 10 s. */
export async function benchMillion(): Promise<BenchRow[]> {
  const server = { script: '../bench-mock.ts', users: MILLION, latencyMs: 0 };
  const one = await timeListing(server, MILLION_PAGE, 1, viaClient);
  const four = await timeListing(server, MILLION_PAGE, 4, viaClient);
  const floor = await timeListing(server, MILLION_PAGE, 4, viaRawFetch);
  return [
    [
      `searchAllUsers ${MILLION} users from the mock, page ${MILLION_PAGE}, concurrency 4 vs 1`,
      `${four.toFixed(0)} ms vs ${one.toFixed(0)} ms = ${(four / one).toFixed(3)}x`,
      '< 1x, and <= 10 s at 4',
      four < one && four <= MILLION_TARGET_MS ? 'ok' : 'MISSED',
    ],
    [
      `  the same at concurrency 4 vs raw fetch + res.json() of the same pages`,
      `${four.toFixed(0)} ms vs ${floor.toFixed(0)} ms = ${(four / floor).toFixed(3)}x`,
      '(context)',
      '',
    ],
  ];
}
