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
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }

  /** Own fields plus name and message, so `JSON.stringify(error)` is useful (and token-free). */
  toJSON(): Record<string, unknown> {
    return { ...Object.fromEntries(Object.entries(this)), name: this.name, message: this.message };
  }
}

export interface ValidationProblem {
  /** Dotted path of the offending input, e.g. `query.limit` or `accounts[3]`. */
  field: string;
  message: string;
}

/** Bad input, refused before anything was sent. Lists every problem, not only the first. */
export class MeetingValidationError extends MeetingError {
  readonly problems: ValidationProblem[];
  constructor(problems: ValidationProblem[]) {
    super(`Invalid input: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
    this.problems = problems;
  }
}

/** Base of every error about one HTTP exchange: where it went and which request id it had. */
export class MeetingRequestError extends MeetingError implements RequestContext {
  readonly method: string;
  readonly path: string;
  readonly requestId: string | undefined;
  constructor(message: string, context: RequestContext, options?: { cause?: unknown }) {
    super(message, options);
    this.method = context.method;
    this.path = context.path;
    this.requestId = context.requestId;
  }
}

/** Appended to messages so the id is quoted wherever the message is logged. */
function idNote(requestId: string | undefined): string {
  return requestId ? ` (request id ${requestId})` : '';
}

/** The server answered with a status outside 2xx. */
export class MeetingApiError extends MeetingRequestError {
  readonly status: number;
  /** `error_code` from the body (`USG.…`/`MMC.…`), or undefined when the body had none. */
  readonly errorCode: string | undefined;
  /** `error_msg` from the body, or a short excerpt of whatever the body was. */
  readonly errorMessage: string | undefined;
  /** Response headers, credentials redacted. */
  readonly headers: Record<string, string>;
  constructor(init: RequestContext & { status: number; errorCode: string | undefined; errorMessage: string | undefined; headers: Record<string, string> }) {
    const what = [init.errorCode, init.errorMessage].filter(Boolean).join(' ') || 'no error details in the response body';
    super(`${init.method} ${init.path} failed with HTTP ${init.status}: ${what}${idNote(init.requestId)}`, init);
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.errorMessage = init.errorMessage;
    this.headers = init.headers;
  }
}

/** One attempt took longer than `timeoutMs` (after the last allowed retry). */
export class MeetingTimeoutError extends MeetingRequestError {
  readonly timeoutMs: number;
  constructor(init: RequestContext & { timeoutMs: number }) {
    super(`${init.method} ${init.path} timed out after ${init.timeoutMs} ms${idNote(init.requestId)}`, init);
    this.timeoutMs = init.timeoutMs;
  }
}

/** The request never got an HTTP answer: DNS, refused or reset connection, TLS... (after retries). */
export class MeetingNetworkError extends MeetingRequestError {
  /** `cause` is a redacted copy of the underlying error, never the original object. */
  constructor(init: RequestContext & { cause: Error | undefined }) {
    super(`${init.method} ${init.path} failed before any response: ${init.cause?.message ?? 'network error'}${idNote(init.requestId)}`, init, { cause: init.cause });
  }
}

/** The caller's `signal` aborted the call. Never retried. */
export class MeetingAbortError extends MeetingRequestError {
  constructor(init: RequestContext) {
    super(`${init.method} ${init.path} was aborted by the caller${idNote(init.requestId)}`, init);
  }
}

/** A 2xx whose body is not what the operation returns (not JSON, or JSON of the wrong shape). */
export class MeetingMalformedResponseError extends MeetingRequestError {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** What was wrong, e.g. "body is not JSON" or "`count` is missing". */
  readonly reason: string;
  /** The first 200 characters of the body, redacted. */
  readonly bodyExcerpt: string;
  constructor(init: RequestContext & { status: number; headers: Record<string, string>; reason: string; bodyExcerpt: string }) {
    super(`${init.method} ${init.path} returned HTTP ${init.status} with an unexpected body: ${init.reason}${idNote(init.requestId)}`, init);
    this.status = init.status;
    this.headers = init.headers;
    this.reason = init.reason;
    this.bodyExcerpt = init.bodyExcerpt;
  }
}

/** One chunk of a batch that failed, with the error it failed with. */
export interface FailedChunk {
  accounts: string[];
  error: MeetingError;
}

/**
 * Some chunks of `batchUpdateUserStatus` failed. `updated` and the `failed[].accounts` together are
 * exactly the accounts given, each once per occurrence: retry `failed` to finish the job.
 */
export class MeetingBatchError extends MeetingError {
  readonly updated: string[];
  readonly failed: FailedChunk[];
  constructor(updated: string[], failed: FailedChunk[]) {
    const notUpdated = failed.reduce((n, f) => n + f.accounts.length, 0);
    super(`${notUpdated} of ${notUpdated + updated.length} accounts were not updated (${failed.length} failed chunk(s); first error: ${failed[0]?.error.message ?? 'none'})`);
    this.updated = updated;
    this.failed = failed;
  }
}
