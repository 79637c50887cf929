#!/usr/bin/env node
// The `huawei-meeting-users` command: wires the process (streams, environment, signals, the
// terminal prompt) to the program and exits with its code.
import { createReadStream, openSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import type { Readable } from 'node:stream';
import { runCli } from './program.js';
import type { CliIo } from './io.js';

const stop = new AbortController();
let stopping = false;
const onSignal = () => {
  // First Ctrl+C: finish what is in flight; second: leave now (the journal is already on disk).
  if (stopping) process.exit(130);
  stopping = true;
  stop.abort();
  if (process.stderr.isTTY) process.stderr.write('\nStopping: waiting for requests in flight (Ctrl+C again to quit now).\n');
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

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

const confirm = async (question: string): Promise<boolean> => {
  const input = terminalInput();
  if (!input) return false;
  const rl = createInterface({ input, output: process.stderr });
  try {
    const answer = await rl.question(question);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
    if (input !== process.stdin) input.destroy();
  }
};

const io: CliIo = {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: stop.signal,
  confirm: process.stderr.isTTY ? confirm : undefined,
};

process.exitCode = await runCli(process.argv.slice(2), io);
