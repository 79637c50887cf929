// `serve`: the rendered docs (with the try-it console) and the mock API on one port.
export {
  startServer,
  createDocsAndMockHandler,
  DEFAULT_DIST_DIR,
  DEFAULT_HOST,
  DEFAULT_PORT,
  type RunningServer,
  type StartServerOptions,
} from './start.js';
export { createServeHandler, type ServeHandlerOptions } from './handler.js';
export { createDocsHandler, type DocsHandlerOptions, type FetchHandler } from './docs.js';
export { createHostCheck, allowedHostsFromEnv, hostName, ALLOWED_HOSTS_ENV, LOOPBACK_HOSTS } from './hosts.js';
export { docsPageCsp, inlineScripts, LOCKED_DOWN_CSP, SECURITY_HEADERS } from './security.js';
