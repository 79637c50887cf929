// `users list`: every user matching the filters, page after page, written as they arrive.
import { Option, type CommandUnknownOpts } from '@commander-js/extra-typings';
import type { SearchAllQuery } from '../../client/paginate.js';
import type { AdminTypeFilter, SortField, UserStatus, UserType } from '../../client/types.js';
import { ADMIN_TYPES, SORT_FIELDS, USER_TYPES } from '../../client/validate.js';
import { examples, globalsOf, type CommandContext } from '../context.js';
import { MeetingAbortError } from '../../client/errors.js';
import { EXIT_INTERRUPTED, EXIT_OK, reportError } from '../errors.js';
import type { CliIo } from '../io.js';
import { createRecordWriter, FORMATS, USER_FIELDS, type Format, type UserField } from '../output.js';
import { choice, integer, listOf } from '../parse.js';
import { createProgress } from '../progress.js';
import { createClient, type GlobalOptions } from '../session.js';
import { TextSink } from '../sink.js';

export interface UsersListOptions {
  status?: UserStatus;
  userType?: UserType[];
  adminType?: AdminTypeFilter;
  search?: string;
  dept?: string;
  subDept?: boolean;
  sortField?: SortField;
  asc?: boolean;
  inactive?: boolean;
  format?: Format;
  fields?: UserField[];
  max?: number;
  pageSize: number;
  concurrency: number;
}

const STATUS_VALUES: Record<string, UserStatus> = { normal: 0, disabled: 1, 0: 0, 1: 1 };

export function toQuery(options: UsersListOptions): SearchAllQuery {
  const query: SearchAllQuery = {
    status: options.status,
    userType: options.userType,
    adminType: options.adminType,
    searchKey: options.search,
    deptCode: options.dept,
    enableSubDept: options.subDept,
    sortField: options.sortField,
    isAsc: options.asc,
    containsUnActive: options.inactive,
  };
  // Unset filters stay out of the URL entirely.
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as SearchAllQuery;
}

export async function runUsersList(options: UsersListOptions, globals: GlobalOptions, io: CliIo): Promise<number> {
  const client = createClient(globals, io);
  io.boundHeap?.();
  const query = toQuery(options);
  const format = options.format ?? (io.stdout.isTTY ? 'table' : 'ndjson');
  const sink = new TextSink(io.stdout);
  const writer = createRecordWriter(format, sink, options.fields);
  // Data on a terminal is its own progress; a progress line would tangle with the rows.
  const showProgress = Boolean(io.stderr.isTTY) && !io.stdout.isTTY;
  const progress = showProgress ? createProgress(io.stderr, { unit: 'users', now: io.now }) : undefined;
  const max = options.max ?? Number.POSITIVE_INFINITY;
  const callOptions = { requestId: globals.requestId, signal: io.signal };
  // Progress needs the total: asked for only when progress is shown.
  if (progress) {
    const first = await client.searchUsers({ ...query, offset: 0, limit: 1 }, callOptions);
    progress.total(Math.min(first.count, max));
  }
  let count = 0;
  try {
    for await (const user of client.searchAllUsers(query, { pageSize: Math.min(options.pageSize, max), concurrency: options.concurrency, ...callOptions })) {
      const wait = writer.write(user);
      if (wait) await wait;
      count += 1;
      progress?.update(count);
      if (count >= max || sink.closed) break;
    }
  } catch (error) {
    if (!(error instanceof MeetingAbortError && io.signal.aborted)) throw error;
    // Ctrl+C: what was written stays valid (a json array is closed), and the count is said.
    await writer.end();
    progress?.finish();
    io.stderr.write(`Interrupted: ${count} user(s) written.\n`);
    return EXIT_INTERRUPTED;
  } finally {
    progress?.finish();
  }
  await writer.end();
  if (sink.error) return reportError(io.stderr, sink.error, globals.verbose ?? false);
  return EXIT_OK;
}

export function registerUsersList(users: CommandUnknownOpts, context: CommandContext): void {
  users
    .command('list')
    .description('List every user matching the filters (SearchUsers over all pages), streamed as it arrives.')
    .option('--status <status>', 'normal|disabled (or 0|1)', choice(STATUS_VALUES))
    .option('--user-type <types>', 'comma-separated: 2 common user, 12 smart TV, 13 IdeaHub, 14 SmartRooms (the service defaults to 2)', listOf(USER_TYPES, Number))
    .option('--admin-type <type>', '1 common administrator, 2 non-administrator', choice(Object.fromEntries(ADMIN_TYPES.map((t) => [String(t), t])) as Record<string, AdminTypeFilter>))
    .option('--search <key>', 'fuzzy search by name, mobile number, e-mail, account or third-party user ID')
    .option('--dept <code>', 'department code')
    .option('--sub-dept', 'include sub-departments of --dept')
    .option('--no-sub-dept', 'only the department itself')
    .addOption(new Option('--sort-field <field>', 'sort by').choices(SORT_FIELDS))
    .option('--asc', 'ascending order')
    .option('--inactive', 'include inactive terminals (containsUnActive)')
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, ndjson otherwise)').choices(FORMATS))
    .option('--fields <fields>', `comma-separated fields to print: ${USER_FIELDS.join(',')}`, listOf(USER_FIELDS))
    .option('--max <n>', 'stop after N users', integer(1))
    .option('--page-size <n>', 'users per request', integer(1), 100)
    .option('--concurrency <n>', 'requests in flight after the first page', integer(1, 64), 1)
    .addHelpText(
      'after',
      examples(
        'huawei-meeting-users users list --status disabled',
        'huawei-meeting-users users list --dept 2 --sub-dept --format csv --fields userAccount,name,status > rd.csv',
      ),
    )
    .action(async (options, command) => {
      context.exitCode = await runUsersList(options, globalsOf(command), context.io);
    });
}
