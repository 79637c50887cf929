// `serve`: the rendered docs and the mock API on one port (what `npm start` runs).
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { examples, type CommandContext } from '../context.js';
import type { CliIo } from '../io.js';
import { DEFAULT_HOST, portOf, serveUntilStopped, warnIfExposed } from '../listen.js';
import { distDir } from '../package-files.js';
import { integer, names } from '../parse.js';

export interface ServeOptions {
  port?: number;
  host: string;
  allowedHosts?: string[];
}

export async function runServe(options: ServeOptions, io: CliIo): Promise<number> {
  const port = portOf(options.port, io);
  warnIfExposed(options.host, io);
  // The mock (Ajv, the spec) and the server load only for the commands that serve them.
  const { createMockFetchHandler } = await import('../../mock/handler.js');
  const { createServeHandler } = await import('../../server/handler.js');
  const { allowedHostsFromEnv } = await import('../../server/hosts.js');
  const handler = createServeHandler({
    distDir,
    api: createMockFetchHandler(),
    allowedHosts: [...allowedHostsFromEnv(io.env), ...(options.allowedHosts ?? [])],
    onError: (error) => io.stderr.write(`error while answering a request: ${error instanceof Error ? error.message : String(error)}\n`),
  });
  return serveUntilStopped(handler, port, options.host, io, ({ url }) => {
    io.stdout.write(`Docs: ${url}/\nMock API: ${url} (e.g. GET /v1/usg/dcs/corp/member; any X-Access-Token works)\nPress Ctrl+C to stop.\n`);
  });
}

export function registerServe(program: CommandUnknownOpts, context: CommandContext): void {
  program
    .command('serve')
    .description('Serve the rendered docs and the mock API on one port.')
    .option('--port <port>', 'TCP port, 0 for any free one (default: env PORT, else 4010)', integer(0, 65535))
    .option('--host <address>', 'address to listen on; anything but loopback is reachable from other machines', DEFAULT_HOST)
    .option('--allowed-hosts <names>', 'comma-separated Host names answered besides loopback (also env MEETING_ALLOWED_HOSTS)', names)
    .addHelpText('after', examples('huawei-meeting-users serve --port 8080'))
    .action(async (options) => {
      context.exitCode = await runServe(options, context.io);
    });
}
