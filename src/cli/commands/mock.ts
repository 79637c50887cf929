// `mock`: the mock API alone, with the knobs of a test or a demo: size, seed, token, latency,
// failures, and a directory kept across runs in a JSON file.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import type { MockOptions } from '../../mock/handler.js';
import type { User } from '../../mock/seed.js';
import { examples, type CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { listenOptions, portOf, serveUntilStopped, warnIfExposed } from '../listen.js';
import { decimal, integer } from '../parse.js';

export interface MockCommandOptions {
  port?: number;
  host: string;
  users?: number;
  seed?: number;
  requireToken?: string;
  latency?: number;
  failRate?: number;
  state?: string;
  cors?: string;
  quiet?: boolean;
}

function loadState(path: string): User[] | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as User[];
  } catch (error) {
    throw new UsageError(`--state ${path} is not a JSON array of users: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function saveState(path: string, users: unknown): void {
  // Written beside the target and renamed over it: a crash mid-write never leaves half a file.
  const partial = `${path}.partial`;
  writeFileSync(partial, `${JSON.stringify(users)}\n`);
  renameSync(partial, path);
}

export async function runMock(options: MockCommandOptions, io: CliIo): Promise<number> {
  const port = portOf(options.port, io);
  const users = options.state === undefined ? undefined : loadState(options.state);
  if (users && (options.users !== undefined || options.seed !== undefined)) {
    throw new UsageError(`--state ${options.state} exists and holds the directory: --users and --seed apply only when it does not`);
  }
  const mockOptions: MockOptions = {
    users,
    userCount: options.users,
    seed: options.seed,
    requireToken: options.requireToken,
    cors: options.cors,
    faults: { latencyMs: options.latency, errorRate: options.failRate },
    // Path, status, time and request id: no query (it may hold a person's name), no header.
    onExchange: options.quiet
      ? undefined
      : (exchange) => io.stdout.write(`${exchange.method} ${exchange.url.split('?')[0] ?? ''} ${exchange.status} ${Math.round(exchange.durationMs)} ms ${exchange.headers['x-request-id'] ?? ''}\n`),
  };
  // Loaded only by the commands that serve the mock (Ajv and the spec come with it).
  const { createMockFetchHandler } = await import('../../mock/handler.js');
  let handler: ReturnType<typeof createMockFetchHandler>;
  try {
    handler = createMockFetchHandler(mockOptions);
  } catch (error) {
    // The mock names the bad option or record (e.g. "users[3]/status must be ..."): bad input.
    if (error instanceof RangeError || error instanceof TypeError) throw new UsageError(error.message);
    throw error;
  }
  warnIfExposed(options.host, io);
  const code = await serveUntilStopped(handler, port, options.host, io, ({ url }) => {
    const token = options.requireToken === undefined ? 'any X-Access-Token works' : 'only the --require-token value is accepted';
    io.stderr.write(`Mock API: ${url}/v1/usg/dcs/corp/member (${handler.store.users.length} users; ${token}). Ctrl+C stops it.\n`);
  });
  if (options.state !== undefined) {
    saveState(options.state, handler.store);
    io.stderr.write(`Saved ${handler.store.users.length} users to ${options.state}.\n`);
  }
  return code;
}

export function registerMock(program: CommandUnknownOpts, context: CommandContext): void {
  const listen = listenOptions();
  program
    .command('mock')
    .description('Serve the stateful mock of SearchUsers and BatchUpdateUserStatus alone.')
    .addOption(listen.port)
    .addOption(listen.host)
    .option('--users <n>', 'number of generated users (default 1000)', integer(0, 10_000_000))
    .option('--seed <n>', 'seed of the generated users: the same seed gives the same directory', integer(0))
    .option('--require-token <token>', 'accept only this X-Access-Token (a test value, not a real token); any other gets 401')
    .option('--latency <ms>', 'delay before every answer', integer(0, 600_000))
    .option('--fail-rate <p>', 'probability (0..1) of a 500 answer', decimal(0, 1))
    .option('--state <file>', 'load the directory from FILE (JSON) when it exists, and save it there on exit')
    .option('--cors <origin>', 'answer browser pages from ORIGIN (or *)')
    .option('--quiet', 'no log line per request')
    .addHelpText('after', examples('huawei-meeting-users mock --port 4010 --users 5000 --seed 7 --state directory.json'))
    .action(async (options) => {
      context.exitCode = await runMock(options, context.io);
    });
}
