// Fault injection: each fault kind on demand, seeded draws, and rates checked up front.
import { describe, expect, it } from 'vitest';
import { createFaultInjector, createMockHandler, startMockServer, type MockServerOptions } from '../../src/mock/index.js';
import { search } from './support/http.js';

async function withMock<T>(options: MockServerOptions, run: (url: string) => Promise<T>): Promise<T> {
  const mock = await startMockServer(options);
  try {
    return await run(mock.url);
  } finally {
    await mock.close();
  }
}

describe('mock fault injection', () => {
  it.each([
    [{ errorRate: 1 }, 500],
    [{ unavailableRate: 1 }, 503],
    [{ rateLimitRate: 1, retryAfterSeconds: 7 }, 429],
  ])('%o answers %i with a Huawei error body and a request id', async (faults, status) => {
    await withMock({ faults }, async (url) => {
      const res = await search(url, '', { headers: { 'X-Request-Id': 'fault-1' } });
      expect(res.status).toBe(status);
      expect(res.json).toMatchObject({ error_code: 'USG.000000000', request_id: 'fault-1' });
      expect(res.headers.get('retry-after')).toBe(status === 429 ? '7' : null);
    });
  });

  it('drops the connection without an answer', async () => {
    await withMock({ faults: { dropRate: 1 } }, async (url) => {
      await expect(search(url, '')).rejects.toThrow();
    });
  });

  it('waits the configured latency before answering', async () => {
    await withMock({ faults: { latencyMs: { min: 40, max: 60 } } }, async (url) => {
      const started = performance.now();
      expect((await search(url, '')).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(39);
    });
  });

  it('draws the same faults for the same seed, in proportion to the rates', () => {
    const draw = (seed: number) => {
      const injector = createFaultInjector({ seed, errorRate: 0.2, rateLimitRate: 0.1, dropRate: 0.05, unavailableRate: 0.05 });
      return Array.from({ length: 2000 }, () => {
        const fault = injector.next();
        return fault.kind === 'status' ? fault.status : fault.kind;
      });
    };
    const first = draw(3);
    expect(draw(3)).toEqual(first);
    expect(draw(4)).not.toEqual(first);
    const share = (kind: string | number) => first.filter((k) => k === kind).length / first.length;
    expect(share(500)).toBeCloseTo(0.2, 1);
    expect(share(429)).toBeCloseTo(0.1, 1);
    expect(share('none')).toBeCloseTo(0.6, 1);
  });

  it('rejects a rate outside 0..1, naming it', () => {
    expect(() => createFaultInjector({ errorRate: 1.5 })).toThrow(/faults\.errorRate/);
    expect(() => createFaultInjector({ dropRate: Number.NaN })).toThrow(/faults\.dropRate/);
  });

  it('rejects mock options that make no sense, naming them', () => {
    expect(() => createMockHandler({ maxLimit: 0 })).toThrow(/maxLimit/);
    expect(() => createMockHandler({ userCount: 1.5 })).toThrow(/userCount/);
    expect(() => createMockHandler({ seed: -1 })).toThrow(/seed/);
  });
});
