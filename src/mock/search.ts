// SearchUsers semantics over the mock's users: filters, fuzzy search, sorting and paging.
import type { components, operations } from '../../generated/schema.js';
import { departmentAndDescendants, type User } from './seed.js';

export type SearchQuery = NonNullable<operations['SearchUsers']['parameters']['query']>;
export type SearchPage = components['schemas']['SearchUsersPage'];

export const DEFAULT_LIMIT = 10;
const DEFAULT_USER_TYPES: readonly number[] = [2];

export type SearchOptions = {
  /** Largest page the mock returns; a larger `limit` gets fewer records (the spec allows it). */
  maxLimit?: number;
};

const SEARCHED: readonly (keyof User)[] = ['name', 'phone', 'email', 'userAccount', 'thirdAccount'];

function isInactiveTerminal(user: User): boolean {
  return user.userType !== 2 && user.activeTime === undefined;
}

function matches(user: User, query: SearchQuery, departmentCodes: Set<string> | undefined): boolean {
  if (!(query.userType ?? DEFAULT_USER_TYPES).includes(user.userType ?? 2)) return false;
  if (query.adminType !== undefined && user.adminType !== query.adminType) return false;
  if (query.status !== undefined && user.status !== query.status) return false;
  if (!query.containsUnActive && isInactiveTerminal(user)) return false;
  if (departmentCodes && !departmentCodes.has(user.deptCode ?? '')) return false;
  if (query.searchKey) {
    const key = query.searchKey.toLowerCase();
    return SEARCHED.some((field) => {
      const value = user[field];
      return typeof value === 'string' && value.toLowerCase().includes(key);
    });
  }
  return true;
}

// The mock has no LDAP directory: `ldapAccount` sorts by the meeting account instead.
function sortKey(user: User, field: NonNullable<SearchQuery['sortField']>): string | number {
  const value = field === 'ldapAccount' ? user.userAccount : user[field];
  return value ?? '';
}

/**
 * One page of users. Without `sortField` the order is the seed order (no public source documents
 * the server's). `isAsc` defaults to true. Ties keep the seed order (the sort is stable).
 *
 * Paging: an `offset` at or past `count` returns the last page, the page that starts at the
 * largest multiple of `limit` below `count` (the seed: "records on the last page are returned").
 * The response `offset` is the record index of the first record returned, i.e. the request
 * `offset` unless it was past the end. The seed documents it as a page number instead; this mock
 * keeps one meaning for both offsets, so a client that advances by records received is right
 * against it, and a client that trusts the response `offset` as a page number is caught.
 */
export function searchUsers(users: readonly User[], query: SearchQuery, options: SearchOptions = {}): SearchPage {
  return pageOf(matchingUsers(users, query), query, options);
}

/** The users a query's filters select, in the order it asks for (paging aside). */
export function matchingUsers(users: readonly User[], query: SearchQuery): User[] {
  const enableSubDept = query.enableSubDept ?? true;
  const departmentCodes =
    query.deptCode === undefined ? undefined : enableSubDept ? departmentAndDescendants(query.deptCode) : new Set([query.deptCode]);
  const found = users.filter((u) => matches(u, query, departmentCodes));
  if (query.sortField) {
    const field = query.sortField;
    const direction = query.isAsc === false ? -1 : 1;
    found.sort((a, b) => {
      const x = sortKey(a, field);
      const y = sortKey(b, field);
      return (x < y ? -1 : x > y ? 1 : 0) * direction;
    });
  }
  return found;
}

/** What selects and orders users: a query without its paging. Equal keys, equal `matchingUsers`. */
export function filterKey(query: SearchQuery): string {
  const filters: Record<string, unknown> = { ...query };
  delete filters.offset;
  delete filters.limit;
  return JSON.stringify(filters, Object.keys(filters).sort());
}

/** One page of the users `matchingUsers` found. */
export function pageOf(found: readonly User[], query: SearchQuery, options: SearchOptions = {}): SearchPage {
  const limit = query.limit ?? DEFAULT_LIMIT;
  const size = Math.min(limit, options.maxLimit ?? limit);
  const requested = query.offset ?? 0;
  const start = found.length > 0 && requested >= found.length ? Math.floor((found.length - 1) / limit) * limit : requested;
  return { count: found.length, data: found.slice(start, start + size), limit, offset: start };
}
