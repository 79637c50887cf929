// `check`: the contract checks of src/contract against a server (the mock, started in process,
// when no base URL is given). Read-only unless --allow-put names an account to toggle and restore.
import { writeFileSync } from 'node:fs';
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { MeetingValidationError } from '../../client/errors.js';
import type { CheckResult } from '../../contract/index.js';
import { examples, globalsOf, type CommandContext } from '../context.js';
import { asUsageError, EXIT_FAILED, EXIT_OK, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { choice } from '../parse.js';
import { readToken, type GlobalOptions } from '../session.js';

export interface CheckOptions {
  allowPut?: string;
  accountType?: 0 | 1;
  reporter: 'table' | 'junit';
  output?: string;
}

const FLAGS = { baseUrl: '--base-url', token: 'the token', allowPutAccount: '--allow-put', accountType: '--account-type' };
/** The mock is told to accept this token only, so the checks of invalid tokens mean something. */
const MOCK_TOKEN = 'check-against-the-mock';

function table(results: readonly CheckResult[], target: string): string {
  const lines = results.map((r) => `${r.ok ? 'pass' : 'FAIL'}  ${r.name}${r.ok || !r.detail ? '' : `: ${r.detail}`}`);
  const failed = results.filter((r) => !r.ok).length;
  return `${lines.join('\n')}\n${results.length - failed}/${results.length} contract checks passed against ${target}\n`;
}

async function checks(options: CheckOptions, baseUrl: string, token: string): Promise<CheckResult[]> {
  const { runContractChecks } = await import('../../contract/index.js');
  try {
    return await runContractChecks({ baseUrl, token, allowPutAccount: options.allowPut, accountType: options.accountType });
  } catch (error) {
    if (error instanceof MeetingValidationError) throw asUsageError(error, FLAGS);
    throw error;
  }
}

export async function runCheck(options: CheckOptions, globals: GlobalOptions, io: CliIo): Promise<number> {
  if (options.output !== undefined && options.reporter !== 'junit') throw new UsageError('--output is for --reporter junit');
  const given = globals.baseUrl ?? (io.env.MEETING_BASE_URL || undefined);
  let results: CheckResult[];
  let target: string;
  if (given === undefined) {
    const { startMockServer } = await import('../../mock/server.js');
    const mock = await startMockServer({ requireToken: MOCK_TOKEN });
    try {
      target = `the mock (${mock.url})`;
      results = await checks(options, mock.url, MOCK_TOKEN);
    } finally {
      await mock.close();
    }
  } else {
    target = given;
    results = await checks(options, given, readToken(globals, io));
  }
  if (options.reporter === 'junit') {
    const { toJUnitXml } = await import('../../contract/index.js');
    const xml = toJUnitXml(results, { suiteName: 'huawei-meeting-users contract checks' });
    if (options.output === undefined) io.stdout.write(xml);
    else writeFileSync(options.output, xml);
  }
  if (options.reporter === 'table' || options.output !== undefined) io.stdout.write(table(results, target));
  return results.every((r) => r.ok) ? EXIT_OK : EXIT_FAILED;
}

export function registerCheck(program: CommandUnknownOpts, context: CommandContext): void {
  program
    .command('check')
    .description('Run the contract checks against a server (--base-url; the mock when none is given). Exit 1 when any fails.')
    .option('--allow-put <account>', 'also toggle this account\'s status and restore it (changes a real account for a moment)')
    .option('--account-type <type>', 'type of the --allow-put account: 0 Huawei Cloud Meeting account, 1 third-party user ID', choice({ 0: 0, 1: 1 } as const))
    .option('--reporter <reporter>', 'table or junit', choice({ table: 'table', junit: 'junit' } as const), 'table' as const)
    .option('--output <file>', 'with --reporter junit: write the XML to FILE (the table still goes to stdout)')
    .addHelpText(
      'after',
      examples('huawei-meeting-users check', 'huawei-meeting-users check --base-url https://api.meeting.huaweicloud.com --reporter junit --output contract.xml   # token from MEETING_TOKEN'),
    )
    .action(async (options, command) => {
      context.exitCode = await runCheck(options, globalsOf(command), context.io);
    });
}
