// Package root: the client factory, the error classes and the public types.
export { createMeetingClient, type MeetingClient } from './client/client.js';
export {
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  type AccessTokenSource,
  type Clock,
  type MeetingClientOptions,
  type MeetingFetch,
  type RequestLogEntry,
  type ResponseLogEntry,
  type RetryOptions,
} from './client/config.js';
export type { CallOptions, RawClient } from './client/core.js';
export { DEFAULT_PAGE_CONCURRENCY, DEFAULT_PAGE_SIZE, type SearchAllOptions, type SearchAllQuery } from './client/paginate.js';
export {
  DEFAULT_BATCH_CONCURRENCY,
  DEFAULT_CHUNK_SIZE,
  type BatchUpdateInput,
  type BatchUpdateOptions,
  type BatchUpdateResult,
} from './client/batch.js';
export {
  MeetingAbortError,
  MeetingApiError,
  MeetingBatchError,
  MeetingError,
  MeetingIncompleteListingError,
  MeetingMalformedResponseError,
  MeetingNetworkError,
  MeetingRequestError,
  MeetingTimeoutError,
  MeetingValidationError,
  type FailedChunk,
  type RequestContext,
  type ValidationProblem,
} from './client/errors.js';
export type {
  AccountType,
  MeetingErrorBody,
  MeetingLanguage,
  MeetingUser,
  SearchUsersPage,
  SearchUsersQuery,
  SortField,
  UserStatus,
  UserType,
} from './client/types.js';
export type { paths, components, operations } from '../generated/schema.js';
