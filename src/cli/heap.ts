// Flat memory for a long listing. V8 doubles the young generation, up to two semi-spaces of 16 MB,
// each time enough has survived scavenges since it last grew; over a long listing it always ends at
// the maximum, and the old generation fills with promoted garbage until a full collection. Listing
// 1,000,000 users peaked at about 150 MB of RSS; with semi-spaces of 2 MB, at 115-130 MB, for about
// 5-12% more CPU time (more scavenges); with 4 MB, at about 140 MB; at 1 MB, the size V8 starts
// at, the CPU time grows by about 15%.
//
// `node --max-semi-space-size=2` would say it at start-up, but a command cannot pass node flags:
// the shebang would need `env -S`, which BusyBox's env (Alpine) lacks. V8 reads the growth factor
// at each growth decision, so setting it to 1 once the young generation is 2 x 2 MB stops it there.
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** Both semi-spaces together, as `space_size` of `new_space` reports them. */
export const YOUNG_GENERATION_CAP_BYTES = 4 * 1024 * 1024;

function youngGenerationBytes(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

/** Stops the young generation from growing once it reaches YOUNG_GENERATION_CAP_BYTES (checked after each collection). */
export function boundHeap(): void {
  const stopGrowing = () => {
    if (youngGenerationBytes() < YOUNG_GENERATION_CAP_BYTES) return false;
    setFlagsFromString('--semi-space-growth-factor=1');
    return true;
  };
  if (stopGrowing()) return;
  const observer = new PerformanceObserver(() => {
    if (stopGrowing()) observer.disconnect();
  });
  observer.observe({ entryTypes: ['gc'] });
}
