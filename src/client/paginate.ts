// searchAllUsers: every user of a query, page by page, in order, with bounded memory.
import type { CallOptions, Core } from './core.js';
import { MeetingIncompleteListingError } from './errors.js';
import { requestPage } from './search.js';
import type { MeetingUser, SearchUsersPage, SearchUsersQuery } from './types.js';
import { checkCallOptions, checkSearchQuery, Problems } from './validate.js';

export const DEFAULT_PAGE_SIZE = 100;
export const DEFAULT_PAGE_CONCURRENCY = 1;

/** `requestId` is the prefix of each page's id: page n is sent with `requestId-n`, so one listing can be traced. */
export interface SearchAllOptions extends CallOptions {
  /** Records asked for per request. Default 100. */
  pageSize?: number;
  /** Pages in flight at once after the first. Default 1. */
  concurrency?: number;
}

/** The query without the paging keys, which searchAllUsers sets itself. */
export type SearchAllQuery = Omit<SearchUsersQuery, 'offset' | 'limit'>;

/** A range of records asked for, and its response once it arrives. */
interface Slot {
  offset: number;
  limit: number;
  page: Promise<SearchUsersPage>;
}

/**
 * See `MeetingClient.searchAllUsers` for the guarantees. Offsets are computed from the records
 * received, never read from the response's `offset` (its meaning is disputed).
 */
export async function* searchAllUsers(core: Core, query?: SearchAllQuery, options?: SearchAllOptions): AsyncGenerator<MeetingUser, void, undefined> {
  const pageSize = options?.pageSize ?? DEFAULT_PAGE_SIZE;
  const p = new Problems();
  const reason = 'is set by searchAllUsers; use the pageSize option';
  checkSearchQuery(p, query, { offset: reason, limit: reason });
  p.integer('pageSize', pageSize, 1);
  checkCallOptions(p, options);
  p.throwIfAny();
  const concurrency = options?.concurrency ?? DEFAULT_PAGE_CONCURRENCY;
  // Aborts the pages still in flight when the consumer stops early or a page fails.
  const stop = new AbortController();
  const signal = options?.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  let pages = 0;
  const fetchSlot = (offset: number, limit: number): Slot => {
    const requestId = options?.requestId && `${options.requestId}-${++pages}`;
    const page = requestPage(core, { ...query, offset, limit }, { signal, timeoutMs: options?.timeoutMs, requestId });
    // Slots behind a failed one are never awaited; this keeps their rejection from going unhandled.
    page.catch(() => undefined);
    return { offset, limit, page };
  };

  try {
    const queue: Slot[] = [fetchSlot(0, pageSize)];
    // The first page fixes the target: the count may later shrink (handled) but never grows it.
    let target = Infinity;
    let step = pageSize;
    let planned = 0;
    let first = true;
    for (let slot = queue.shift(); slot; slot = queue.shift()) {
      const page = await slot.page;
      target = Math.min(target, page.count);
      // At or past the end, the server repeats the last page: nothing new can come from here on.
      if (slot.offset >= target) return;
      const received = Math.min(page.data.length, slot.limit, target - slot.offset);
      // Empty before the count this very page reports: the listing would end short without a word.
      if (received === 0) throw new MeetingIncompleteListingError(slot.offset, target);
      const end = slot.offset + received;
      if (first) {
        first = false;
        // A server that caps `limit` returns fewer than asked; plan the parallel pages at its size.
        if (end < target) step = received;
        planned = end;
      } else if (received < slot.limit && end < target) {
        // Fewer than asked: fetch the rest of this range before moving on.
        queue.unshift(fetchSlot(end, slot.limit - received));
      }
      while (queue.length < concurrency && planned < target) {
        const limit = Math.min(step, target - planned);
        queue.push(fetchSlot(planned, limit));
        planned += limit;
      }
      for (let i = 0; i < received; i++) yield page.data[i] as MeetingUser;
    }
  } finally {
    stop.abort();
  }
}
