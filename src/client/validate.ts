// Input checks that run before anything is sent. Each collects every problem, then throws once.
import { MeetingValidationError, type ValidationProblem } from './errors.js';
import type { AdminTypeFilter, Exhaustive, MeetingLanguage, SortField, UserType } from './types.js';

const INT32_MAX = 2 ** 31 - 1;

// Runtime copies of the generated enums; the Exhaustive checks fail to compile if the spec grows.
export const LANGUAGES = ['zh-CN', 'en-US'] as const satisfies readonly MeetingLanguage[];
export const SORT_FIELDS = ['userType', 'adminType', 'ldapAccount', 'deptCode', 'status', 'sortLevel'] as const satisfies readonly SortField[];
export const USER_TYPES = [2, 12, 13, 14] as const satisfies readonly UserType[];
export const ADMIN_TYPES = [1, 2] as const satisfies readonly AdminTypeFilter[];
export const STATUSES = [0, 1] as const;
export const ACCOUNT_TYPES = [0, 1] as const;
export const enumsAreComplete: [
  Exhaustive<MeetingLanguage, (typeof LANGUAGES)[number]>,
  Exhaustive<SortField, (typeof SORT_FIELDS)[number]>,
  Exhaustive<UserType, (typeof USER_TYPES)[number]>,
  Exhaustive<AdminTypeFilter, (typeof ADMIN_TYPES)[number]>,
] = [true, true, true, true];

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
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.add(field, `must be an integer from ${min} to ${max}`);
    }
  }

  oneOf(field: string, value: unknown, allowed: readonly unknown[]): void {
    if (!allowed.includes(value)) this.add(field, `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`);
  }

  type(field: string, value: unknown, type: 'string' | 'boolean'): void {
    if (typeof value !== type) this.add(field, `must be a ${type}`);
  }

  /** A token is checked for shape only; its value never appears in a message. */
  token(field: string, value: unknown): void {
    if (typeof value !== 'string' || value.length === 0) this.add(field, 'must be a non-empty string');
    else if (/[\r\n]/.test(value)) this.add(field, 'must not contain a line break');
  }
}

type QueryRule = (p: Problems, field: string, value: unknown) => void;

const QUERY_RULES: Record<string, QueryRule> = {
  offset: (p, f, v) => p.integer(f, v, 0),
  limit: (p, f, v) => p.integer(f, v, 1),
  searchKey: (p, f, v) => p.type(f, v, 'string'),
  sortField: (p, f, v) => p.oneOf(f, v, SORT_FIELDS),
  isAsc: (p, f, v) => p.type(f, v, 'boolean'),
  deptCode: (p, f, v) => p.type(f, v, 'string'),
  enableSubDept: (p, f, v) => p.type(f, v, 'boolean'),
  adminType: (p, f, v) => p.oneOf(f, v, ADMIN_TYPES),
  enableRoom: (p, f, v) => p.type(f, v, 'boolean'),
  userType: (p, f, v) => {
    if (!Array.isArray(v)) p.add(f, 'must be an array');
    // An empty array would vanish from the URL and silently mean "common users only".
    else if (v.length === 0) p.add(f, 'must not be empty (leave it out to get common users)');
    else v.forEach((item, i) => p.oneOf(`${f}[${i}]`, item, USER_TYPES));
  },
  status: (p, f, v) => p.oneOf(f, v, STATUSES),
  containsUnActive: (p, f, v) => p.type(f, v, 'boolean'),
};

/**
 * Checks a SearchUsers query: known keys only, each of its declared type. Undefined values are
 * allowed (they are left out of the URL). `reserved` keys are refused with the given reason.
 */
export function checkSearchQuery(p: Problems, query: unknown, reserved: Record<string, string> = {}): void {
  if (query === undefined) return;
  if (typeof query !== 'object' || query === null || Array.isArray(query)) {
    p.add('query', 'must be an object');
    return;
  }
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const field = `query.${key}`;
    const rule = QUERY_RULES[key];
    if (key in reserved) p.add(field, reserved[key] ?? 'is not allowed here');
    else if (!rule) p.add(field, 'is not a SearchUsers parameter');
    else rule(p, field, value);
  }
}

/** Checks the per-call options every operation accepts. */
export function checkCallOptions(p: Problems, options: { timeoutMs?: unknown; requestId?: unknown; signal?: unknown } | undefined): void {
  if (!options) return;
  if (options.timeoutMs !== undefined) p.integer('timeoutMs', options.timeoutMs, 1, 2 ** 31 - 1);
  if (options.requestId !== undefined) {
    if (typeof options.requestId !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(options.requestId)) {
      p.add('requestId', 'must be 1 to 128 visible ASCII characters');
    }
  }
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) p.add('signal', 'must be an AbortSignal');
}
