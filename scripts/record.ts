// `npm run record`: records SearchUsers exchanges through recordLive (src/recording/record.ts) into
// one HAR file, test/recordings/live/live.har (a Huawei host) or recorded/recorded.har (any other). Needs
// MEETING_TOKEN (MEETING_BASE_URL optional). A PUT changes real accounts, so it is refused unless
// asked for explicitly:
//   npm run record -- --allow-put --put-status 1 --accounts a,b [--account-type 0|1]
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MeetingValidationError } from '../src/client/errors.js';
import { originOf, recordLive } from '../src/recording/index.js';
import { liveTargetOrExit } from './live-target.js';

// The options' names in recordLive's messages, as this script's users type them.
const FLAGS: Record<string, string> = {
  allowPut: '--allow-put',
  putStatus: '--put-status',
  accounts: '--accounts',
  accountType: '--account-type',
  outDir: '--out',
  baseUrl: 'MEETING_BASE_URL',
  token: 'MEETING_TOKEN',
};

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    'allow-put': { type: 'boolean', default: false },
    'put-status': { type: 'string' },
    accounts: { type: 'string' },
    'account-type': { type: 'string' },
  },
});

// Digits become numbers; anything else goes through as is, for recordLive to refuse by name.
const numberOr = (value: string | undefined) => (value !== undefined && /^\d$/.test(value) ? Number(value) : value);
const target = liveTargetOrExit();
if (!target) fail('MEETING_TOKEN is not set: export MEETING_TOKEN=<access token> (and optionally MEETING_BASE_URL) to record exchanges.', 2);

try {
  const result = await recordLive({
    ...target,
    outDir: values.out ?? fileURLToPath(new URL(`../test/recordings/${originOf(target.baseUrl)}/`, import.meta.url)),
    allowPut: values['allow-put'],
    putStatus: numberOr(values['put-status']) as 0 | 1 | undefined,
    accounts: values.accounts?.split(',').filter(Boolean),
    accountType: numberOr(values['account-type']) as 0 | 1 | undefined,
  });
  for (const warning of result.warnings) console.warn(`warning: ${warning}`);
  console.log(`Recorded ${result.exchanges} exchanges (${result.source}) into ${result.files.join(', ')} (HAR 1.2, scrubbed; the token was not written).`);
} catch (error) {
  if (error instanceof MeetingValidationError) {
    fail(`Invalid options: ${error.problems.map((p) => `${p.field.replace(/^\w+/, (f) => FLAGS[f] ?? f)} ${p.message}`).join('; ')}`, 2);
  }
  fail(error instanceof Error ? error.message : String(error), 1);
}
