// The process around the program: its streams, environment, signals and terminal prompt. Shared
// by the installed command (main.ts) and `npm start` (scripts/start.ts).
import { createReadStream, openSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { boundHeap } from './heap.js';
import type { CliIo } from './io.js';
import { runCli } from './program.js';

/** The terminal to ask on: stdin when it is one, else /dev/tty (stdin may be the piped data). */
function terminalInput(): Readable | undefined {
  if (process.stdin.isTTY) return process.stdin;
  try {
    // Opened synchronously so that a missing terminal is known now, not as a later stream error.
    return createReadStream('', { fd: openSync('/dev/tty', 'r') });
  } catch {
    return undefined;
  }
}

async function confirm(question: string): Promise<boolean> {
  const input = terminalInput();
  if (!input) return false;
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input, output: process.stderr });
  try {
    const answer = await rl.question(question);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
    if (input !== process.stdin) input.destroy();
  }
}

/** Runs the program on this process's argv and sets the exit code. */
export async function runProcess(argv: readonly string[]): Promise<void> {
  const stop = new AbortController();
  let stopping = false;
  const onSignal = () => {
    // First Ctrl+C: finish what is in flight; second: leave now (a journal is already on disk).
    if (stopping) process.exit(130);
    stopping = true;
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const io: CliIo = {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    signal: stop.signal,
    confirm: process.stderr.isTTY ? confirm : undefined,
    boundHeap,
  };
  process.exitCode = await runCli(argv, io);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}
