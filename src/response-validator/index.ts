// Opt-in response validation for the client (its own entry point, so the core client carries
// neither Ajv nor the spec): an openapi-fetch Middleware that checks every response against the
// bundled spec and reports drift through a callback. It never changes or breaks the call: the
// response passes through untouched, and a failure inside the validator or the callback is
// reported or swallowed, never thrown.
//
//   import { createResponseValidator } from 'huawei-meeting-users/response-validator';
//   client.raw.use(createResponseValidator({ onDrift: (d) => log.warn(d) }));
//
// Needs the optional peer dependencies ajv and ajv-formats.
import type { Middleware } from 'openapi-fetch';
import { createSpecValidator, loadBundledSpec, type Issue, type OpenApiDocument } from '../validation/index.js';

export type { Issue } from '../validation/index.js';

/** One response that does not keep to the spec. Holds no header values and no body: no secret. */
export type DriftReport = {
  operationId: string | undefined;
  method: string;
  /** URL path, without the query string. */
  path: string;
  status: number;
  /** The response's `X-Request-Id`, else the request's. */
  requestId: string | undefined;
  issues: Issue[];
};

export type ResponseValidatorOptions = {
  onDrift: (report: DriftReport) => void;
  /** The document to check against; default: the package's bundled dist/openapi.json. */
  spec?: OpenApiDocument;
};

export function createResponseValidator({ onDrift, spec }: ResponseValidatorOptions): Middleware {
  const validator = createSpecValidator(spec ?? loadBundledSpec());

  function report(drift: DriftReport): void {
    try {
      onDrift(drift);
    } catch {
      // A failing drift callback must not fail the call it observes.
    }
  }

  return {
    async onResponse({ request, response, schemaPath }) {
      const method = request.method.toUpperCase();
      const path = new URL(request.url).pathname;
      const operationId = validator.findOperation(method, path)?.operation?.operationId;
      const requestId = response.headers.get('x-request-id') ?? request.headers.get('x-request-id') ?? undefined;
      let issues: Issue[];
      try {
        const body = await response.clone().text();
        issues = validator.validateResponse({ method, url: path, template: schemaPath, status: response.status, headers: response.headers, body });
      } catch (error) {
        issues = [{ in: 'body', name: 'body', message: `could not be read (${error instanceof Error ? error.name : 'error'})` }];
      }
      if (issues.length > 0) report({ operationId, method, path, status: response.status, requestId, issues });
      return undefined;
    },
  };
}
