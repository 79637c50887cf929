// `users enable` and `users disable`: the accounts in chunks, a few requests in flight, every
// confirmed chunk journaled at once. Ctrl+C stops sending, lets the chunks in flight finish, and
// still writes the report and the summary of what was and was not done.
import { writeFileSync } from 'node:fs';
import { BATCH_STATUS_PATH } from '../client/batch.js';
import { MeetingApiError, MeetingBatchError } from '../client/errors.js';
import type { AccountType, UserStatus } from '../client/types.js';
import { readAccountsFrom, unique } from './accounts.js';
import { describeError, EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, UsageError } from './errors.js';
import type { CliIo } from './io.js';
import { Journal } from './journal.js';
import { createProgress } from './progress.js';
import { baseUrlOf, createClient, type GlobalOptions } from './session.js';

export interface StatusChangeOptions {
  from?: string;
  accountType?: AccountType;
  chunkSize: number;
  concurrency: number;
  dryRun?: boolean;
  yes?: boolean;
  journal?: string;
  report?: string;
}

/** Above this many accounts a terminal user is asked to confirm (unless --yes). */
export const CONFIRM_ABOVE = 100;
const LISTED_ACCOUNTS = 20;

export interface ChunkError {
  name: string;
  message: string;
  status?: number;
  errorCode?: string;
  requestId?: string;
}

export interface StatusReport {
  operation: 'enable' | 'disable';
  status: UserStatus;
  accountType: AccountType;
  baseUrl: string;
  interrupted: boolean;
  /** Accounts given (duplicates removed). */
  requested: number;
  /** Confirmed by an earlier run, per the journal: not sent again. */
  skipped: string[];
  updated: string[];
  /** The service refused these; nothing changed for them. */
  failed: { accounts: string[]; error: ChunkError }[];
  /** Sent, but no answer came back (timeout, broken connection): they may or may not have changed. */
  unconfirmed: { accounts: string[]; error: ChunkError }[];
  /** Never sent (Ctrl+C). */
  notSent: string[];
}

/** A chunk that did not go through: refused (`failed`) or sent without an answer (`unconfirmed`). */
type Miss = { kind: 'failed' | 'unconfirmed'; accounts: string[]; error: ChunkError };
/** What became of one chunk: `updated`, or the parts of it that missed. */
type ChunkOutcome = 'updated' | Miss[];

function chunksOf(items: readonly string[], size: number): string[][] {
  const chunks: string[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

function errorFields(error: unknown): ChunkError {
  const fields: ChunkError = { name: error instanceof Error ? error.name : 'Error', message: describeError(error) };
  if (error instanceof MeetingApiError) Object.assign(fields, { status: error.status, errorCode: error.errorCode });
  const requestId = (error as { requestId?: unknown }).requestId;
  if (typeof requestId === 'string') fields.requestId = requestId;
  return fields;
}

/** Splits a failed chunk into what the service refused and what it may have applied. */
function classify(error: unknown, accounts: string[]): Miss[] {
  if (!(error instanceof MeetingBatchError)) return [{ kind: 'failed', accounts, error: errorFields(error) }];
  return [
    ...error.failed.map((chunk) => ({ kind: 'failed' as const, accounts: chunk.accounts, error: errorFields(chunk.error) })),
    ...error.unconfirmed.map((chunk) => ({ kind: 'unconfirmed' as const, accounts: chunk.accounts, error: errorFields(chunk.error) })),
  ];
}

function listAccounts(accounts: string[]): string {
  const shown = accounts.slice(0, LISTED_ACCOUNTS).join(', ');
  return accounts.length > LISTED_ACCOUNTS ? `${shown} … (+${accounts.length - LISTED_ACCOUNTS} more; --report FILE lists all)` : shown;
}

async function gatherAccounts(args: string[], options: StatusChangeOptions, io: CliIo): Promise<string[]> {
  if (args.length > 0 && options.from !== undefined) throw new UsageError('give accounts as arguments or with --from, not both');
  if (args.length === 0 && options.from === undefined) throw new UsageError('no accounts: give them as arguments or with --from FILE (- for standard input)');
  if (options.from !== undefined) return unique(await readAccountsFrom(options.from, io.stdin, options.accountType ?? 0));
  const blank = args.findIndex((a) => a.trim() === '');
  if (blank >= 0) throw new UsageError(`account argument ${blank + 1} is empty; nothing was sent`);
  return unique(args.map((a) => a.trim()));
}

export async function runStatusChange(status: UserStatus, args: string[], options: StatusChangeOptions, globals: GlobalOptions, io: CliIo): Promise<number> {
  const operation = status === 0 ? 'enable' : 'disable';
  const past = status === 0 ? 'enabled' : 'disabled';
  const accountType = options.accountType ?? 0;
  const given = await gatherAccounts(args, options, io);
  const journal = options.journal === undefined ? undefined : Journal.open(options.journal);
  const baseUrl = baseUrlOf(globals, io);
  const journalKey = { baseUrl, status, accountType };
  const confirmed = journal?.confirmed(journalKey) ?? new Set<string>();
  const skipped = given.filter((a) => confirmed.has(a));
  const todo = given.filter((a) => !confirmed.has(a));
  const chunks = chunksOf(todo, options.chunkSize);
  const skippedNote = skipped.length > 0 ? ` (${skipped.length} already confirmed in the journal, skipped)` : '';

  if (options.dryRun) {
    const path = BATCH_STATUS_PATH.replace('{value}', String(status));
    for (const accounts of chunks) {
      io.stdout.write(`${JSON.stringify({ method: 'PUT', path, ...(options.accountType === undefined ? {} : { accountType }), accounts })}\n`);
    }
    io.stderr.write(`Dry run: would ${operation} ${todo.length} account(s) in ${chunks.length} request(s)${skippedNote}; nothing was sent.\n`);
    return EXIT_OK;
  }

  const report: StatusReport = { operation, status, accountType, baseUrl, interrupted: false, requested: given.length, skipped, updated: [], failed: [], unconfirmed: [], notSent: [] };
  const writeReport = () => {
    if (options.report !== undefined) writeFileSync(options.report, `${JSON.stringify(report, null, 2)}\n`);
  };
  // Written once before the first request, with everything "not sent": an unwritable path is
  // found while nothing was sent yet, and a run killed outright still leaves a true report.
  report.notSent = todo;
  try {
    writeReport();
  } catch (error) {
    throw new UsageError(`cannot write --report ${options.report ?? ''}: ${(error as NodeJS.ErrnoException).code ?? 'unwritable'}; nothing was sent`);
  }
  report.notSent = [];
  if (todo.length === 0) {
    io.stderr.write(`Nothing to send: ${given.length} account(s)${skippedNote}.\n`);
    return EXIT_OK;
  }

  const client = createClient(globals, io);
  if (todo.length > CONFIRM_ABOVE && !options.yes && io.stderr.isTTY) {
    if (!io.confirm) throw new UsageError(`${todo.length} accounts and no terminal to confirm on: pass --yes; nothing was sent`);
    if (!(await io.confirm(`${operation === 'enable' ? 'Enable' : 'Disable'} ${todo.length} accounts at ${report.baseUrl}? [y/N] `))) {
      io.stderr.write('Cancelled: nothing was sent.\n');
      return EXIT_USAGE;
    }
  }

  const progress = createProgress(io.stderr, { unit: 'accounts', now: io.now });
  progress.total(todo.length);
  const outcomes: (ChunkOutcome | undefined)[] = new Array<ChunkOutcome | undefined>(chunks.length);
  let next = 0;
  let done = 0;
  const send = async (index: number): Promise<ChunkOutcome> => {
    const accounts = chunks[index] ?? [];
    // One id per request, as the client does within one call: several chunks sharing one would be indistinguishable.
    const requestId = globals.requestId === undefined || chunks.length === 1 ? globals.requestId : `${globals.requestId}-${index + 1}`;
    try {
      // No signal: a chunk already sent is left to finish, so its outcome is known and journaled.
      await client.batchUpdateUserStatus({ status, accounts, accountType: options.accountType }, { chunkSize: accounts.length, concurrency: 1, requestId });
    } catch (error) {
      return classify(error, accounts);
    }
    journal?.record(journalKey, accounts, new Date());
    return 'updated';
  };
  const worker = async () => {
    while (!io.signal.aborted && next < chunks.length) {
      const index = next++;
      outcomes[index] = await send(index);
      done += chunks[index]?.length ?? 0;
      progress.update(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, chunks.length) }, worker));
  progress.finish();

  chunks.forEach((accounts, index) => {
    const outcome = outcomes[index];
    if (outcome === undefined) report.notSent.push(...accounts);
    else if (outcome === 'updated') report.updated.push(...accounts);
    else for (const part of outcome) report[part.kind].push({ accounts: part.accounts, error: part.error });
  });
  report.interrupted = report.notSent.length > 0;
  try {
    writeReport();
  } catch (error) {
    // The summary below still says what was done; the journal has every confirmed chunk.
    io.stderr.write(`error: could not write --report ${options.report ?? ''}: ${(error as NodeJS.ErrnoException).code ?? 'unwritable'}\n`);
  }
  return summarize(report, past, skippedNote, io);
}

function summarize(report: StatusReport, past: string, skippedNote: string, io: CliIo): number {
  const count = (parts: { accounts: string[] }[]) => parts.reduce((n, p) => n + p.accounts.length, 0);
  const failed = count(report.failed);
  const unconfirmed = count(report.unconfirmed);
  const attempted = report.requested - report.skipped.length;
  const lines: string[] = [];
  const Past = `${past.charAt(0).toUpperCase()}${past.slice(1)}`;
  if (failed === 0 && unconfirmed === 0 && !report.interrupted) {
    lines.push(`${Past} ${report.updated.length} account(s)${skippedNote}.`);
  } else {
    lines.push(
      `${report.interrupted ? `Interrupted: ${past}` : Past} ${report.updated.length} of ${attempted} account(s)${skippedNote}; ` +
        `${failed} failed, ${unconfirmed} unconfirmed, ${report.notSent.length} not sent.`,
    );
    for (const part of report.failed) lines.push(`  failed: ${part.error.message}: ${listAccounts(part.accounts)}`);
    for (const part of report.unconfirmed) lines.push(`  unconfirmed (may or may not have changed; safe to resend): ${part.error.message}: ${listAccounts(part.accounts)}`);
    if (report.notSent.length > 0) lines.push(`  not sent: ${listAccounts(report.notSent)}`);
  }
  io.stderr.write(`${lines.join('\n')}\n`);
  if (report.interrupted) return EXIT_INTERRUPTED;
  return failed > 0 || unconfirmed > 0 ? EXIT_FAILED : EXIT_OK;
}
