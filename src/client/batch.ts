// BatchUpdateUserStatus over any number of accounts: chunks, bounded concurrency, and an exact
// account of what was and was not updated.
import type { paths } from '../../generated/schema.js';
import { checkCall, type CallOptions, type Core } from './core.js';
import { MeetingBatchError, type FailedChunk, type MeetingError } from './errors.js';
import { Exchange } from './transport.js';
import type { AccountType, UserStatus } from './types.js';
import { isObject, Problems, ZERO_OR_ONE } from './validate.js';

export const BATCH_STATUS_PATH = '/v1/usg/dcs/corp/member/status/{value}' satisfies keyof paths;
/** No public source gives a maximum list size; 100 keeps each request small and each failure narrow. */
export const DEFAULT_CHUNK_SIZE = 100;
export const DEFAULT_BATCH_CONCURRENCY = 4;

export interface BatchUpdateInput {
  /** `0` normal (enable), `1` disabled. */
  status: UserStatus;
  accounts: string[];
  /** `0` (default on the server) Huawei Cloud Meeting accounts, `1` third-party user IDs. */
  accountType?: AccountType;
}

export interface BatchUpdateOptions extends CallOptions {
  /** Accounts per request. Default 100. */
  chunkSize?: number;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
}

export interface BatchUpdateResult {
  /** Every account given, in the order given. */
  updated: string[];
}

function check(input: BatchUpdateInput, size: number, options: BatchUpdateOptions | undefined): void {
  const p = new Problems();
  if (!isObject(input)) {
    p.add('input', 'must be an object');
  } else {
    p.oneOf('status', input.status, ZERO_OR_ONE);
    if (input.accountType !== undefined) p.oneOf('accountType', input.accountType, ZERO_OR_ONE);
    if (!Array.isArray(input.accounts) || input.accounts.length === 0) p.add('accounts', 'must be a non-empty array');
    // Array.from visits holes too: a hole would go out as null.
    else Array.from(input.accounts, (a, i) => (typeof a === 'string' && a.trim()) || p.add(`accounts[${i}]`, 'must be a non-empty string'));
  }
  p.integer('chunkSize', size, 1);
  checkCall(p, options);
}

/** See `MeetingClient.batchUpdateUserStatus`. */
export async function batchUpdateUserStatus(core: Core, input: BatchUpdateInput, options?: BatchUpdateOptions): Promise<BatchUpdateResult> {
  const size = options?.chunkSize ?? DEFAULT_CHUNK_SIZE;
  check(input, size, options);
  const chunks: string[][] = [];
  for (let i = 0; i < input.accounts.length; i += size) chunks.push(input.accounts.slice(i, i + size));
  const query = input.accountType === undefined ? undefined : { accountType: input.accountType };
  const path = BATCH_STATUS_PATH.replace('{value}', String(input.status));
  const updated: string[] = [];
  const failed: FailedChunk[] = [];
  const unconfirmed: FailedChunk[] = [];
  // Per chunk, in order: how to record its outcome once all are known.
  const outcomes: (() => void)[] = [];
  let next = 0;
  // `concurrency` workers, each taking the next chunk until none is left.
  const worker = async () => {
    for (let index: number; (index = next++) < chunks.length; ) {
      const accounts = chunks[index] as string[];
      // One id per request: several chunks sharing the caller's id would be indistinguishable.
      const requestId = options?.requestId && (chunks.length > 1 ? `${options.requestId}-${index + 1}` : options.requestId);
      // The status decides (the 200 has no body in the spec): a body that stalls after it changes nothing.
      const exchange = new Exchange(core, { signal: options?.signal, timeoutMs: options?.timeoutMs, requestId }, true);
      try {
        await exchange.call('PUT', path, query, accounts);
        outcomes[index] = () => updated.push(...accounts);
      } catch (error) {
        outcomes[index] = () => (exchange.pending ? unconfirmed : failed).push({ accounts, error: error as MeetingError });
      }
    }
  };
  await Promise.all(Array.from({ length: options?.concurrency ?? DEFAULT_BATCH_CONCURRENCY }, worker));
  for (const record of outcomes) record();
  if (failed.length + unconfirmed.length > 0) throw new MeetingBatchError(updated, failed, unconfirmed);
  return { updated };
}
