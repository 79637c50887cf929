// What a command touches outside itself, passed in so that every command runs in a test without
// spawning a process: its streams, its environment, Ctrl+C, and the terminal's yes/no prompt.
import type { Readable, Writable } from 'node:stream';
import type { MeetingFetch } from '../client/config.js';

export type OutStream = Writable & { isTTY?: boolean; columns?: number };

export interface CliIo {
  stdin: Readable & { isTTY?: boolean };
  stdout: OutStream;
  stderr: OutStream;
  env: Record<string, string | undefined>;
  /** Aborted by Ctrl+C (SIGINT) or SIGTERM. */
  signal: AbortSignal;
  /** Asks a yes/no question on the terminal; absent when there is no terminal to ask on. */
  confirm?: (question: string) => Promise<boolean>;
  /** The fetch the client uses; default the global one (tests count requests through it). */
  fetch?: MeetingFetch;
  /** Milliseconds clock for progress rates; default Date.now. */
  now?: () => number;
  /**
   * Called before a command streams an unbounded number of records, to keep the process's memory
   * flat; set by the installed command's process only, so that an in-process run leaves its host alone.
   */
  boundHeap?: () => void;
}
