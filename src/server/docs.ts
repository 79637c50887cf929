// The docs part of `serve`: the rendered page and the bundled spec from the build output, read-only.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FetchHandler } from '../mock/node.js';
import { bufferedResponse } from '../mock/response.js';
import { docsPageCsp } from './security.js';

export type { FetchHandler };

type Served = { file: string; type: string; page?: true };

// Redoc routes its own links in the URL, so the page has one path (and /index.html).
const PAGE: Served = { file: join('docs', 'index.html'), type: 'text/html; charset=utf-8', page: true };
const FILES: Record<string, Served> = {
  '/': PAGE,
  '/index.html': PAGE,
  '/openapi.json': { file: 'openapi.json', type: 'application/json; charset=utf-8' },
  '/openapi.yaml': { file: 'openapi.yaml', type: 'application/yaml; charset=utf-8' },
};

type Loaded = { mtimeMs: number; size: number; body: Buffer; csp?: string };

export type DocsHandlerOptions = {
  /** The build output: docs/index.html, openapi.json and openapi.yaml. */
  distDir: string;
};

export function text(status: number, message: string, headers: Record<string, string> = {}): Response {
  return bufferedResponse(`${message}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers } });
}

/**
 * Answers GET and HEAD of the page and the spec. A file is read again when it changed on disk (a
 * rebuild while serving), and the page's CSP is computed from the page itself, so each inline
 * script of the build is allowed by its hash and nothing else runs.
 */
export function createDocsHandler({ distDir }: DocsHandlerOptions): FetchHandler {
  const cache = new Map<string, Loaded>();

  async function load(served: Served): Promise<Loaded> {
    const path = join(distDir, served.file);
    const info = await stat(path);
    const cached = cache.get(path);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached;
    const body = await readFile(path);
    const loaded: Loaded = { mtimeMs: info.mtimeMs, size: info.size, body };
    if (served.page) loaded.csp = docsPageCsp(body.toString('utf8'));
    cache.set(path, loaded);
    return loaded;
  }

  return async (request) => {
    const path = new URL(request.url).pathname;
    const served = FILES[path];
    if (!served) return text(404, `Not found: ${path.slice(0, 200)}. The docs are at /.`);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return text(405, 'The docs are read-only: use GET.', { Allow: 'GET, HEAD' });
    }
    let loaded: Loaded;
    try {
      loaded = await load(served);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      // Not built yet (npm start renders the page while the mock already answers): try again soon.
      return text(503, `${served.file} is not built yet: \`npm start\` builds it in the background; otherwise run \`npm run build\`.`, { 'Retry-After': '5' });
    }
    const headers: Record<string, string> = {
      'Content-Type': served.type,
      'Content-Length': String(loaded.body.byteLength),
      'Cache-Control': 'no-cache',
    };
    if (loaded.csp) headers['Content-Security-Policy'] = loaded.csp;
    // Held in memory: the adapter writes it in one piece rather than streaming it.
    return bufferedResponse(request.method === 'HEAD' ? null : loaded.body, { status: 200, headers });
  };
}
