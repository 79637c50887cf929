// SearchUsers: one page, checked on the way out and on the way back.
import type { paths } from '../../generated/schema.js';
import { checkCall, type CallOptions, type Core } from './core.js';
import { malformed, parseJson } from './response.js';
import { Exchange } from './transport.js';
import type { SearchUsersPage, SearchUsersQuery } from './types.js';
import { checkSearchQuery, isObject, Problems } from './validate.js';

export const SEARCH_USERS_PATH = '/v1/usg/dcs/corp/member' satisfies keyof paths;

/** Why a parsed body is not a page, or undefined when it is one. */
function pageProblem(body: unknown): string | undefined {
  if (!isObject(body)) return 'the body is not a JSON object';
  const page = body as Record<string, unknown>;
  if (!(Number.isInteger(page.count) && (page.count as number) >= 0)) return '`count` is missing or not a non-negative integer';
  if (!Array.isArray(page.data)) return '`data` is missing or not an array';
  for (const name of ['limit', 'offset'] as const) {
    if (page[name] !== undefined && typeof page[name] !== 'number') return `\`${name}\` is not a number`;
  }
  if (!page.data.every(isObject)) return '`data` holds a value that is not an object';
  return undefined;
}

/** Sends one SearchUsers request for an already-checked query. */
export async function requestPage(core: Core, query: SearchUsersQuery | undefined, options: CallOptions | undefined): Promise<SearchUsersPage> {
  const exchange = new Exchange(core, options ?? {});
  const { response, text } = await exchange.call('GET', SEARCH_USERS_PATH, query);
  const body = parseJson(exchange.context, response, text, core.secrets);
  const problem = pageProblem(body);
  if (problem) throw malformed(exchange.context, response, problem, text, core.secrets);
  return body as SearchUsersPage;
}

/** One page of users. Refuses a bad query before sending; see `MeetingClient.searchUsers`. */
export async function searchUsers(core: Core, query?: SearchUsersQuery, options?: CallOptions): Promise<SearchUsersPage> {
  const p = new Problems();
  checkSearchQuery(p, query);
  checkCall(p, options);
  // Awaited: resolving with the promise itself would cost the call two more turns of the microtask queue.
  return await requestPage(core, query, options);
}
