// `docs`: the rendered API reference that ships in the package, written out or served.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { examples, type CommandContext } from '../context.js';
import { EXIT_OK, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { docsPagePath } from '../package-files.js';

export interface DocsOptions {
  out?: string;
}

export function runDocs(options: DocsOptions, io: CliIo): number {
  if (options.out === undefined) throw new UsageError('say where: --out DIR');
  if (!existsSync(docsPagePath)) throw new UsageError(`${docsPagePath} is missing: in a clone, run \`npm run docs\` first`);
  mkdirSync(options.out, { recursive: true });
  const target = join(options.out, 'index.html');
  copyFileSync(docsPagePath, target);
  io.stderr.write(`Wrote ${target} (one file: opens from disk, loads nothing from the network).\n`);
  return EXIT_OK;
}

export function registerDocs(program: CommandUnknownOpts, context: CommandContext): void {
  program
    .command('docs')
    .description('Write the rendered API reference (one self-contained HTML page).')
    .option('--out <dir>', 'write DIR/index.html')
    .addHelpText('after', examples('huawei-meeting-users docs --out ./api-docs'))
    .action((options) => {
      context.exitCode = runDocs(options, context.io);
    });
}
