// In-process runs of the command: fake streams, an environment, a fetch that records requests.
import { Readable, Writable } from 'node:stream';
import type { MeetingFetch } from '../../src/client/config.js';
import type { CliIo, OutStream } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';

export type Captured = OutStream & {
  text(): string;
  /** Resolves with the first match of `pattern` in what was written so far or is written later. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
};

export function capture(isTTY = false): Captured {
  let text = '';
  const waiting: { pattern: RegExp; resolve: (match: RegExpExecArray) => void }[] = [];
  const check = () => {
    for (const wait of [...waiting]) {
      const match = wait.pattern.exec(text);
      if (match) {
        waiting.splice(waiting.indexOf(wait), 1);
        wait.resolve(match);
      }
    }
  };
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      text += String(chunk);
      check();
      callback();
    },
  });
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve) => {
      waiting.push({ pattern, resolve });
      check();
    });
  return Object.assign(stream, { isTTY, text: () => text, waitFor });
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  requests: { method: string; url: string; body: string | undefined }[];
}

export interface RunOptions {
  baseUrl?: string;
  token?: string | null;
  stdin?: string;
  stdoutTTY?: boolean;
  stderrTTY?: boolean;
  confirm?: (question: string) => Promise<boolean>;
  signal?: AbortSignal;
  /** Wraps the recording fetch (to fail or delay chosen requests). */
  fetch?: (send: MeetingFetch) => MeetingFetch;
  now?: () => number;
  env?: Record<string, string>;
  boundHeap?: () => void;
}

export interface Started {
  stdout: Captured;
  stderr: Captured;
  done: Promise<Run>;
}

export async function run(argv: string[], options: RunOptions = {}): Promise<Run> {
  return start(argv, options).done;
}

/** Starts a command without waiting for it (servers run until `options.signal` aborts). */
export function start(argv: string[], options: RunOptions = {}): Started {
  const stdout = capture(options.stdoutTTY);
  const stderr = capture(options.stderrTTY);
  const requests: Run['requests'] = [];
  const recording: MeetingFetch = (url, init) => {
    requests.push({ method: init.method ?? 'GET', url, body: typeof init.body === 'string' ? init.body : undefined });
    return fetch(url, init);
  };
  const env: Record<string, string> = { ...options.env };
  if (options.token !== null) env.MEETING_TOKEN = options.token ?? 'test-token-123';
  if (options.baseUrl) env.MEETING_BASE_URL = options.baseUrl;
  const io: CliIo = {
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    stdout,
    stderr,
    env,
    signal: options.signal ?? new AbortController().signal,
    confirm: options.confirm,
    fetch: options.fetch ? options.fetch(recording) : recording,
    now: options.now,
    boundHeap: options.boundHeap,
  };
  const done = runCli(argv, io).then((code) => ({ code, stdout: stdout.text(), stderr: stderr.text(), requests }));
  return { stdout, stderr, done };
}

export function ndjson(text: string): Record<string, unknown>[] {
  return text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
}
