// Records out as table, json, ndjson or csv, one record at a time: nothing but the table's first
// rows (to size its columns) is held, so a million users print in flat memory.
import type { Exhaustive, MeetingUser } from '../client/types.js';
import type { TextSink } from './sink.js';

export const FORMATS = ['table', 'json', 'ndjson', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

/** SearchUserResultDTO's fields in the spec's order (a compile error if the spec adds one). */
export const USER_FIELDS = [
  'id', 'userAccount', 'name', 'englishName', 'userType', 'status', 'adminType', 'deptCode', 'deptNamePath',
  'phone', 'hidePhone', 'email', 'country', 'title', 'desc', 'signature', 'sortLevel', 'license', 'thirdAccount',
  'visionAccount', 'vmrId', 'activeCode', 'activeCodeExpireTime', 'activeTime', 'expireTime',
] as const satisfies readonly (keyof MeetingUser)[];
export type UserField = (typeof USER_FIELDS)[number];
export const userFieldsAreComplete: Exhaustive<keyof MeetingUser, UserField> = true;

/** What a terminal table shows unless --fields says otherwise. */
export const TABLE_FIELDS: readonly UserField[] = ['userAccount', 'name', 'status', 'userType', 'adminType', 'deptNamePath'];

export interface RecordWriter {
  /** Returns a promise only when the caller must wait for the reader. */
  write(user: MeetingUser): Promise<void> | undefined;
  end(): Promise<void>;
}

function pick(user: MeetingUser, fields: readonly UserField[] | undefined): Partial<MeetingUser> {
  if (!fields) return user;
  const picked: Record<string, unknown> = {};
  for (const field of fields) picked[field] = user[field] ?? null;
  return picked;
}

function ndjson(sink: TextSink, fields: readonly UserField[] | undefined): RecordWriter {
  return {
    write: (user) => sink.write(`${JSON.stringify(pick(user, fields))}\n`),
    end: () => sink.flush(),
  };
}

function json(sink: TextSink, fields: readonly UserField[] | undefined): RecordWriter {
  let first = true;
  return {
    write(user) {
      const text = `${first ? '[\n' : ',\n'}  ${JSON.stringify(pick(user, fields))}`;
      first = false;
      return sink.write(text);
    },
    async end() {
      await sink.write(first ? '[]\n' : '\n]\n');
      await sink.flush();
    },
  };
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(sink: TextSink, fields: readonly UserField[]): RecordWriter {
  sink.write(`${fields.join(',')}\r\n`);
  return {
    write: (user) => sink.write(`${fields.map((field) => csvField(user[field])).join(',')}\r\n`),
    end: () => sink.flush(),
  };
}

const MAX_COLUMN = 40;
const SIZING_ROWS = 100;
const STATUS_NAMES: Record<number, string> = { 0: 'normal', 1: 'disabled' };

/** A cell as a terminal shows it: control characters (an escape sequence in a name) are neutralised. */
function cell(field: UserField, value: unknown): string {
  if (value === null || value === undefined) return '-';
  const text = field === 'status' && typeof value === 'number' ? (STATUS_NAMES[value] ?? String(value)) : String(value);
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

function table(sink: TextSink, fields: readonly UserField[]): RecordWriter {
  let widths: number[] | undefined;
  let pending: string[][] = [];
  const line = (cells: string[], w: number[]) =>
    `${cells.map((text, i) => (text.length > (w[i] ?? 0) ? `${text.slice(0, (w[i] ?? 1) - 1)}…` : text.padEnd(w[i] ?? 0))).join('  ').trimEnd()}\n`;
  // Columns are sized from the first rows, then fixed: later longer values are cut with "…".
  const start = () => {
    const header = fields.map((field) => field.toUpperCase());
    widths = header.map((title, i) => Math.min(MAX_COLUMN, Math.max(title.length, ...pending.map((row) => row[i]?.length ?? 0))));
    let text = line(header, widths);
    for (const row of pending) text += line(row, widths);
    pending = [];
    return sink.write(text);
  };
  return {
    write(user) {
      const row = fields.map((field) => cell(field, user[field]));
      if (widths) return sink.write(line(row, widths));
      pending.push(row);
      return pending.length >= SIZING_ROWS ? start() : undefined;
    },
    async end() {
      if (!widths) await start();
      await sink.flush();
    },
  };
}

export function createRecordWriter(format: Format, sink: TextSink, fields: readonly UserField[] | undefined): RecordWriter {
  switch (format) {
    case 'ndjson':
      return ndjson(sink, fields);
    case 'json':
      return json(sink, fields);
    case 'csv':
      return csv(sink, fields ?? USER_FIELDS);
    case 'table':
      return table(sink, fields ?? TABLE_FIELDS);
  }
}
