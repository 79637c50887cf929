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
   * MeetingApiError, MeetingMalformedResponseError, MeetingTimeoutError, MeetingNetworkError or
   * MeetingAbortError.
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
   * `count` records, stops early when a later page reports a smaller `count` or comes back empty,
   * and never yields a page from past the new end. A user inserted or removed meanwhile may shift
   * others across a page boundary, so one may be missed or yielded twice; the client does not
   * de-duplicate by `id`, since that would need memory growing with the number of users.
   *
   * On failure the error of the failed page is thrown after every user before it was yielded, and
   * the pages still in flight are aborted; breaking out of the loop aborts them too.
   */
  searchAllUsers(query?: SearchAllQuery, options?: SearchAllOptions): AsyncGenerator<MeetingUser, void, undefined>;

  /**
   * Sets `status` on every account: chunks of `chunkSize` (default 100) sent with at most
   * `concurrency` (default 4) requests in flight. Every chunk is attempted even when one fails.
   * Resolves with `{ updated }` (all accounts, in order) or rejects with a MeetingBatchError whose
   * `updated` and `failed[].accounts` partition the accounts exactly. A failed chunk may have
   * been applied before the failure was seen (a timeout, say); the operation is idempotent, so
   * re-sending `failed` is safe. With several chunks and a `requestId`, chunk n uses `requestId-n`.
   */
  batchUpdateUserStatus(input: BatchUpdateInput, options?: BatchUpdateOptions): Promise<BatchUpdateResult>;

  /**
   * The underlying openapi-fetch client, typed by `paths`, with the same token, language, request
   * id, timeout and retry handling. It keeps openapi-fetch's own result contract
   * (`{ data, error, response }`) for HTTP errors; timeouts, network failures and aborts throw the
   * typed errors. Its timeout covers the whole exchange: the transport reads each response body
   * before openapi-fetch parses it. Middleware added with `raw.use()` applies to `raw` calls only.
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
