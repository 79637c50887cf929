// The accounts to enable or disable, from the command line or from `--from FILE|-`: one account
// per line, or the ndjson that `users list` prints. Input is read and checked whole before anything
// is sent; errors name the line, never its content (it is personal data).
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { AccountType } from '../client/types.js';
import { UsageError } from './errors.js';

const MAX_LISTED_PROBLEMS = 5;

/** Which field of a `users list` record names the account, per accountType. */
export function accountField(accountType: AccountType): 'userAccount' | 'thirdAccount' {
  return accountType === 1 ? 'thirdAccount' : 'userAccount';
}

function accountOfLine(line: string, field: 'userAccount' | 'thirdAccount'): string {
  if (line.startsWith('[') || line.startsWith(']')) throw new Error('is JSON array output: use `users list --format ndjson`');
  if (!line.startsWith('{')) return line;
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    throw new Error('starts with "{" but is not JSON');
  }
  const value = (record as Record<string, unknown>)[field];
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`has no ${field}`);
  return value;
}

export async function readAccountLines(input: Readable, name: string, accountType: AccountType): Promise<string[]> {
  const field = accountField(accountType);
  const accounts: string[] = [];
  const problems: string[] = [];
  let lineNumber = 0;
  const { createInterface } = await import('node:readline');
  try {
    for await (const raw of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
      lineNumber += 1;
      const line = raw.trim();
      if (line === '') continue;
      try {
        accounts.push(accountOfLine(line, field));
      } catch (error) {
        problems.push(`line ${lineNumber} ${(error as Error).message}`);
      }
    }
  } catch (error) {
    throw new UsageError(`cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (problems.length > 0) {
    const more = problems.length > MAX_LISTED_PROBLEMS ? ` (and ${problems.length - MAX_LISTED_PROBLEMS} more)` : '';
    throw new UsageError(`${name}: ${problems.slice(0, MAX_LISTED_PROBLEMS).join('; ')}${more}; nothing was sent`);
  }
  return accounts;
}

export async function readAccountsFrom(source: string, stdin: Readable, accountType: AccountType): Promise<string[]> {
  if (source === '-') return readAccountLines(stdin, 'standard input', accountType);
  return readAccountLines(createReadStream(source), source, accountType);
}

/** First occurrence of each account, in order: sending one twice would only repeat the request. */
export function unique(accounts: readonly string[]): string[] {
  return [...new Set(accounts)];
}
