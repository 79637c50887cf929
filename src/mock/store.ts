// The mock's state: the users, and the status changes BatchUpdateUserStatus makes to them.
import { searchUsers, type SearchOptions, type SearchPage, type SearchQuery } from './search.js';
import { seedUsers, type SeedOptions, type User } from './seed.js';

export type AccountType = 0 | 1;

export class UnknownAccountsError extends Error {
  constructor(readonly accounts: string[]) {
    super(`The user does not exist: ${accounts.slice(0, 5).join(', ')}${accounts.length > 5 ? `, and ${accounts.length - 5} more` : ''}.`);
    this.name = 'UnknownAccountsError';
  }
}

export type UserStore = ReturnType<typeof createUserStore>;

export function createUserStore(options: SeedOptions & SearchOptions = {}) {
  let users = seedUsers(options);
  const field = (accountType: AccountType) => (accountType === 1 ? 'thirdAccount' : 'userAccount');

  return {
    get users(): readonly User[] {
      return users;
    },
    search(query: SearchQuery): SearchPage {
      return searchUsers(users, query, options);
    },
    /**
     * Sets the status of every named account, or of none: when any account is unknown the call
     * fails with UnknownAccountsError (the mock's answer is 400 USG.201040000, "user does not
     * exist", the code Huawei's public code uses) and nothing changes, so a caller never has to
     * guess which accounts of a failed request were updated.
     */
    setStatus(status: 0 | 1, accounts: readonly string[], accountType: AccountType = 0): void {
      const key = field(accountType);
      const byAccount = new Map(users.map((u) => [u[key], u]));
      const unknown = accounts.filter((a) => !byAccount.has(a));
      if (unknown.length > 0) throw new UnknownAccountsError([...new Set(unknown)]);
      for (const account of accounts) {
        const user = byAccount.get(account);
        if (user) user.status = status;
      }
    },
    /** Back to the seeded state (tests that share one server start from a known state). */
    reset(): void {
      users = seedUsers(options);
    },
  };
}
