// createMeetingClient: the typed operations over the shared core.
import { batchUpdateUserStatus, type BatchUpdateInput, type BatchUpdateOptions, type BatchUpdateResult } from './batch.js';
import type { MeetingClientOptions } from './config.js';
import { createCore, type CallOptions, type RawClient } from './core.js';
import { searchAllUsers, type SearchAllOptions, type SearchAllQuery } from './paginate.js';
import { searchUsers } from './search.js';
import type { MeetingUser, SearchUsersPage, SearchUsersQuery } from './types.js';

export interface MeetingClient {
  /**
   * One page of SearchUsers. Resolves with `{ count, limit, offset, data }` where `count` and
   * `data` are checked to be present. Rejects with MeetingValidationError (before sending),
   * MeetingApiError, MeetingMalformedResponseError (also for a body over `maxResponseBytes`),
   * MeetingTimeoutError, MeetingNetworkError or MeetingAbortError.
   */
  searchUsers(query?: SearchUsersQuery, options?: CallOptions): Promise<SearchUsersPage>;

  /**
   * Every user matching `query`, one at a time, in the server's order.
   *
   * - Stops after `count` records, as reported by the first page: an offset past the end returns
   *   the last page again, so an empty page never marks the end.
   * - Advances by the records actually received, never by the response's `offset` (whose meaning is
   *   disputed): a server that returns fewer than `pageSize` loses nothing.
   * - With `concurrency > 1`, the first page is fetched alone (it gives `count` and the server's real
   *   page size), then up to `concurrency` pages are in flight; users are still yielded in order.
   * - Memory holds at most `concurrency + 1` pages, whatever the number of users.
   *
   * While the data does not change, every user is yielded exactly once. If it changes during the
   * iteration (offset paging cannot see that), it still ends: it never yields more than the first
   * `count` records, stops early when a later page reports a smaller `count`, and never yields a
   * page from past the new end. A user inserted or removed meanwhile may shift others across a
   * page boundary, so one may be missed or yielded twice; the client does not de-duplicate by `id`,
   * since that would need memory growing with the number of users.
   *
   * A page that comes back empty before the `count` it reports itself would end the listing short
   * without a word: it throws a MeetingIncompleteListingError (`received`, `count`) instead.
   *
   * With `requestId`, page n is sent with `requestId-n`, so one listing can be traced in server logs.
   *
   * On failure the error of the failed page is thrown after every user before it was yielded, and
   * the pages still in flight are aborted; breaking out of the loop aborts them too.
   */
  searchAllUsers(query?: SearchAllQuery, options?: SearchAllOptions): AsyncGenerator<MeetingUser, void, undefined>;

  /**
   * Sets `status` on every account: chunks of `chunkSize` (default 100) sent with at most
   * `concurrency` (default 4) requests in flight. Every chunk is attempted even when one fails.
   * The status decides: a chunk answered 2xx is updated, whatever its body does after the headers.
   * Resolves with `{ updated }` (all accounts, in order) or rejects with a MeetingBatchError whose
   * `updated`, `failed[].accounts` and `unconfirmed[].accounts` partition the accounts exactly:
   * `failed` chunks were refused (an HTTP error status) or never sent; `unconfirmed` chunks got no
   * status (a timeout, a network failure or an abort while out) and may or may not have been
   * applied. The operation is idempotent, so re-sending either is safe; or read the accounts back
   * with SearchUsers. With several chunks and a `requestId`, chunk n uses `requestId-n`.
   */
  batchUpdateUserStatus(input: BatchUpdateInput, options?: BatchUpdateOptions): Promise<BatchUpdateResult>;

  /**
   * The underlying openapi-fetch client, typed by `paths`, with the same token, language, request
   * id, timeout and retry handling. It keeps openapi-fetch's own result contract
   * (`{ data, error, response }`) for HTTP errors; timeouts, network failures and aborts throw the
   * typed errors. Its timeout covers the whole exchange: the transport reads each response body
   * (up to `maxResponseBytes`) before openapi-fetch parses it. A request to any other origin than
   * the client's (a per-call `baseUrl`, a middleware) is refused with a MeetingValidationError
   * before sending. Middleware added with `raw.use()` applies to `raw` calls only.
   */
  readonly raw: RawClient;
}

/** Creates a client; throws MeetingValidationError listing every bad option. */
export function createMeetingClient(options: MeetingClientOptions): MeetingClient {
  const core = createCore(options);
  return {
    searchUsers: (query, callOptions) => searchUsers(core, query, callOptions),
    searchAllUsers: (query, listOptions) => searchAllUsers(core, query, listOptions),
    batchUpdateUserStatus: (input, batchOptions) => batchUpdateUserStatus(core, input, batchOptions),
    raw: core.raw,
  };
}
