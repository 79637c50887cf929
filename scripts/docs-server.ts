// The HTTP server behind `npm start`: the rendered docs and the bundled spec from dist/, and, under
// /v1/, an API request handler when one is given (the mock API of src/mock/).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';

export type DocsServerOptions = {
  /** The build output: docs/index.html, openapi.json and openapi.yaml. */
  distDir: string;
  /** Serves every request whose path starts with /v1/. */
  api?: RequestListener;
};

// Redoc routes its own links in the URL hash (/#/users/searchusers), so the page has one path.
const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: join('docs', 'index.html'), type: 'text/html; charset=utf-8' },
  '/index.html': { file: join('docs', 'index.html'), type: 'text/html; charset=utf-8' },
  '/openapi.json': { file: 'openapi.json', type: 'application/json; charset=utf-8' },
  '/openapi.yaml': { file: 'openapi.yaml', type: 'application/yaml; charset=utf-8' },
};

export function createDocsServer({ distDir, api }: DocsServerOptions): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path.startsWith('/v1/')) {
      if (api) api(req, res);
      else send(res, 404, 'text/plain; charset=utf-8', 'No API is served here yet: this server has the docs only.\n');
      return;
    }
    serveDocs(req, res, distDir, path).catch((error: unknown) => {
      send(res, 500, 'text/plain; charset=utf-8', `Could not read the docs: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  });
}

async function serveDocs(req: IncomingMessage, res: ServerResponse, distDir: string, path: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(res, 405, 'text/plain; charset=utf-8', 'The docs are read-only: use GET.\n');
    return;
  }
  const served = FILES[path];
  if (!served) {
    send(res, 404, 'text/plain; charset=utf-8', `Not found: ${path}. The docs are at /.\n`);
    return;
  }
  const { file, type } = served;
  const body = await readFile(join(distDir, file));
  send(res, 200, type, req.method === 'HEAD' ? undefined : body, body.length);
}

function send(res: ServerResponse, status: number, type: string, body?: string | Buffer, length?: number): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': length ?? Buffer.byteLength(body ?? ''),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  });
  res.end(body);
}
