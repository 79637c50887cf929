// The mock's speed, for `npm run bench`: requests per second over HTTP (pages of 10 and of 500)
// next to a bare node:http server sending the same bytes, measured in one run so that the ratio
// holds on a busy machine; searches per second in process (`createMockApi().fetch`); what MSW adds
// per request in front of the same handler.
import { Agent, get } from 'node:http';
import { setupServer } from 'msw/node';
import { createMockApi } from '../../src/mock/index.js';
import { createMswHandlers } from '../../src/msw/index.js';
import { forkServer, type ForkedServer } from './fork-server.js';
import { median, type BenchRow } from './report.js';

const CONNECTIONS = 10;
const ROUNDS = 5;
const ROUND_MS = 1_500;
const HEADERS = { 'X-Access-Token': 'bench-token', 'Accept-Language': 'en-US' };
const SEARCH = '/v1/usg/dcs/corp/member';

function startServer(kind: 'mock' | 'bare'): Promise<ForkedServer> {
  return forkServer(new URL('./mock-server.ts', import.meta.url), { BENCH_SERVER: kind });
}

/** Requests per second of `CONNECTIONS` keep-alive connections, each sending the next request as soon as the last answer is read. */
async function requestsPerSecond(port: number, path: string, ms: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const until = performance.now() + ms;
  let done = 0;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      get({ host: '127.0.0.1', port, path, agent, headers: HEADERS }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode} from ${path}`));
        res.on('data', () => undefined);
        res.on('end', resolve);
      }).on('error', reject);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        await one();
        done++;
      }
    }),
  );
  const elapsed = performance.now() - started;
  agent.destroy();
  return (done / elapsed) * 1000;
}

/** Issue 14's floor: the mock at least this share of a bare server's requests per second. */
const RATIO_TARGET = 0.6;

export async function benchMockOverHttp(): Promise<{ rows: BenchRow[]; httpPage10: number }> {
  const mock = await startServer('mock');
  const bare = await startServer('bare');
  try {
    const rows: BenchRow[] = [];
    let httpPage10 = Number.NaN;
    for (const limit of [10, 500]) {
      const path = `${SEARCH}?offset=0&limit=${limit}`;
      for (const port of [mock.port, bare.port]) await requestsPerSecond(port, path, 500); // warm-up
      const mockRates: number[] = [];
      const bareRates: number[] = [];
      const ratios: number[] = [];
      // Rounds alternate the two servers (and which goes first) so that load from elsewhere on the machine hits both alike.
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 === 0 ? ['mock', 'bare'] : ['bare', 'mock'];
        const rate: Record<string, number> = {};
        for (const which of order) rate[which] = await requestsPerSecond(which === 'mock' ? mock.port : bare.port, path, ROUND_MS);
        mockRates.push(rate.mock ?? 0);
        bareRates.push(rate.bare ?? 0);
        ratios.push((rate.mock ?? 0) / (rate.bare ?? 1));
      }
      if (limit === 10) httpPage10 = median(mockRates);
      const ratio = median(ratios);
      rows.push([
        `mock over HTTP, page of ${limit}, ${CONNECTIONS} connections, vs bare node:http sending the same bytes`,
        `${median(mockRates).toFixed(0)} req/s vs ${median(bareRates).toFixed(0)} req/s = ${ratio.toFixed(2)}x`,
        `>= ${RATIO_TARGET}x (issue 14)`,
        ratio >= RATIO_TARGET ? 'ok' : 'MISSED',
      ]);
    }
    return { rows, httpPage10 };
  } finally {
    mock.child.kill();
    bare.child.kill();
  }
}

/** Sequential calls per second of `call` over `ms`, after a warm-up. */
async function callsPerSecond(call: () => Promise<unknown>, ms: number): Promise<number> {
  for (let i = 0; i < 500; i++) await call();
  const started = performance.now();
  let done = 0;
  while (performance.now() - started < ms) {
    await call();
    done++;
  }
  return (done / (performance.now() - started)) * 1000;
}

export async function benchMockInProcess(httpPage10: number): Promise<BenchRow[]> {
  const api = createMockApi({ userCount: 1000 });
  const url = `https://api.meeting.huaweicloud.com${SEARCH}?offset=0&limit=10`;
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    rates.push(await callsPerSecond(async () => (await api.fetch(url, { headers: HEADERS })).text(), ROUND_MS / 3));
    api.reset(); // `requests` would otherwise grow with every call
  }
  const rate = median(rates);
  return [['createMockApi().fetch in process, page of 10, one at a time', `${rate.toFixed(0)} searches/s = ${(rate / httpPage10).toFixed(2)}x the mock over HTTP`, '(context)', '']];
}

/** Per-request time of a search through msw's setupServer and the handlers, minus the same search straight into `createMockApi().fetch`. */
export async function benchMsw(): Promise<BenchRow[]> {
  const url = `https://api.meeting.huaweicloud.com${SEARCH}?offset=0&limit=10`;
  const api = createMockApi({ userCount: 1000 });
  const mock = createMswHandlers({ userCount: 1000 });
  const server = setupServer(...mock.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const direct: number[] = [];
    const viaMsw: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      direct.push(1e6 / (await callsPerSecond(async () => (await api.fetch(url, { headers: HEADERS })).text(), ROUND_MS / 3)));
      viaMsw.push(1e6 / (await callsPerSecond(async () => (await fetch(url, { headers: HEADERS })).text(), ROUND_MS / 3)));
      api.reset();
      mock.reset();
    }
    const [d, m] = [median(direct), median(viaMsw)];
    return [['MSW setupServer + createMswHandlers, page of 10', `${m.toFixed(1)} µs per request = ${(m - d).toFixed(1)} µs over createMockApi().fetch (${d.toFixed(1)} µs)`, '(context)', '']];
  } finally {
    server.close();
  }
}

export async function benchMock(): Promise<BenchRow[]> {
  const http = await benchMockOverHttp();
  return [...http.rows, ...(await benchMockInProcess(http.httpPage10)), ...(await benchMsw())];
}

// Run alone: `tsx scripts/bench/mock.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await benchMock()) console.log(row.join(' | '));
}
