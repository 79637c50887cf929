// One class per way a call can fail, each carrying what a caller needs to act on it or report it.
// Every string placed here has already been redacted by the client: no token ever reaches them.

/** Where a failed request went: shared by every error that concerns one HTTP exchange. */
export interface RequestContext {
  method: string;
  /** URL path without the query string. */
  path: string;
  /** The `X-Request-Id` the client sent (or the server's, when it reported one). */
  requestId: string | undefined;
}

/** Base class: `instanceof MeetingError` catches everything this client throws. */
export class MeetingError extends Error {
  /** Every field of `fields` becomes a property: subclasses only declare them. */
  constructor(message: string, options?: { cause?: unknown }, fields?: object) {
    super(message, options);
    Object.assign(this, fields);
  }

  /** Own fields plus name and message, so `JSON.stringify(error)` is useful (and token-free). */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, message: this.message };
  }
}

export interface ValidationProblem {
  /** Dotted path of the offending input, e.g. `query.limit` or `accounts[3]`. */
  field: string;
  message: string;
}

/** Bad input, refused before anything was sent. Lists every problem, not only the first. */
export class MeetingValidationError extends MeetingError {
  declare readonly problems: ValidationProblem[];
  constructor(problems: ValidationProblem[]) {
    super(`Invalid input: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, undefined, { problems });
  }
}

/** Base of every error about one HTTP exchange: where it went and which request id it had. */
export class MeetingRequestError extends MeetingError implements RequestContext {
  declare readonly method: string;
  declare readonly path: string;
  declare readonly requestId: string | undefined;
  /** The message is "METHOD /path <what> (request id …)"; `fields` are the context and the subclass's own. */
  constructor(what: string, fields: RequestContext, options?: { cause?: unknown }) {
    super(`${fields.method} ${fields.path} ${what}${fields.requestId ? ` (request id ${fields.requestId})` : ''}`, options, fields);
  }
}

/** The server answered with a status outside 2xx. */
export class MeetingApiError extends MeetingRequestError {
  declare readonly status: number;
  /** `error_code` from the body (`USG.…`/`MMC.…`), or undefined when the body had none. */
  declare readonly errorCode: string | undefined;
  /** `error_msg` from the body, or a short excerpt of whatever the body was. */
  declare readonly errorMessage: string | undefined;
  /** Response headers, credentials redacted. */
  declare readonly headers: Record<string, string>;
  /**
   * On a 429 or 5xx, the wait `Retry-After` asked for, in ms. The client retries no sooner; when it
   * is above `retry.maxDelayMs` it gives up at once with this error.
   */
  declare readonly retryAfterMs: number | undefined;
  constructor(init: RequestContext & { status: number; errorCode: string | undefined; errorMessage: string | undefined; headers: Record<string, string>; retryAfterMs: number | undefined }) {
    const what = [init.errorCode, init.errorMessage].filter(Boolean).join(' ') || 'no error details';
    super(`failed with HTTP ${init.status}: ${what}`, init);
  }
}

/** One attempt took longer than `timeoutMs` (after the last allowed retry). */
export class MeetingTimeoutError extends MeetingRequestError {
  declare readonly timeoutMs: number;
  constructor(init: RequestContext & { timeoutMs: number }) {
    super(`timed out after ${init.timeoutMs} ms`, init);
  }
}

/** The request never got an HTTP answer: DNS, refused or reset connection, TLS... (after retries). */
export class MeetingNetworkError extends MeetingRequestError {
  /** `cause` is a redacted copy of the underlying error, never the original object. */
  constructor({ cause, ...context }: RequestContext & { cause: Error | undefined }) {
    super(`failed before any response: ${cause?.message ?? 'network error'}`, context, { cause });
  }
}

/** The caller's `signal` aborted the call. Never retried. */
export class MeetingAbortError extends MeetingRequestError {
  constructor(init: RequestContext) {
    super('was aborted by the caller', init);
  }
}

/** A 2xx whose body is not what the operation returns (not JSON, or JSON of the wrong shape). */
export class MeetingMalformedResponseError extends MeetingRequestError {
  declare readonly status: number;
  declare readonly headers: Record<string, string>;
  /** What was wrong, e.g. "body is not JSON" or "`count` is missing". */
  declare readonly reason: string;
  /** The first 200 characters of the body, redacted. */
  declare readonly bodyExcerpt: string;
  constructor(init: RequestContext & { status: number; headers: Record<string, string>; reason: string; bodyExcerpt: string }) {
    super(`returned HTTP ${init.status} with an unexpected body: ${init.reason}`, init);
  }
}

/**
 * `searchAllUsers` got an empty page before the `count` the server reported: the listing stopped
 * short (every user before it was yielded). A directory that shrank reports the smaller `count` and
 * ends cleanly instead.
 */
export class MeetingIncompleteListingError extends MeetingError {
  /** Users read (and yielded) before the empty page. */
  declare readonly received: number;
  /** The `count` the server reported: how many there should have been. */
  declare readonly count: number;
  constructor(received: number, count: number) {
    super(`searchAllUsers got an empty page after ${received} of ${count} users`, undefined, { received, count });
  }
}

/** One chunk of a batch that failed, with the error it failed with. */
export interface FailedChunk {
  accounts: string[];
  error: MeetingError;
}

/**
 * Some chunks of `batchUpdateUserStatus` were not confirmed. `updated`, `failed[].accounts` and
 * `unconfirmed[].accounts` together are exactly the accounts given, each once per occurrence.
 */
export class MeetingBatchError extends MeetingError {
  /** Chunks the server answered with a 2xx. */
  declare readonly updated: string[];
  /** Chunks refused by the server (an HTTP error status) or never sent (an abort): not applied. */
  declare readonly failed: FailedChunk[];
  /**
   * Chunks whose last request got no status (a timeout or a network failure before the response
   * headers, or an abort while it was out): the server may or may not have applied them. Re-send
   * them (the operation is idempotent), or read their status back with SearchUsers.
   */
  declare readonly unconfirmed: FailedChunk[];
  constructor(updated: string[], failed: FailedChunk[], unconfirmed: FailedChunk[]) {
    const notUpdated = [...failed, ...unconfirmed].reduce((n, c) => n + c.accounts.length, 0);
    super(
      `${notUpdated} of ${notUpdated + updated.length} accounts not confirmed updated: ${failed.length} chunk(s) failed, ${unconfirmed.length} unconfirmed; first error: ${(failed[0] ?? unconfirmed[0])?.error.message}`,
      undefined,
      { updated, failed, unconfirmed },
    );
  }
}

// Names as strings, not `constructor.name`, so they survive a minifier renaming the classes.
// (MeetingRequestError is only ever a base class: its instances are one of these.)
const KINDS = ' Validation Api Timeout Network Abort MalformedResponse Batch IncompleteListing'.split(' ');
[
  MeetingError,
  MeetingValidationError,
  MeetingApiError,
  MeetingTimeoutError,
  MeetingNetworkError,
  MeetingAbortError,
  MeetingMalformedResponseError,
  MeetingBatchError,
  MeetingIncompleteListingError,
].forEach((error, i) => (error.prototype.name = `Meeting${KINDS[i]}Error`));
