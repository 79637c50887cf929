// What every command file receives when it registers itself: the I/O and a place for its exit code.
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import type { CliIo } from './io.js';
import type { GlobalOptions } from './session.js';

export interface CommandContext {
  io: CliIo;
  exitCode: number;
}

/** The program declares the global options (program.ts); every command reads them here. */
export function globalsOf(command: CommandUnknownOpts): GlobalOptions {
  return command.optsWithGlobals() as unknown as GlobalOptions;
}

/** Help text after a command's options: one worked example (or more) per command. */
export function examples(...lines: string[]): string {
  return `\nExample${lines.length > 1 ? 's' : ''}:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
}
