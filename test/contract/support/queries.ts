// fast-check generators of SearchUsers queries, valid by the spec and by the mock's own bounds.
import fc from 'fast-check';
import type { SearchQuery } from '../../../src/mock/index.js';

const int32Max = 2 ** 31 - 1;

export const validSearchQuery: fc.Arbitrary<SearchQuery> = fc.record(
  {
    offset: fc.oneof(fc.nat(1200), fc.integer({ min: 0, max: int32Max })),
    limit: fc.integer({ min: 1, max: 200 }),
    searchKey: fc.oneof(fc.constantFrom('user', 'EXAMPLE', '+86', 'ext-0', 'Wang', 'tv0'), fc.string({ maxLength: 6 })),
    sortField: fc.constantFrom('userType', 'adminType', 'ldapAccount', 'deptCode', 'status', 'sortLevel'),
    isAsc: fc.boolean(),
    deptCode: fc.constantFrom('1', '2', '3', '4', '5', '6', '7', '99'),
    enableSubDept: fc.boolean(),
    adminType: fc.constantFrom(1, 2),
    userType: fc.uniqueArray(fc.constantFrom(2, 12, 13, 14), { minLength: 1, maxLength: 4 }),
    status: fc.constantFrom(0, 1),
    containsUnActive: fc.boolean(),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<SearchQuery>;

/** Serializes a query the way the spec says (form, explode: repeated `userType` keys). */
export function toQueryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  return params.toString();
}
