// The tests read the contract through the same validator the mock and the response validator use.
export { bundledSpecPath, createSchemaValidator, loadBundledSpec, type OpenApiDocument } from '../../src/validation/index.js';
