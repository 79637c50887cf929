// The mock's state: the users, and the status changes BatchUpdateUserStatus makes to them.
import { filterKey, matchingUsers, pageOf, type SearchOptions, type SearchPage, type SearchQuery } from './search.js';
import { seedUsers, type SeedOptions, type User } from './seed.js';

export type AccountType = 0 | 1;

export type StoreOptions = SeedOptions &
  SearchOptions & {
    /** The directory to serve instead of generated users (copied: the caller's array is never changed). */
    users?: readonly User[];
  };

const shorten = (account: string) => (account.length > 64 ? `${account.slice(0, 64)}…` : account);

export class UnknownAccountsError extends Error {
  constructor(readonly accounts: string[]) {
    // At most five accounts, each cut short: the message stays small whatever the request held.
    super(`The user does not exist: ${accounts.slice(0, 5).map(shorten).join(', ')}${accounts.length > 5 ? `, and ${accounts.length - 5} more` : ''}.`);
    this.name = 'UnknownAccountsError';
  }
}

export type UserStore = ReturnType<typeof createUserStore>;

const MAX_CACHED_PAGES = 256;
const MAX_CACHED_PAGE_BYTES = 32 * 1024 * 1024;

export function createUserStore(options: StoreOptions = {}) {
  const initial = () => (options.users ? structuredClone(options.users as User[]) : seedUsers(options));
  let users = initial();
  const indexes = new Map<AccountType, Map<string | undefined, User>>();
  const field = (accountType: AccountType) => (accountType === 1 ? 'thirdAccount' : 'userAccount');
  const index = (accountType: AccountType) => {
    let byAccount = indexes.get(accountType);
    if (!byAccount) {
      const key = field(accountType);
      byAccount = new Map(users.map((u) => [u[key], u]));
      indexes.set(accountType, byAccount);
    }
    return byAccount;
  };
  // What each recent filter selected, until the directory changes: a listing asks the same filter
  // page after page. Bounded: a caller sending ever new filters only refills it.
  const found = new Map<string, User[]>();
  const matching = (query: SearchQuery, key = filterKey(query)) => {
    let selected = found.get(key);
    if (!selected) {
      selected = matchingUsers(users, query);
      if (found.size >= 64) found.clear();
      found.set(key, selected);
    }
    return selected;
  };
  // The JSON of recent pages asked for twice, until the directory changes: CI suites and pollers ask
  // the same pages again and again. Only from the second time: a listing asks each page once, and
  // keeping those costs it more in garbage collection than it saves (measured on 1,000,000 users).
  // Bounded in count and in bytes.
  const pages = new Map<string, Buffer>();
  const askedOnce = new Set<string>();
  let pageBytes = 0;
  const forgetPages = () => {
    pages.clear();
    askedOnce.clear();
    pageBytes = 0;
  };
  const forget = () => {
    found.clear();
    forgetPages();
  };

  return {
    get users(): readonly User[] {
      return users;
    },
    search(query: SearchQuery): SearchPage {
      return pageOf(matching(query), query, options);
    },
    /**
     * The page `search` returns, as the JSON text `JSON.stringify` gives: a string, or its UTF-8
     * bytes for a page kept (a socket takes those as they are; a string is encoded on every write).
     */
    searchJson(query: SearchQuery): string | Buffer {
      const key = filterKey(query);
      const pageKey = `${query.offset ?? 0},${query.limit ?? ''},${key}`;
      const cached = pages.get(pageKey);
      if (cached !== undefined) return cached;
      const page = JSON.stringify(pageOf(matching(query, key), query, options));
      if (!askedOnce.has(pageKey)) {
        if (askedOnce.size >= MAX_CACHED_PAGES * 4) askedOnce.clear();
        askedOnce.add(pageKey);
        return page;
      }
      const bytes = Buffer.from(page);
      if (pages.size >= MAX_CACHED_PAGES || pageBytes + bytes.byteLength > MAX_CACHED_PAGE_BYTES) forgetPages();
      pages.set(pageKey, bytes);
      pageBytes += bytes.byteLength;
      return bytes;
    },
    /**
     * Sets the status of every named account, or of none: when any account is unknown the call
     * fails with UnknownAccountsError (the mock's answer is 400 USG.201040000, "user does not
     * exist", the code Huawei's public code uses) and nothing changes, so a caller never has to
     * guess which accounts of a failed request were updated.
     */
    setStatus(status: 0 | 1, accounts: readonly string[], accountType: AccountType = 0): void {
      const byAccount = index(accountType);
      const unknown = accounts.filter((a) => !byAccount.has(a));
      if (unknown.length > 0) throw new UnknownAccountsError([...new Set(unknown)]);
      forget();
      for (const account of accounts) {
        const user = byAccount.get(account);
        if (user) user.status = status;
      }
    },
    /** Back to the initial directory (tests that share one mock start from a known state). */
    reset(): void {
      users = initial();
      indexes.clear();
      forget();
    },
    /** The directory as it is now: `JSON.stringify(store)` saves it, the `users` option loads it back. */
    toJSON(): User[] {
      return structuredClone(users as User[]);
    },
  };
}
