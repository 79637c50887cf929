// What every bench module reports with: a table row, the median of repeated runs, a verdict.
export type BenchRow = [measure: string, result: string, target: string, verdict: string];

export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export const verdict = (ok: boolean): string => (ok ? 'ok' : 'MISSED');
