// `npm run test:live`: the contract checks (src/contract) against the live service, read-only.
// Needs MEETING_TOKEN (MEETING_BASE_URL optional); without it, says so and exits 0 (it is not part
// of `npm test`).
import { runContractChecks } from '../src/contract/index.js';
import { liveTargetOrExit } from './live-target.js';

const target = liveTargetOrExit();
if (!target) {
  console.log('test:live skipped: MEETING_TOKEN is not set (set it, and optionally MEETING_BASE_URL, to check the live service).');
  process.exit(0);
}
const results = await runContractChecks(target);
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.detail ? `: ${r.detail}` : ''}`);
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed}/${results.length} live contract checks passed against ${target.baseUrl}`);
process.exit(failed > 0 ? 1 : 0);
