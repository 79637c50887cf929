// Driver of the generator matrix (test/regen/generators.test.ts): @hey-api/openapi-ts with its
// fetch client. Copied next to the generated code in a temporary directory and type-checked there
// under `strict`; this directory is excluded from the project's tsconfig.
import { createClient } from './hey-api/client/index.js';
import { batchUpdateUserStatus, searchUsers } from './hey-api/sdk.gen.js';

export async function exercise(baseUrl: string, token: string, accounts: string[]) {
  // The spec's apiKey scheme makes the SDK put `auth` into the X-Access-Token header.
  const client = createClient({ baseUrl, auth: () => token });
  const search = await searchUsers({ client, query: { userType: [2, 12], limit: 20 }, headers: { 'Accept-Language': 'en-US' } });
  const users = search.data?.data ?? [];
  const activeTimes: (number | undefined)[] = users.map((user) => user.activeTime);
  const put = await batchUpdateUserStatus({ client, path: { value: 1 }, query: { accountType: 0 }, body: accounts, headers: { 'Accept-Language': 'en-US' } });
  return { searchStatus: search.response.status, count: search.data?.count, userTypes: users.map((user) => user.userType), activeTimes, putStatus: put.response.status };
}
