// Fault injection for tests and benchmarks: what a gateway in front of the real service does on a
// bad day. 429 and 503 are not statuses the spec documents (the seed lists 200, 400, 401, 403 and
// 500 only), so a response they produce deliberately breaks the contract; they exist to exercise
// a client's retry logic. Faults are drawn from a seeded PRNG so a run can be repeated.
import { seededRandom } from './random.js';

export type FaultOptions = {
  /** Delay before answering, in ms: a fixed value or a range drawn uniformly. */
  latencyMs?: number | { min: number; max: number };
  /** Probability (0..1) of a 500 with a Huawei error body. */
  errorRate?: number;
  /** Probability of a 503 (gateway: service unavailable). */
  unavailableRate?: number;
  /** Probability of a 429 with a `Retry-After` header. */
  rateLimitRate?: number;
  /** The `Retry-After` value of an injected 429, in seconds. Default 1. */
  retryAfterSeconds?: number;
  /** Probability that the connection is closed without an answer. */
  dropRate?: number;
  /** PRNG seed of the draws. Default 1. */
  seed?: number;
};

export type Fault = { kind: 'drop' } | { kind: 'status'; status: 500 | 503 | 429 } | { kind: 'none' };

export type FaultInjector = { delayMs(): number; next(): Fault };

export function createFaultInjector(options: FaultOptions = {}): FaultInjector {
  for (const key of ['errorRate', 'unavailableRate', 'rateLimitRate', 'dropRate'] as const) {
    const rate = options[key] ?? 0;
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`faults.${key} must be between 0 and 1, got ${rate}`);
  }
  const random = seededRandom(options.seed ?? 1);
  const bands: [number, Fault][] = [
    [options.dropRate ?? 0, { kind: 'drop' }],
    [options.rateLimitRate ?? 0, { kind: 'status', status: 429 }],
    [options.unavailableRate ?? 0, { kind: 'status', status: 503 }],
    [options.errorRate ?? 0, { kind: 'status', status: 500 }],
  ];
  return {
    delayMs() {
      const latency = options.latencyMs ?? 0;
      if (typeof latency === 'number') return latency;
      return latency.min + random() * (latency.max - latency.min);
    },
    next() {
      // One draw per request; the bands are stacked, so rates add up (capped by 1).
      let r = random();
      for (const [rate, fault] of bands) {
        if (r < rate) return fault;
        r -= rate;
      }
      return { kind: 'none' };
    },
  };
}
