// `npm run record`: records live SearchUsers exchanges into test/recordings/live/, one JSON file
// per exchange, normalized and scrubbed (src/recording/scrub.ts). Needs MEETING_TOKEN
// (MEETING_BASE_URL optional). The token is never written: headers are allow-listed, its value is
// replaced anywhere else, and every file is checked for it before anything is written.
//
// A PUT changes real accounts, so it is refused unless asked for explicitly:
//   npm run record -- --allow-put --put-status 1 --accounts a,b [--account-type 0|1]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { assertNoSecret, captureExchange, Scrubber, type RecordedExchange } from '../src/recording/index.js';
import { liveTargetOrExit } from './live-target.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: fileURLToPath(new URL('../test/recordings/live/', import.meta.url)) },
    'allow-put': { type: 'boolean', default: false },
    'put-status': { type: 'string' },
    accounts: { type: 'string' },
    'account-type': { type: 'string', default: '0' },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const wantsPut = values['put-status'] !== undefined || values.accounts !== undefined;
if (wantsPut && !values['allow-put']) fail('Refusing to send a PUT: it changes real accounts. Add --allow-put to confirm.');
// Checked before any request: a bad argument must not cost a run of live calls, nor reach the PUT.
const putStatus = values['put-status'];
const putAccounts = (values.accounts ?? '').split(',').filter(Boolean);
if (wantsPut) {
  if (putStatus !== '0' && putStatus !== '1') fail('--put-status must be 0 or 1.');
  if (putAccounts.length === 0) fail('--accounts must name at least one account.');
  if (values['account-type'] !== '0' && values['account-type'] !== '1') fail('--account-type must be 0 or 1.');
}
const target = liveTargetOrExit();
if (!target) fail('MEETING_TOKEN is not set: export MEETING_TOKEN=<access token> (and optionally MEETING_BASE_URL) to record live exchanges.');

// A failure (network, TLS...) ends the run with its message only, the token cut out, nothing written.
process.on('uncaughtException', (error) => {
  console.error(`Recording failed, nothing was written: ${String(error instanceof Error ? error.message : error).split(target.token).join('[REDACTED]')}`);
  process.exit(1);
});

const scrubber = new Scrubber({ secrets: [target.token] });
const search = (name: string, description: string, query: Record<string, string | string[]>) =>
  [name, () => captureExchange(target, { method: 'GET', path: '/v1/usg/dcs/corp/member', query, body: null }, { description, operationId: 'SearchUsers' })] as const;

const first = await captureExchange(target, { method: 'GET', path: '/v1/usg/dcs/corp/member', query: {}, body: null }, {
  description: 'Live: the first page with default parameters.',
  operationId: 'SearchUsers',
});
if (first.response.status !== 200) console.warn(`The first page answered HTTP ${first.response.status}: recording the error exchanges anyway.`);
const count = typeof (first.response.body as { count?: unknown } | null)?.count === 'number' ? (first.response.body as { count: number }).count : 0;
const plan = [
  search('one-record', 'Live: limit=1.', { limit: '1' }),
  search('several-types', 'Live: every user type (repeated userType keys).', { userType: ['2', '12', '13', '14'], limit: '5' }),
  search('empty-page', 'Live: a search key that matches nobody.', { searchKey: 'zz-no-such-user-zz' }),
  search('last-page', 'Live: the last page.', { offset: String(Math.max(0, Math.floor((count - 1) / 10) * 10)), limit: '10' }),
  search('offset-past-end', 'Live: an offset past the end.', { offset: String(count + 1000), limit: '10' }),
  search('sorted', 'Live: sorted by sortLevel, descending.', { sortField: 'sortLevel', isAsc: 'false', limit: '5' }),
];
const exchanges: [string, RecordedExchange][] = [['first-page', first]];
for (const [name, run] of plan) exchanges.push([name, await run()]);
exchanges.push([
  'invalid-token',
  await captureExchange({ ...target, token: 'invalid-token-for-recording' }, { method: 'GET', path: '/v1/usg/dcs/corp/member', query: {}, body: null }, {
    description: 'Live: an invalid token.',
    operationId: 'SearchUsers',
  }),
]);
if (wantsPut) {
  exchanges.push([
    'batch-update-user-status',
    await captureExchange(
      target,
      { method: 'PUT', path: `/v1/usg/dcs/corp/member/status/${putStatus}`, query: { accountType: values['account-type'] }, body: putAccounts },
      { description: 'Live: a status change.', operationId: 'BatchUpdateUserStatus' },
    ),
  ]);
}

const files = exchanges.map(([name, exchange]) => [`live-${name}.json`, `${JSON.stringify(scrubber.exchange(exchange), null, 2)}\n`] as const);
for (const [, text] of files) assertNoSecret(text, [target.token]);
mkdirSync(values.out, { recursive: true });
for (const [file, text] of files) writeFileSync(join(values.out, file), text);
console.log(`Recorded ${files.length} exchanges into ${values.out} (scrubbed; the token was not written).`);
