// What every bench module reports with: a table row, the median of repeated runs, a verdict.
export type BenchRow = [measure: string, result: string, target: string, verdict: string];

export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export const verdict = (ok: boolean): string => (ok ? 'ok' : 'MISSED');

/**
 * Wall times (ms) of `a` and `b` over `rounds` rounds, which one goes first alternating so that a
 * slower first or second slot, or load on the machine, hits both alike; with the median of a ÷ b
 * taken round by round.
 */
export async function alternate(rounds: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<{ a: number; b: number; ratio: number }> {
  const timed = async (run: () => Promise<unknown>) => {
    const started = performance.now();
    await run();
    return performance.now() - started;
  };
  const times = { a: [] as number[], b: [] as number[] };
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    let ta: number;
    let tb: number;
    if (round % 2 === 0) {
      ta = await timed(a);
      tb = await timed(b);
    } else {
      tb = await timed(b);
      ta = await timed(a);
    }
    times.a.push(ta);
    times.b.push(tb);
    ratios.push(ta / tb);
  }
  return { a: median(times.a), b: median(times.b), ratio: median(ratios) };
}
