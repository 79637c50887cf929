// MSW handlers backed by the mock: the same store, the same validation, the same answers as
// `startMockServer` and `createMockApi`, for a test suite that already mocks with MSW.
//
//   import { setupServer } from 'msw/node';
//   import { createMswHandlers, http } from 'huawei-meeting-users/msw';
//   const mock = createMswHandlers({ userCount: 50 });
//   const server = setupServer(...mock.handlers);
//   // one test's override, typed by the spec's paths:
//   server.use(http.get('/v1/usg/dcs/corp/member', ({ response }) => response(500).json({ error_code: 'USG.000000000', error_msg: 'down' })));
//
// Needs the optional peer dependencies msw (2.x) and openapi-msw, besides ajv and ajv-formats.
import { http as untypedHttp, type HttpHandler } from 'msw';
import { createOpenApiHttp, type OpenApiHttpHandlers } from 'openapi-msw';
import type { paths } from '../../generated/schema.js';
import { DEFAULT_BASE_URL } from '../client/config.js';
import { createMockApi, type MockApi, type MockOptions, type RecordedRequest } from '../mock/index.js';

export type MswHandlersOptions = MockOptions & {
  /** Where the handlers answer; default the production server, as the client's default. */
  baseUrl?: string;
};

export type MswMock = {
  /** Hand these to `setupServer(...)` or `setupWorker(...)`. */
  handlers: HttpHandler[];
  store: MockApi['store'];
  /** Every exchange the handlers answered, token redacted. */
  readonly requests: readonly RecordedRequest[];
  /** Restores the initial directory and forgets the recorded requests. */
  reset(): void;
};

function checkBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`baseUrl must be an absolute URL such as ${DEFAULT_BASE_URL}, got ${JSON.stringify(baseUrl)}`);
  }
  if (url.search || url.hash) throw new TypeError('baseUrl must not contain a query or a fragment');
  return url.href.replace(/\/$/, '');
}

export function createMswHandlers(options: MswHandlersOptions = {}): MswMock {
  const { baseUrl = DEFAULT_BASE_URL, ...mockOptions } = options;
  const base = checkBaseUrl(baseUrl);
  const api = createMockApi(mockOptions);
  // Every method goes to the mock, which answers 405 with `Allow` as it does over HTTP.
  const handlers = [`${base}/v1/usg/dcs/corp/member`, `${base}/v1/usg/dcs/corp/member/status/:value`].map((path) =>
    untypedHttp.all(path, ({ request }) => api.handler(request)),
  );
  return {
    handlers,
    store: api.store,
    get requests() {
      return api.requests;
    },
    reset: () => api.reset(),
  };
}

/** MSW's `http`, typed by this package's paths (openapi-msw), for handlers at another base URL. */
export function createHttp(baseUrl: string = DEFAULT_BASE_URL): OpenApiHttpHandlers<paths> {
  return createOpenApiHttp<paths>({ baseUrl: checkBaseUrl(baseUrl) });
}

/** MSW's `http` at the production base URL, typed by this package's paths: for one test's override. */
export const http: OpenApiHttpHandlers<paths> = createHttp();
