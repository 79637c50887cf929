// Driver of the generator matrix (test/regen/generators.test.ts): types from openapi-typescript,
// calls through openapi-fetch. Copied next to the generated code in a temporary directory and
// type-checked there under `strict`; this directory is excluded from the project's tsconfig.
import createClient from 'openapi-fetch';
import type { paths } from './openapi-typescript/schema.js';

export async function exercise(baseUrl: string, token: string, accounts: string[]) {
  const client = createClient<paths>({ baseUrl, headers: { 'X-Access-Token': token } });
  const search = await client.GET('/v1/usg/dcs/corp/member', {
    params: { query: { userType: [2, 12], limit: 20 }, header: { 'Accept-Language': 'en-US' } },
  });
  const users = search.data?.data ?? [];
  const activeTimes: (number | undefined)[] = users.map((user) => user.activeTime);
  const put = await client.PUT('/v1/usg/dcs/corp/member/status/{value}', {
    params: { path: { value: 1 }, query: { accountType: 0 }, header: { 'Accept-Language': 'en-US' } },
    body: accounts,
  });
  return { searchStatus: search.response.status, count: search.data?.count, userTypes: users.map((user) => user.userType), activeTimes, putStatus: put.response.status };
}
