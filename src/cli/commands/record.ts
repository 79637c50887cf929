// `record`: what `npm run record` does, from the installed package: a fixed plan of SearchUsers
// exchanges (and, only with --allow-put, one status change) recorded and scrubbed into a HAR file.
import { join } from 'node:path';
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { MeetingValidationError } from '../../client/errors.js';
import { examples, globalsOf, type CommandContext } from '../context.js';
import { asUsageError, EXIT_OK } from '../errors.js';
import type { CliIo } from '../io.js';
import { choice, names } from '../parse.js';
import { baseUrlOf, readToken, type GlobalOptions } from '../session.js';

export interface RecordOptions {
  out?: string;
  allowPut?: boolean;
  putStatus?: 0 | 1;
  accounts?: string[];
  accountType?: 0 | 1;
}

const FLAGS = { baseUrl: '--base-url', token: 'the token', outDir: '--out', allowPut: '--allow-put', putStatus: '--put-status', accounts: '--accounts', accountType: '--account-type' };

export async function runRecord(options: RecordOptions, globals: GlobalOptions, io: CliIo): Promise<number> {
  const baseUrl = baseUrlOf(globals, io);
  const token = readToken(globals, io);
  // The recorder and its scrubber load only for this command.
  const { originOf, recordLive } = await import('../../recording/index.js');
  let result;
  try {
    result = await recordLive({
      baseUrl,
      token,
      outDir: options.out ?? join('recordings', originOf(baseUrl)),
      allowPut: options.allowPut,
      putStatus: options.putStatus,
      accounts: options.accounts,
      accountType: options.accountType,
    });
  } catch (error) {
    if (error instanceof MeetingValidationError) throw asUsageError(error, FLAGS);
    throw error;
  }
  for (const warning of result.warnings) io.stderr.write(`warning: ${warning}\n`);
  for (const file of result.files) io.stdout.write(`${file}\n`);
  io.stderr.write(`Recorded ${result.exchanges} exchanges (${result.source}) into ${result.files.join(', ')} (HAR 1.2, scrubbed; the token was not written).\n`);
  return EXIT_OK;
}

export function registerRecord(program: CommandUnknownOpts, context: CommandContext): void {
  program
    .command('record')
    .description('Record SearchUsers exchanges from a server (--base-url; default the production service), scrubbed, into a HAR 1.2 file.')
    .option('--out <dir>', 'directory for the HAR file (default: recordings/live or recordings/recorded)')
    .option('--allow-put', 'also send one status change (it changes real accounts)')
    .option('--put-status <status>', 'with --allow-put: 0 enable, 1 disable', choice({ 0: 0, 1: 1 } as const))
    .option('--accounts <accounts>', 'with --allow-put: comma-separated accounts to change', names)
    .option('--account-type <type>', '0 Huawei Cloud Meeting account, 1 third-party user ID', choice({ 0: 0, 1: 1 } as const))
    .addHelpText('after', examples('huawei-meeting-users record --out ./recordings   # token from MEETING_TOKEN'))
    .action(async (options, command) => {
      context.exitCode = await runRecord(options, globalsOf(command), context.io);
    });
}
