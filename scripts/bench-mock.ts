// The listing benchmark's server: the embedded mock with BENCH_USERS users and BENCH_LATENCY_MS of
// injected latency per request, in its own process so its work is not timed as the client's.
import { startMockServer } from '../src/mock/index.js';

const mock = await startMockServer({
  userCount: Number(process.env.BENCH_USERS ?? 1000),
  faults: { latencyMs: Number(process.env.BENCH_LATENCY_MS ?? 0) },
});
mock.server.keepAliveTimeout = 60_000;
process.send?.(mock.port);
