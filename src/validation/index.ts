// One validator of values, requests and responses against the bundled spec, shared by the mock,
// the opt-in response validator and the tests.
export { bundledSpecPath, loadBundledSpec, deref, type OpenApiDocument } from './spec-document.js';
export { createSchemaValidator, type ValidateValue } from './schema-validator.js';
export {
  createSpecValidator,
  type Issue,
  type HeadersInput,
  type RequestInput,
  type ResponseInput,
  type SpecValidator,
  type ValidatedRequest,
} from './operations.js';
