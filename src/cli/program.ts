// The program: global options, the command tree, and how a run ends (its exit code). Parsing is
// commander's; nothing here reads argv by hand.
import { Command, CommanderError, Option } from '@commander-js/extra-typings';
import { DEFAULT_BASE_URL } from '../client/config.js';
import { LANGUAGES } from '../client/validate.js';
import { registerCheck } from './commands/check.js';
import { registerDocs } from './commands/docs.js';
import { registerRecord } from './commands/record.js';
import { registerMock } from './commands/mock.js';
import { registerServe } from './commands/serve.js';
import { registerUsersDisable } from './commands/users-disable.js';
import { registerUsersEnable } from './commands/users-enable.js';
import { registerUsersList } from './commands/users-list.js';
import { globalsOf, type CommandContext } from './context.js';
import { EXIT_USAGE, reportError } from './errors.js';
import type { CliIo } from './io.js';
import { packageVersion } from './package-files.js';
import { integer } from './parse.js';

export function createProgram(context: CommandContext): Command {
  const { io } = context;
  const program = new Command('huawei-meeting-users')
    .description('Huawei Cloud Meeting user administration: list, enable and disable users; the API docs and a mock to try them on.')
    .version(packageVersion(), '-V, --version')
    .option('--base-url <url>', `API base URL (env MEETING_BASE_URL; default ${DEFAULT_BASE_URL})`)
    .option('--token-file <file>', 'read the access token from FILE (default: env MEETING_TOKEN; never an option value)')
    .addOption(new Option('--token <token>').hideHelp())
    .addOption(new Option('--language <language>', 'Accept-Language sent').choices(LANGUAGES).default('en-US' as const))
    .option('--timeout <ms>', 'per request attempt (default 30000)', integer(1))
    .option('--retries <n>', 'retries of a failed request: 429, 5xx, network (default 3)', integer(0, 100))
    .option('--request-id <id>', 'X-Request-Id to send: a listing sends page n as ID-n, a batch of several chunks chunk n as ID-n')
    .option('--verbose', 'one line per request on stderr (never the token); stack traces on errors')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });

  const users = program.command('users').description('List, enable and disable the enterprise\'s users.');
  registerUsersList(users, context);
  registerUsersEnable(users, context);
  registerUsersDisable(users, context);
  registerServe(program, context);
  registerMock(program, context);
  registerCheck(program, context);
  registerRecord(program, context);
  registerDocs(program, context);
  return program;
}

/** Runs one command line (without node and script); resolves with the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const context: CommandContext = { io, exitCode: 0 };
  const program = createProgram(context);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    // Help and --version end with code 0; every other parser error is bad usage.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    const verbose = Boolean(globalsOf(program).verbose) || argv.includes('--verbose');
    return reportError(io.stderr, error, verbose);
  }
}
