// Driver of the generator matrix (test/regen/generators.test.ts): orval with its fetch client and
// the mutator of orval-fetch.ts. Copied next to the generated code in a temporary directory and
// type-checked there under `strict`; this directory is excluded from the project's tsconfig.
import { batchUpdateUserStatus, searchUsers } from './orval/meeting.js';
import { configure } from './orval-fetch.js';

export async function exercise(baseUrl: string, token: string, accounts: string[]) {
  configure({ baseUrl, token });
  // orval's fetch functions take header parameters through RequestInit, untyped.
  const language = { headers: { 'Accept-Language': 'en-US' } };
  const search = await searchUsers({ userType: [2, 12], limit: 20 }, language);
  const users = search.status === 200 ? search.data.data : [];
  const activeTimes: (number | undefined)[] = users.map((user) => user.activeTime);
  const put = await batchUpdateUserStatus(1, accounts, { accountType: 0 }, language);
  return { searchStatus: search.status, count: search.status === 200 ? search.data.count : undefined, userTypes: users.map((user) => user.userType), activeTimes, putStatus: put.status };
}
