// The spec's `required` lists of a SearchUsers page and of a user are exactly what the client
// refuses a page without: drop each field of the seed example in turn and compare the client's
// verdict with the spec's.
import { describe, expect, it } from 'vitest';
import { createMeetingClient, MeetingMalformedResponseError } from '../../src/index.js';
import { loadBundledSpec } from '../support/spec.js';

type Json = Record<string, unknown>;
type ObjectSchema = { required?: string[]; properties: Json };

const doc = loadBundledSpec() as unknown as { components: { schemas: Record<string, ObjectSchema>; examples: Record<string, { value: Json }> } };
const pageSchema = doc.components.schemas.SearchUsersPage!;
const userSchema = doc.components.schemas.SearchUserResultDTO!;
const seedPage = doc.components.examples.SeedPage!.value;

/** What the client does with a 200 whose body is `body`: 'accepted' or 'malformed'. */
async function verdict(body: unknown): Promise<'accepted' | 'malformed'> {
  const client = createMeetingClient({
    accessToken: 'page-contract-token',
    baseUrl: 'http://127.0.0.1:9',
    retry: { maxRetries: 0 },
    fetch: async () => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }),
  });
  try {
    await client.searchUsers({});
    return 'accepted';
  } catch (error) {
    if (error instanceof MeetingMalformedResponseError) return 'malformed';
    throw error;
  }
}

function without(value: Json, name: string): Json {
  const copy = { ...value };
  delete copy[name];
  return copy;
}

describe('spec and client agree on what a SearchUsers page must carry', () => {
  it('requires count and data, and nothing else', () => {
    expect(pageSchema.required).toEqual(['count', 'data']);
  });

  it('the seed example is accepted whole', async () => {
    expect(await verdict(seedPage)).toBe('accepted');
  });

  it.each(Object.keys(pageSchema.properties))('a page without %s is refused exactly when the spec requires it', async (name) => {
    expect(seedPage).toHaveProperty(name);
    const expected = pageSchema.required?.includes(name) ? 'malformed' : 'accepted';
    expect(await verdict(without(seedPage, name))).toBe(expected);
  });

  it.each(Object.keys(userSchema.properties))('a user without %s is refused exactly when the spec requires it', async (name) => {
    const [user] = seedPage.data as Json[];
    expect(user).toHaveProperty(name);
    const expected = userSchema.required?.includes(name) ? 'malformed' : 'accepted';
    expect(await verdict({ ...seedPage, data: [without(user!, name)] })).toBe(expected);
  });
});
