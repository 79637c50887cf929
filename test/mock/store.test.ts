// The store keeps each user's JSON and each recent filter's users ready: what it serves must be
// what serializing afresh gives, before and after status changes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createUserStore, searchUsers } from '../../src/mock/index.js';
import { validSearchQuery } from '../contract/support/queries.js';

describe('user store', () => {
  it('serves, for any query and after any status change, the bytes of JSON.stringify of a fresh search', () => {
    const store = createUserStore({ userCount: 200, seed: 4 });
    const accounts = store.users.map((u) => u.userAccount ?? '');
    fc.assert(
      fc.property(fc.array(fc.tuple(validSearchQuery, fc.constantFrom(0 as const, 1 as const), fc.nat(199))), (steps) => {
        for (const [query, status, at] of steps) {
          expect(store.searchJson(query).toString('utf8')).toBe(JSON.stringify(searchUsers(store.users, query)));
          store.setStatus(status, [accounts[at] ?? '']);
          expect(store.searchJson(query).toString('utf8')).toBe(JSON.stringify(searchUsers(store.users, query)));
        }
      }),
      { numRuns: 60 },
    );
  });
});
