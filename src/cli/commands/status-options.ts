// The options `users enable` and `users disable` share, declared once for both.
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { DEFAULT_BATCH_CONCURRENCY, DEFAULT_CHUNK_SIZE } from '../../client/batch.js';
import type { UserStatus } from '../../client/types.js';
import { examples, globalsOf, type CommandContext } from '../context.js';
import { choice, integer } from '../parse.js';
import { CONFIRM_ABOVE, runStatusChange } from '../status-change.js';

export function registerStatusCommand(users: CommandUnknownOpts, context: CommandContext, verb: 'enable' | 'disable', status: UserStatus): void {
  users
    .command(verb)
    .description(`${verb === 'enable' ? 'Enable' : 'Disable'} accounts (BatchUpdateUserStatus, in chunks).`)
    .argument('[accounts...]', 'accounts to change (or use --from)')
    .option('--from <file>', 'read accounts from FILE (- for standard input): one per line, or the ndjson of `users list`')
    .option('--account-type <type>', '0 Huawei Cloud Meeting account, 1 third-party user ID (service default 0)', choice({ 0: 0, 1: 1 } as const))
    .option('--chunk-size <n>', 'accounts per request', integer(1), DEFAULT_CHUNK_SIZE)
    .option('--concurrency <n>', 'requests in flight', integer(1, 64), DEFAULT_BATCH_CONCURRENCY)
    .option('--dry-run', 'print the requests (one JSON line each) and send nothing')
    .option('--yes', `do not ask for confirmation on a terminal above ${CONFIRM_ABOVE} accounts`)
    .option('--journal <file>', 'append each confirmed chunk to FILE; a rerun with the same FILE skips them')
    .option('--report <file>', 'write a JSON report: updated, failed (with errors), unconfirmed, not sent')
    .addHelpText(
      'after',
      verb === 'enable'
        ? examples(
            'huawei-meeting-users users list --status disabled --format ndjson | huawei-meeting-users users enable --from - --journal enable.journal --report enable.json',
            'huawei-meeting-users users enable alice bob',
          )
        : examples('huawei-meeting-users users disable --from leavers.txt --dry-run'),
    )
    .action(async (accounts, options, command) => {
      context.exitCode = await runStatusChange(status, accounts, options, globalsOf(command), context.io);
    });
}
