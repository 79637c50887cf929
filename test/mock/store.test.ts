// The store keeps recent pages' JSON and each recent filter's users ready: what it serves must be
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
          // Twice: the second answer comes from the store's page cache, which the change must empty.
          expect(String(store.searchJson(query))).toBe(JSON.stringify(searchUsers(store.users, query)));
          expect(String(store.searchJson(query))).toBe(JSON.stringify(searchUsers(store.users, query)));
          store.setStatus(status, [accounts[at] ?? '']);
          expect(String(store.searchJson(query))).toBe(JSON.stringify(searchUsers(store.users, query)));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('serves the initial pages again after reset, whatever it served before', () => {
    const store = createUserStore({ userCount: 20, seed: 2 });
    const query = { offset: 0, limit: 5 };
    const before = String(store.searchJson(query));
    expect(String(store.searchJson(query))).toBe(before);
    store.setStatus(1, store.users.slice(0, 5).map((u) => u.userAccount ?? ''));
    expect(String(store.searchJson(query))).not.toBe(before);
    expect(String(store.searchJson(query))).not.toBe(before);
    store.reset();
    expect(String(store.searchJson(query))).toBe(before);
  });
});
