// The embedded stateful mock of SearchUsers and BatchUpdateUserStatus.
export { createMockHandler, type MockExchange, type MockHandler, type MockOptions, type TokenVerdict } from './handler.js';
export { startMockServer, type MockServer, type MockServerOptions } from './server.js';
export { createUserStore, UnknownAccountsError, type UserStore, type AccountType } from './store.js';
export { searchUsers, DEFAULT_LIMIT, type SearchOptions, type SearchPage, type SearchQuery } from './search.js';
export { seedUsers, departments, departmentAndDescendants, type Department, type SeedOptions, type User } from './seed.js';
export { createFaultInjector, type Fault, type FaultOptions } from './faults.js';
export { ErrorCodes, errorBody, type ErrorBody } from './errors.js';
