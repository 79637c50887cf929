// Input checks that run before anything is sent. Each collects every problem, then throws once.
import { MeetingValidationError, type ValidationProblem } from './errors.js';
import type { AdminTypeFilter, Exhaustive, MeetingLanguage, SortField, UserType } from './types.js';

const INT32_MAX = 2 ** 31 - 1;

// Runtime copies of the generated enums; the Exhaustive checks fail to compile if the spec grows.
export const LANGUAGES = ['zh-CN', 'en-US'] as const satisfies readonly MeetingLanguage[];
export const SORT_FIELDS = ['userType', 'adminType', 'ldapAccount', 'deptCode', 'status', 'sortLevel'] as const satisfies readonly SortField[];
export const USER_TYPES = [2, 12, 13, 14] as const satisfies readonly UserType[];
export const ADMIN_TYPES = [1, 2] as const satisfies readonly AdminTypeFilter[];
// `status` and `accountType` both take 0 or 1.
export const ZERO_OR_ONE = [0, 1] as const;
export const enumsAreComplete: [
  Exhaustive<MeetingLanguage, (typeof LANGUAGES)[number]>,
  Exhaustive<SortField, (typeof SORT_FIELDS)[number]>,
  Exhaustive<UserType, (typeof USER_TYPES)[number]>,
  Exhaustive<AdminTypeFilter, (typeof ADMIN_TYPES)[number]>,
] = [true, true, true, true];

/** A plain JSON-like object: not null, not an array. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects problems by field; `throwIfAny` raises them all as one MeetingValidationError. */
export class Problems {
  readonly list: ValidationProblem[] = [];

  add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new MeetingValidationError(this.list);
  }

  integer(field: string, value: unknown, min: number, max = INT32_MAX): void {
    // Number.isInteger is false for anything that is not a number.
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
      this.add(field, `must be an integer from ${min} to ${max}`);
    }
  }

  oneOf(field: string, value: unknown, allowed: readonly unknown[]): void {
    if (!allowed.includes(value)) this.add(field, `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`);
  }

  /**
   * A token is checked for shape only; its value never appears in a message. Real tokens are far
   * longer than 8 characters: a shorter one is a mistake, and redacting it would garble messages.
   */
  token(field: string, value: unknown): void {
    if (typeof value !== 'string' || value.length < 8) this.add(field, 'must be a string of at least 8 characters');
    // What Headers.set accepts: a line break, another control character or a non-Latin-1 one would throw there.
    else if (/[^\t\x20-\x7e\x80-\xff]/.test(value)) this.add(field, 'must be a valid header value (no line break)');
  }
}

/** What each SearchUsers parameter accepts: an integer minimum, a `typeof` name, or a list of values. */
const QUERY_PARAMETERS: Record<string, number | 'string' | 'boolean' | readonly unknown[]> = {
  offset: 0,
  limit: 1,
  searchKey: 'string',
  sortField: SORT_FIELDS,
  isAsc: 'boolean',
  deptCode: 'string',
  enableSubDept: 'boolean',
  adminType: ADMIN_TYPES,
  enableRoom: 'boolean',
  userType: USER_TYPES,
  status: ZERO_OR_ONE,
  containsUnActive: 'boolean',
};

function checkParameter(p: Problems, field: string, value: unknown, rule: number | 'string' | 'boolean' | readonly unknown[]): void {
  if (typeof rule === 'number') p.integer(field, value, rule);
  else if (typeof rule === 'string') {
    if (typeof value !== rule) p.add(field, `must be a ${rule}`);
  } else if (rule !== USER_TYPES) p.oneOf(field, value, rule);
  else if (!Array.isArray(value)) p.add(field, 'must be an array');
  // An empty array would vanish from the URL and silently mean "common users only".
  else if (value.length === 0) p.add(field, 'must not be empty (leave it out to get common users)');
  else Array.from(value, (item, i) => p.oneOf(`${field}[${i}]`, item, rule));
}

/**
 * Checks a SearchUsers query: known keys only, each of its declared type. Undefined values are
 * allowed (they are left out of the URL). `reserved` keys are refused with the given reason.
 */
export function checkSearchQuery(p: Problems, query: unknown, reserved: Record<string, string> = {}): void {
  if (query === undefined) return;
  if (!isObject(query)) {
    p.add('query', 'must be an object');
    return;
  }
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const field = `query.${key}`;
    const rule = QUERY_PARAMETERS[key];
    if (key in reserved) p.add(field, reserved[key] as string);
    else if (rule === undefined) p.add(field, 'is not a SearchUsers parameter');
    else checkParameter(p, field, value, rule);
  }
}

/** Checks the per-call options every operation accepts, and `concurrency` where there is one. */
export function checkCallOptions(p: Problems, options: { timeoutMs?: unknown; requestId?: unknown; signal?: unknown; concurrency?: unknown } | undefined): void {
  if (!options) return;
  if (options.concurrency !== undefined) p.integer('concurrency', options.concurrency, 1, 64);
  if (options.timeoutMs !== undefined) p.integer('timeoutMs', options.timeoutMs, 1);
  if (options.requestId !== undefined) {
    if (typeof options.requestId !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(options.requestId)) {
      p.add('requestId', 'must be 1 to 128 visible ASCII characters');
    }
  }
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) p.add('signal', 'must be an AbortSignal');
}
