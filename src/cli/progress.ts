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
/** 1234567 → "1,234,567". Not Intl.NumberFormat: loading ICU's data for it cost ~7 MB of RSS. */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function formatProgress(done: number, total: number | undefined, unit: string, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const parts = [total === undefined ? `${grouped(done)} ${unit}` : `${grouped(done)} of ${grouped(total)} ${unit}`];
  if (rate > 0) {
    parts.push(`${grouped(Math.round(rate))}/s`);
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
      drawn = false;
    },
  };
}
