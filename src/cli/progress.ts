// "1,200 of 5,000 users · 340/s · 11s left" on stderr, redrawn in place, only when stderr is a
// terminal: piped or redirected output gets no progress noise at all.
import type { OutStream } from './io.js';

export interface Progress {
  /** Sets the total once it is known. */
  total(count: number): void;
  update(done: number): void;
  /** Clears the line. */
  finish(): void;
}

export interface ProgressOptions {
  unit: string;
  now?: () => number;
  /** Least time between two redraws. */
  intervalMs?: number;
}

const silent: Progress = { total: () => undefined, update: () => undefined, finish: () => undefined };
const number = new Intl.NumberFormat('en-US');

export function formatProgress(done: number, total: number | undefined, unit: string, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const parts = [total === undefined ? `${number.format(done)} ${unit}` : `${number.format(done)} of ${number.format(total)} ${unit}`];
  if (rate > 0) {
    parts.push(`${number.format(Math.round(rate))}/s`);
    if (total !== undefined && total >= done) parts.push(`${Math.ceil((total - done) / rate)}s left`);
  }
  return parts.join(' · ');
}

export function createProgress(stream: OutStream, { unit, now = Date.now, intervalMs = 100 }: ProgressOptions): Progress {
  if (!stream.isTTY) return silent;
  const started = now();
  let total: number | undefined;
  let drawnAt = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    total(count) {
      total = count;
    },
    update(done) {
      const at = now();
      if (at - drawnAt < intervalMs) return;
      drawnAt = at;
      drawn = true;
      stream.write(`\r\x1b[K${formatProgress(done, total, unit, at - started)}`);
    },
    finish() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}
