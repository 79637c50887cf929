// The installed command bounds V8's young generation before a listing (src/cli/heap.ts). Checked
// in a process of its own, since the flag is process-wide: the same workload, which grows the young
// generation past the cap without the bound, must leave it at the cap with it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { YOUNG_GENERATION_CAP_BYTES } from '../../src/cli/heap.js';

const heapModule = new URL('../../src/cli/heap.ts', import.meta.url).href;

// A listing's shape: bursts of short-lived records, a page's worth kept alive across the awaits of
// each burst (so some survive scavenges, which is what makes V8 grow the young generation).
const workload = (bound: boolean) => `
import { getHeapSpaceStatistics } from 'node:v8';
const { boundHeap } = await import(${JSON.stringify(heapModule)});
if (${bound}) boundHeap();
let page = [];
for (let burst = 0; burst < 400; burst++) {
  page = [];
  for (let i = 0; i < 2000; i++) page.push({ id: 'user-' + burst + '-' + i, name: 'name ' + i, n: i, tags: [burst, i] });
  await new Promise((resolve) => setImmediate(resolve));
}
process.stdout.write(String(getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size));
`;

async function youngGenerationAfter(bound: boolean): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', workload(bound)]);
  return Number(stdout);
}

describe('boundHeap', () => {
  it('stops the young generation growing at its cap, where it would otherwise grow past it', async () => {
    const [unbounded, bounded] = await Promise.all([youngGenerationAfter(false), youngGenerationAfter(true)]);
    expect(unbounded).toBeGreaterThan(YOUNG_GENERATION_CAP_BYTES);
    expect(bounded).toBeGreaterThan(0);
    expect(bounded).toBeLessThanOrEqual(YOUNG_GENERATION_CAP_BYTES);
  });
});
