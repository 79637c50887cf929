import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import { Journal } from '../../src/cli/journal.js';

const dir = mkdtempSync(join(tmpdir(), 'hmu-journal-'));
const BASE = 'https://api.example.test';
const key = (status: 0 | 1, accountType: 0 | 1 = 0, baseUrl = BASE) => ({ baseUrl, status, accountType });
const entry = (status: 0 | 1, accounts: string[]) => JSON.stringify({ ...key(status), accounts, at: '2026-01-01T00:00:00.000Z' });

describe('journal', () => {
  it('starts empty when the file does not exist, and records chunks one line each', () => {
    const path = join(dir, 'new.journal');
    const journal = Journal.open(path);
    expect(journal.confirmed(key(0)).size).toBe(0);
    journal.record(key(0), ['a', 'b'], new Date(0));
    journal.record(key(1), ['c'], new Date(0));
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(3);
    const reopened = Journal.open(path);
    expect([...reopened.confirmed(key(0))]).toEqual(['a', 'b']);
    expect([...reopened.confirmed(key(1))]).toEqual(['c']);
    expect([...reopened.confirmed(key(0, 1))]).toEqual([]);
    // Done at one server is not done at another (a journal of a run against the mock, say).
    expect([...reopened.confirmed(key(0, 0, 'http://127.0.0.1:4010'))]).toEqual([]);
  });

  it('ignores a line cut short by a kill, and starts the next entry on a line of its own', () => {
    const path = join(dir, 'cut.journal');
    writeFileSync(path, `${entry(0, ['a'])}\n{"status":0,"accountT`);
    const journal = Journal.open(path);
    expect([...journal.confirmed(key(0))]).toEqual(['a']);
    journal.record(key(0), ['b'], new Date(0));
    expect([...Journal.open(path).confirmed(key(0))]).toEqual(['a', 'b']);
  });

  it('refuses a file with a bad line before its end (not a journal): nothing would be sent', () => {
    const path = join(dir, 'bad.journal');
    writeFileSync(path, `alice\n${entry(0, ['a'])}\n`);
    expect(() => Journal.open(path)).toThrow(UsageError);
    expect(() => Journal.open(path)).toThrow(/line 1 is not a journal entry/);
  });
});
