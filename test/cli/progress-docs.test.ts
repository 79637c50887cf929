import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docsPagePath } from '../../src/cli/package-files.js';
import { createProgress, formatProgress } from '../../src/cli/progress.js';
import { capture, run } from './support.js';

describe('progress', () => {
  it('formats count of total, rate and time left', () => {
    expect(formatProgress(1200, 5000, 'users', 2000)).toBe('1,200 of 5,000 users · 600/s · 7s left');
    expect(formatProgress(10, undefined, 'users', 1000)).toBe('10 users · 10/s');
    expect(formatProgress(0, 10, 'accounts', 0)).toBe('0 of 10 accounts');
  });

  it('redraws at most once per interval, clears its line at the end, and is silent off a terminal', () => {
    let clock = 0;
    const tty = capture(true);
    const progress = createProgress(tty, { unit: 'users', now: () => clock, intervalMs: 100 });
    progress.total(100);
    for (let done = 1; done <= 100; done++) {
      clock += 10;
      progress.update(done);
    }
    progress.finish();
    progress.finish();
    expect(tty.text().split('\r\x1b[K').filter((part) => /^\d/.test(part))).toHaveLength(10);
    // Ten redraws, then the line cleared once, however often finish is called.
    expect(tty.text().split('\r\x1b[K')).toHaveLength(12);
    expect(tty.text().endsWith('91 of 100 users · 100/s · 1s left\r\x1b[K')).toBe(true);
    const pipe = capture(false);
    const silent = createProgress(pipe, { unit: 'users', now: () => clock });
    silent.update(5);
    silent.finish();
    expect(pipe.text()).toBe('');
  });
});

describe('docs', () => {
  it('--out DIR writes the rendered page that ships in the package', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'hmu-docs-')), 'site');
    const result = await run(['docs', '--out', out]);
    expect(result.code).toBe(0);
    // Buffer#equals: a deep toEqual over 2.5 MB compares byte by byte in JavaScript (seconds).
    expect(readFileSync(join(out, 'index.html')).equals(readFileSync(docsPagePath))).toBe(true);
    expect(result.stderr).toContain('index.html');
  });

  it('without --out it is bad usage', async () => {
    const result = await run(['docs']);
    expect(result.code).toBe(2);
  });
});
