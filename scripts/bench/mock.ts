// The mock's speed, for `npm run bench`: requests per second over HTTP (pages of 10 and of 500)
// next to a bare node:http server sending the same bytes, measured in one run so that the ratio
// holds on a busy machine.
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, get } from 'node:http';
import { fileURLToPath } from 'node:url';

export type BenchRow = [measure: string, result: string, target: string, verdict: string];

const CONNECTIONS = 10;
const ROUNDS = 5;
const ROUND_MS = 1_500;
const HEADERS = { 'X-Access-Token': 'bench-token', 'Accept-Language': 'en-US' };
const SEARCH = '/v1/usg/dcs/corp/member';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function startServer(kind: 'mock' | 'bare'): Promise<{ port: number; child: ChildProcess }> {
  const script = fileURLToPath(new URL('./mock-server.ts', import.meta.url));
  const child = fork(script, [], { execArgv: ['--import', 'tsx'], env: { ...process.env, BENCH_SERVER: kind } });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve(Number(m)));
    child.once('exit', (code) => reject(new Error(`bench ${kind} server exited with ${code}`)));
  });
  return { port, child };
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

export async function benchMockOverHttp(): Promise<BenchRow[]> {
  const mock = await startServer('mock');
  const bare = await startServer('bare');
  try {
    const rows: BenchRow[] = [];
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
      rows.push([
        `mock over HTTP, page of ${limit}, ${CONNECTIONS} connections`,
        `${median(mockRates).toFixed(0)} req/s vs bare node:http ${median(bareRates).toFixed(0)} req/s = ${median(ratios).toFixed(2)}x`,
        '(context)',
        '',
      ]);
    }
    return rows;
  } finally {
    mock.child.kill();
    bare.child.kill();
  }
}

// Run alone: `tsx scripts/bench/mock.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await benchMockOverHttp()) console.log(row.join(' | '));
}
