// Property-based tests of the client against the mock: it refuses random invalid input locally
// (nothing is sent), the same input sent raw gets a 4xx from the mock (never a 5xx), and random
// valid pages are decoded exactly as the mock sent them.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeetingClient, MeetingValidationError, type MeetingFetch } from '../../src/index.js';
import { startMockServer, type MockServer } from '../../src/mock/index.js';
import { putStatus, search } from './support/http.js';
import { toQueryString, validSearchQuery } from './support/queries.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ userCount: 300 });
});
afterAll(async () => {
  await mock.close();
});

// Strings that would read as valid on the wire ("5", "true") are left out: sent raw they are valid.
const notIntString = fc.string().filter((v) => !/^-?\d+$/.test(v));
const notInt = fc.oneof(fc.double({ noInteger: true }), notIntString, fc.boolean(), fc.constant(null));
const invalidSearch = fc.oneof(
  fc.record({ offset: fc.oneof(notInt, fc.integer({ max: -1 })) }),
  fc.record({ limit: fc.oneof(notInt, fc.integer({ max: 0 }), fc.integer({ min: 2 ** 31, max: 2 ** 40 })) }),
  fc.record({ userType: fc.array(fc.integer().filter((n) => ![2, 12, 13, 14].includes(n)), { minLength: 1, maxLength: 3 }) }),
  fc.record({ status: fc.integer().filter((n) => n !== 0 && n !== 1) }),
  fc.record({ adminType: fc.integer().filter((n) => n !== 1 && n !== 2) }),
  fc.record({ sortField: fc.string().filter((s) => !['userType', 'adminType', 'ldapAccount', 'deptCode', 'status', 'sortLevel'].includes(s)) }),
  fc.record({ isAsc: fc.oneof(fc.string().filter((v) => v !== 'true' && v !== 'false'), fc.integer()) }),
);
const invalidBatch = fc.oneof(
  fc.record({ status: fc.integer().filter((n) => n !== 0 && n !== 1), accounts: fc.constant(['a']) }),
  fc.record({ status: fc.constant(0), accounts: fc.constant([]) }),
  fc.record({ status: fc.constant(1), accounts: fc.array(fc.oneof(fc.integer(), fc.constant(''), fc.constant(null)), { minLength: 1, maxLength: 3 }) }),
  fc.record({ status: fc.constant(1), accounts: fc.constant(['a']), accountType: fc.integer().filter((n) => n !== 0 && n !== 1) }),
);

describe('client properties', () => {
  it('refuses random invalid input locally, naming the field, and sends nothing', async () => {
    let sent = 0;
    const counting: MeetingFetch = async (url, init) => {
      sent++;
      return fetch(url, init);
    };
    const client = createMeetingClient({ accessToken: 'property-token', baseUrl: mock.url, language: 'en-US', fetch: counting });
    await fc.assert(
      fc.asyncProperty(invalidSearch, async (query) => {
        const error = await client.searchUsers(query as never).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(MeetingValidationError);
        const field = Object.keys(query)[0]!;
        expect((error as MeetingValidationError).problems.some((p) => p.field.includes(field))).toBe(true);
        const raw = await search(mock.url, toQueryString(query));
        expect(raw.status).toBe(400);
        expect((raw.json as { error_msg: string }).error_msg).toContain(field);
      }),
      { numRuns: 100 },
    );
    await fc.assert(
      fc.asyncProperty(invalidBatch, async (input) => {
        await expect(client.batchUpdateUserStatus(input as never)).rejects.toBeInstanceOf(MeetingValidationError);
        const { status, accounts, accountType } = input as { status: number; accounts: unknown[]; accountType?: number };
        const raw = await putStatus(mock.url, status, accounts, accountType === undefined ? '' : `accountType=${accountType}`);
        expect(raw.status).toBe(400);
      }),
      { numRuns: 100 },
    );
    expect(sent).toBe(0);
  });

  it('decodes random valid pages exactly as the mock sent them', async () => {
    const client = createMeetingClient({ accessToken: 'property-token', baseUrl: mock.url, language: 'en-US' });
    await fc.assert(
      fc.asyncProperty(validSearchQuery, async (query) => {
        const page = await client.searchUsers(query);
        const raw = await search(mock.url, toQueryString(query));
        expect(page).toEqual(raw.json);
      }),
      { numRuns: 100 },
    );
  });
});
