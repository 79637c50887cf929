// SearchUsers: one page, checked on the way out and on the way back.
import { callHeaders, checkCall, type CallOptions, type Core } from './core.js';
import type { RequestContext } from './errors.js';
import { apiError, malformed, parseJson } from './response.js';
import type { SearchUsersPage, SearchUsersQuery } from './types.js';
import { checkSearchQuery, Problems } from './validate.js';

export const SEARCH_USERS_PATH = '/v1/usg/dcs/corp/member';

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** Why a parsed body is not a page, or undefined when it is one. */
function pageProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body is not a JSON object';
  const page = body as Record<string, unknown>;
  if (!isCount(page.count)) return '`count` is missing or not a non-negative integer';
  if (!Array.isArray(page.data)) return '`data` is missing or not an array';
  for (const name of ['limit', 'offset'] as const) {
    if (page[name] !== undefined && typeof page[name] !== 'number') return `\`${name}\` is not a number`;
  }
  if (page.data.some((user) => typeof user !== 'object' || user === null || Array.isArray(user))) return '`data` holds a value that is not an object';
  return undefined;
}

export function toPage(core: Core, context: RequestContext, response: Response, text: string | undefined): SearchUsersPage {
  const body = parseJson(context, response, text, core.secrets);
  const problem = pageProblem(body);
  if (problem) throw malformed(context, response, problem, text ?? '', core.secrets);
  return body as SearchUsersPage;
}

/** Sends one SearchUsers request for an already-checked query. */
export function requestPage(core: Core, query: SearchUsersQuery | undefined, options: CallOptions | undefined): Promise<SearchUsersPage> {
  return core.exchange(options ?? {}, async (exchange) => {
    const { data, error, response } = await core.raw.GET(SEARCH_USERS_PATH, {
      params: { query, header: callHeaders(options) },
      parseAs: 'text',
      fetch: exchange.fetch,
    });
    if (!response.ok) throw apiError(exchange.context, response, error, core.secrets);
    return toPage(core, exchange.context, response, data);
  });
}

/** One page of users. Refuses a bad query before sending; see `MeetingClient.searchUsers`. */
export async function searchUsers(core: Core, query?: SearchUsersQuery, options?: CallOptions): Promise<SearchUsersPage> {
  const p = new Problems();
  checkSearchQuery(p, query);
  checkCall(p, options);
  return requestPage(core, query, options);
}
