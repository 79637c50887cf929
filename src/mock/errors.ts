// Huawei-shaped error bodies. Only two codes are seen in public code (RESEARCH.md):
// USG.000000004 (401) and USG.201040000 (400, user does not exist). For everything else the mock
// answers USG.000000000, the placeholder the spec's own 403/500 examples use, and puts the field
// at fault in `error_msg`: a client must not rely on any other code.
import type { components } from '../../generated/schema.js';

export type ErrorBody = components['schemas']['ErrorResponse'];

export const ErrorCodes = {
  tokenInvalid: 'USG.000000004',
  userNotFound: 'USG.201040000',
  placeholder: 'USG.000000000',
} as const;

export function errorBody(code: string, message: string, requestId: string): ErrorBody {
  return { error_code: code, error_msg: message, request_id: requestId };
}
