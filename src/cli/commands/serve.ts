// `serve`: the rendered docs and the mock API on one port (what `npm start` runs), over
// src/server's startServer.
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { examples, type CommandContext } from '../context.js';
import { EXIT_OK } from '../errors.js';
import type { CliIo } from '../io.js';
import { listenOptions, listenError, portOf, untilStopped, warnIfExposed } from '../listen.js';
import { distDir } from '../package-files.js';
import { names } from '../parse.js';

export interface ServeOptions {
  port?: number;
  host: string;
  allowedHosts?: string[];
}

export async function runServe(options: ServeOptions, io: CliIo): Promise<number> {
  const port = portOf(options.port, io);
  warnIfExposed(options.host, io);
  // The mock (Ajv, the spec) and the server load only for the commands that serve them.
  const { startServer } = await import('../../server/start.js');
  const running = await startServer({
    port,
    host: options.host,
    distDir,
    env: io.env,
    allowedHosts: options.allowedHosts,
    onError: (error) => io.stderr.write(`error while answering a request: ${error instanceof Error ? error.message : String(error)}\n`),
  }).catch((error: unknown) => Promise.reject(listenError(error, port, options.host)));
  io.stdout.write(`Docs: ${running.url}/\nMock API: ${running.url} (e.g. GET /v1/usg/dcs/corp/member; any X-Access-Token works)\nPress Ctrl+C to stop.\n`);
  await untilStopped(io);
  await running.close();
  return EXIT_OK;
}

export function registerServe(program: CommandUnknownOpts, context: CommandContext): void {
  const listen = listenOptions();
  program
    .command('serve')
    .description('Serve the rendered docs and the mock API on one port.')
    .addOption(listen.port)
    .addOption(listen.host)
    .option('--allowed-hosts <names>', 'comma-separated Host names answered besides loopback and --host (also env MEETING_ALLOWED_HOSTS)', names)
    .addHelpText('after', examples('huawei-meeting-users serve --port 8080'))
    .action(async (options) => {
      context.exitCode = await runServe(options, context.io);
    });
}
