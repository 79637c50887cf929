// Records a fixed plan of SearchUsers exchanges (and, only when asked, one status change) from a
// server, scrubs them and writes them to a directory. Every option is checked before the first
// request; nothing is written unless every exchange was captured and none holds the token.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Problems } from '../client/validate.js';
import { captureExchange } from './capture.js';
import type { RecordedExchange, RecordedRequest } from './exchange.js';
import { toHar } from './har.js';
import { assertNoSecret, REDACTED, Scrubber } from './scrub.js';
import { checkTarget, normalizeBaseUrl, originOf, type Origin, type Target } from './target.js';

export type RecordLiveOptions = Target & {
  /** Directory the files go to; created when missing. */
  outDir: string;
  /** A PUT changes real accounts: it is sent only when this is true. */
  allowPut?: boolean;
  /** The status the PUT sets: 0 enables, 1 disables. Required with allowPut. */
  putStatus?: 0 | 1;
  /** The accounts the PUT changes. Required with allowPut. */
  accounts?: readonly string[];
  /** 0: Huawei Cloud Meeting accounts (the default); 1: third-party user ids. */
  accountType?: 0 | 1;
};

export type RecordLiveResult = {
  outDir: string;
  /** Absolute paths of the files written: one HAR file, `<source>.har`. */
  files: string[];
  /** How many exchanges (HAR entries) were recorded. */
  exchanges: number;
  /** `live` for a Huawei host; `recorded` for any other server (the files say so too). */
  source: Origin;
  /** What looked wrong in the answers (e.g. an invalid token answered 200); the files were written. */
  warnings: string[];
};

const SEARCH_PATH = '/v1/usg/dcs/corp/member';
const INVALID_TOKEN = 'invalid-token-for-recording';
const ACCOUNT_TYPES: readonly unknown[] = [0, 1];

/** Throws a MeetingValidationError naming every bad field; sends nothing. */
export function checkRecordOptions(options: unknown): asserts options is RecordLiveOptions {
  const p = new Problems();
  const o = checkTarget<RecordLiveOptions>(p, options);
  if (typeof o.outDir !== 'string' || o.outDir.trim() === '') p.add('outDir', 'must be a non-empty path');
  if (o.allowPut !== undefined && typeof o.allowPut !== 'boolean') p.add('allowPut', 'must be a boolean');
  const wantsPut = o.putStatus !== undefined || o.accounts !== undefined;
  if (wantsPut && o.allowPut !== true) p.add('allowPut', 'must be true to send a PUT: it changes real accounts');
  if (o.allowPut === true) {
    p.oneOf('putStatus', o.putStatus, [0, 1]);
    if (!Array.isArray(o.accounts) || o.accounts.length === 0) p.add('accounts', 'must name at least one account');
    // Array.from visits holes, so a sparse list is refused by index rather than sent with nulls.
    else Array.from(o.accounts as unknown[], (a, i) => (typeof a !== 'string' || a.trim() === '' ? p.add(`accounts[${i}]`, 'must be a non-empty string') : undefined));
  }
  if (o.accountType !== undefined) p.oneOf('accountType', o.accountType, ACCOUNT_TYPES);
  p.throwIfAny();
}

type Planned = { name: string; description: string; request: Omit<RecordedRequest, 'headers'>; token?: string };

const search = (name: string, description: string, query: Record<string, string | string[]>): Planned => ({
  name,
  description,
  request: { method: 'GET', path: SEARCH_PATH, query, body: null },
});

function planAfterFirstPage(count: number, options: RecordLiveOptions): Planned[] {
  const plan = [
    search('one-record', 'limit=1.', { limit: '1' }),
    search('several-types', 'every user type (repeated userType keys).', { userType: ['2', '12', '13', '14'], limit: '5' }),
    search('empty-page', 'a search key that matches nobody.', { searchKey: 'zz-no-such-user-zz' }),
    search('last-page', 'the last page.', { offset: String(Math.max(0, Math.floor((count - 1) / 10) * 10)), limit: '10' }),
    search('offset-past-end', 'an offset past the end.', { offset: String(count + 1000), limit: '10' }),
    search('sorted', 'sorted by sortLevel, descending.', { sortField: 'sortLevel', isAsc: 'false', limit: '5' }),
    { ...search('invalid-token', 'an invalid token.', {}), token: INVALID_TOKEN },
  ];
  if (options.allowPut) {
    plan.push({
      name: 'batch-update-user-status',
      description: 'a status change.',
      request: {
        method: 'PUT',
        path: `${SEARCH_PATH}/status/${options.putStatus}`,
        query: { accountType: String(options.accountType ?? 0) },
        body: [...(options.accounts ?? [])],
      },
    });
  }
  return plan;
}

function warningsFor(exchanges: readonly (readonly [string, RecordedExchange])[]): string[] {
  const warnings: string[] = [];
  const first = exchanges[0]?.[1];
  if (first && first.response.status !== 200) warnings.push(`The first page answered HTTP ${first.response.status}: the error exchanges were recorded anyway.`);
  const invalid = exchanges.find(([name]) => name === 'invalid-token')?.[1];
  if (invalid && invalid.response.status !== 401) {
    warnings.push(`An invalid token was answered HTTP ${invalid.response.status}, not 401: this server does not check tokens.`);
  }
  return warnings;
}

/**
 * Records the plan from `baseUrl` into `outDir` as one scrubbed HAR 1.2 file, `<source>.har`
 * (`live.har` for a Huawei host, `recorded.har` for any other), one entry per exchange. Throws a MeetingValidationError (nothing sent) for a bad option, and an
 * Error whose message holds no token (nothing written) when a request fails.
 */
export async function recordLive(options: RecordLiveOptions): Promise<RecordLiveResult> {
  checkRecordOptions(options);
  const target: Target = { baseUrl: normalizeBaseUrl(options.baseUrl), token: options.token, ...(options.fetch ? { fetch: options.fetch } : {}) };
  const source = originOf(target.baseUrl);
  const label = source === 'live' ? 'Live' : 'Recorded from a server other than Huawei\'s';
  const capture = (planned: Planned) =>
    captureExchange({ ...target, token: planned.token ?? target.token }, planned.request, {
      description: `${label}: ${planned.description}`,
      operationId: planned.request.method === 'GET' ? 'SearchUsers' : 'BatchUpdateUserStatus',
    });

  const exchanges: [string, RecordedExchange][] = [];
  try {
    const first = await capture(search('first-page', 'the first page with default parameters.', {}));
    exchanges.push(['first-page', first]);
    const count = (first.response.body as { count?: unknown } | null)?.count;
    for (const planned of planAfterFirstPage(typeof count === 'number' ? count : 0, options)) exchanges.push([planned.name, await capture(planned)]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Recording failed, nothing was written: ${message.split(target.token).join(REDACTED)}`);
  }

  const scrubber = new Scrubber({ secrets: [target.token] });
  const har = toHar(exchanges.map(([name, exchange]) => ({ ...scrubber.exchange(exchange), name, baseUrl: target.baseUrl })));
  const text = `${JSON.stringify(har, null, 2)}\n`;
  assertNoSecret(text, [target.token]);
  const outDir = resolve(options.outDir);
  const file = join(outDir, `${source}.har`);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(file, text);
  return { outDir, files: [file], exchanges: exchanges.length, source, warnings: warningsFor(exchanges) };
}
