// `docs`: the rendered API reference that ships in the package, written out or served.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { examples, type CommandContext } from '../context.js';
import { EXIT_OK, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { listenOptions, portOf, serveUntilStopped, warnIfExposed } from '../listen.js';
import { distDir, docsPagePath } from '../package-files.js';

export interface DocsOptions {
  out?: string;
  serve?: boolean;
  port?: number;
  host: string;
}

export async function runDocs(options: DocsOptions, io: CliIo): Promise<number> {
  if (options.out === undefined && !options.serve) throw new UsageError('say what to do: --out DIR or --serve');
  if (!existsSync(docsPagePath)) throw new UsageError(`${docsPagePath} is missing: in a clone, run \`npm run docs\` first`);
  if (options.out !== undefined) {
    mkdirSync(options.out, { recursive: true });
    const target = join(options.out, 'index.html');
    copyFileSync(docsPagePath, target);
    io.stderr.write(`Wrote ${target} (one file: opens from disk, loads nothing from the network).\n`);
  }
  if (!options.serve) return EXIT_OK;
  const port = portOf(options.port, io);
  warnIfExposed(options.host, io);
  const { createServeHandler } = await import('../../server/handler.js');
  const { allowedHostsFromEnv } = await import('../../server/hosts.js');
  const handler = createServeHandler({ distDir, allowedHosts: allowedHostsFromEnv(io.env) });
  return serveUntilStopped(handler, port, options.host, io, ({ url }) => io.stdout.write(`Docs: ${url}/\nPress Ctrl+C to stop.\n`));
}

export function registerDocs(program: CommandUnknownOpts, context: CommandContext): void {
  const listen = listenOptions('with --serve: ');
  program
    .command('docs')
    .description('Write or serve the rendered API reference (one self-contained HTML page).')
    .option('--out <dir>', 'write DIR/index.html')
    .option('--serve', 'serve the page (and the spec at /openapi.json, /openapi.yaml)')
    .addOption(listen.port)
    .addOption(listen.host)
    .addHelpText('after', examples('huawei-meeting-users docs --out ./api-docs', 'huawei-meeting-users docs --serve --port 8080'))
    .action(async (options) => {
      context.exitCode = await runDocs(options, context.io);
    });
}
