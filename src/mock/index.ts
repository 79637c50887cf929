// The embedded stateful mock of SearchUsers and BatchUpdateUserStatus.
export { createMockApi, type MockApi, type MockFetch, type RecordedRequest } from './api.js';
export {
  createMockFetchHandler,
  describeIssues,
  DEFAULT_MAX_BODY_BYTES,
  type FetchHandler,
  type MockExchange,
  type MockFetchHandler,
  type MockOptions,
  type TokenVerdict,
} from './handler.js';
export { toNodeListener, type NodeListenerOptions } from './node.js';
export { listen, type Listening, type ListenOptions } from './listen.js';
export {
  createMockHandler,
  startMockServer,
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  type MockHandler,
  type MockServer,
  type MockServerOptions,
} from './server.js';
export { bufferedResponse, bufferedBody } from './response.js';
export { negotiateLanguage, lookupLanguage, parseLanguageRanges, DEFAULT_LANGUAGE, type Language } from './language.js';
export { createUserStore, UnknownAccountsError, type UserStore, type AccountType, type StoreOptions } from './store.js';
export { searchUsers, DEFAULT_LIMIT, type SearchOptions, type SearchPage, type SearchQuery } from './search.js';
export { seedUsers, departments, departmentAndDescendants, type Department, type SeedOptions, type User } from './seed.js';
export { createFaultInjector, type Fault, type FaultOptions } from './faults.js';
export { ErrorCodes, errorBody, type ErrorBody } from './errors.js';
