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

const COMMA = Buffer.from(',');

export function createUserStore(options: StoreOptions = {}) {
  const initial = () => (options.users ? structuredClone(options.users as User[]) : seedUsers(options));
  let users = initial();
  // Each user's JSON as UTF-8, kept until the user changes: a page is mostly serializing users.
  let serialized = new WeakMap<User, Buffer>();
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
  const matching = (query: SearchQuery) => {
    const key = filterKey(query);
    let selected = found.get(key);
    if (!selected) {
      selected = matchingUsers(users, query);
      if (found.size >= 64) found.clear();
      found.set(key, selected);
    }
    return selected;
  };
  const json = (user: User) => {
    let bytes = serialized.get(user);
    if (bytes === undefined) {
      bytes = Buffer.from(JSON.stringify(user));
      serialized.set(user, bytes);
    }
    return bytes;
  };

  return {
    get users(): readonly User[] {
      return users;
    },
    search(query: SearchQuery): SearchPage {
      return pageOf(matching(query), query, options);
    },
    /** The page `search` returns, as the UTF-8 of the JSON text `JSON.stringify` would give. */
    searchJson(query: SearchQuery): Buffer {
      const { count, data = [], limit, offset } = pageOf(matching(query), query, options);
      const parts: Buffer[] = [Buffer.from(`{"count":${count},"data":[`)];
      data.forEach((user, i) => {
        if (i > 0) parts.push(COMMA);
        parts.push(json(user));
      });
      parts.push(Buffer.from(`],"limit":${limit},"offset":${offset}}`));
      return Buffer.concat(parts);
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
      found.clear();
      for (const account of accounts) {
        const user = byAccount.get(account);
        if (user && user.status !== status) {
          user.status = status;
          serialized.delete(user);
        }
      }
    },
    /** Back to the initial directory (tests that share one mock start from a known state). */
    reset(): void {
      users = initial();
      serialized = new WeakMap();
      indexes.clear();
      found.clear();
    },
    /** The directory as it is now: `JSON.stringify(store)` saves it, the `users` option loads it back. */
    toJSON(): User[] {
      return structuredClone(users as User[]);
    },
  };
}
