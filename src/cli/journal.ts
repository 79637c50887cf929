// The journal of `users enable|disable --journal FILE`: one JSON line per chunk the service
// confirmed, appended as soon as it is confirmed, so that a rerun after a failure or Ctrl+C skips
// what is already done. A half-written line (the process was killed mid-write) is ignored.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { AccountType, UserStatus } from '../client/types.js';
import { UsageError } from './errors.js';

/** What a chunk was: the same accounts at another server, or set to another status, are not done. */
export interface JournalKey {
  baseUrl: string;
  status: UserStatus;
  accountType: AccountType;
}

export interface JournalEntry extends JournalKey {
  accounts: string[];
  /** ISO time the chunk was confirmed. */
  at: string;
}

function isEntry(value: unknown): value is JournalEntry {
  const entry = value as Partial<JournalEntry> | null;
  return (
    typeof entry === 'object' && entry !== null &&
    typeof entry.baseUrl === 'string' &&
    (entry.status === 0 || entry.status === 1) &&
    (entry.accountType === 0 || entry.accountType === 1) &&
    Array.isArray(entry.accounts) && entry.accounts.every((a) => typeof a === 'string')
  );
}

export class Journal {
  private constructor(
    readonly path: string,
    private readonly entries: JournalEntry[],
    /** The file ends in a cut-short line: the next entry must start on a line of its own. */
    private cutShort: boolean,
  ) {}

  static open(path: string): Journal {
    if (!existsSync(path)) return new Journal(path, [], false);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read --journal ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
    }
    const entries: JournalEntry[] = [];
    text.split('\n').forEach((line, index) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        // An entry cut short by a kill mid-write: that chunk is simply not known to be done.
        if (line.startsWith('{')) return;
      }
      if (isEntry(value)) entries.push(value);
      else throw new UsageError(`--journal ${path} line ${index + 1} is not a journal entry; nothing was sent`);
    });
    return new Journal(path, entries, text !== '' && !text.endsWith('\n'));
  }

  /** Accounts already confirmed at this server with this status and account type. */
  confirmed({ baseUrl, status, accountType }: JournalKey): Set<string> {
    const done = new Set<string>();
    for (const entry of this.entries) {
      if (entry.baseUrl === baseUrl && entry.status === status && entry.accountType === accountType) entry.accounts.forEach((a) => done.add(a));
    }
    return done;
  }

  /** Written synchronously: once this returns, a crash cannot lose the chunk. */
  record(key: JournalKey, accounts: string[], at: Date): void {
    const entry: JournalEntry = { baseUrl: key.baseUrl, status: key.status, accountType: key.accountType, accounts, at: at.toISOString() };
    appendFileSync(this.path, `${this.cutShort ? '\n' : ''}${JSON.stringify(entry)}\n`);
    this.cutShort = false;
    this.entries.push(entry);
  }
}
