// The contract checks: what `npm run test:live` and the `check` command run against any server,
// and `npm test` runs against the mock (they pass on a conforming server and fail on a drifting
// one). Read-only unless `allowPutAccount` names an account: then its status is toggled and
// restored. Each check records a result instead of throwing, so one failure never hides the rest.
import { randomUUID } from 'node:crypto';
import { Problems } from '../client/validate.js';
import { checkTarget, normalizeBaseUrl, type Target } from '../recording/target.js';
import { createProbe, type Exchange, type Probe } from './probe.js';
import { statusToggleCheck } from './status-toggle.js';

export type CheckResult = { name: string; ok: boolean; detail: string };

export type ContractCheckOptions = Target & {
  /** An account whose status may be changed and changed back; without it nothing is modified. */
  allowPutAccount?: string;
  /** The type of allowPutAccount: 0 (a Huawei Cloud Meeting account, the default) or 1 (a third-party user id). */
  accountType?: 0 | 1;
};

type Page = { count?: number; data?: { userType?: number }[] };
export type Check = { name: string; run: (probe: Probe, state: { count: number }) => Promise<string[]> };

/** Throws a MeetingValidationError naming every bad field; sends nothing. */
export function checkContractOptions(options: unknown): asserts options is ContractCheckOptions {
  const p = new Problems();
  const o = checkTarget<ContractCheckOptions>(p, options);
  if (o.allowPutAccount !== undefined && (typeof o.allowPutAccount !== 'string' || o.allowPutAccount.trim() === '')) {
    p.add('allowPutAccount', 'must be a non-empty account');
  }
  if (o.accountType !== undefined) p.oneOf('accountType', o.accountType, [0, 1]);
  p.throwIfAny();
}

/** A 200 page that keeps to the spec, echoes the request id, and meets `expect`. */
async function page(probe: Probe, query: string, expect: (p: Page, e: Exchange) => string[]): Promise<string[]> {
  const e = await probe.get(query);
  if (e.status !== 200) return [...e.problems, `status ${e.status}: ${e.text.slice(0, 200)}`];
  const problems = [...e.problems];
  if (e.headers.get('x-request-id') !== e.sentRequestId) problems.push('X-Request-Id is not echoed');
  return [...problems, ...expect(e.json as Page, e)];
}

const unauthorized = (name: string, token: string | null): Check => ({
  name,
  run: async (probe) => {
    const e = await probe.get('', token);
    return e.status === 401 ? e.problems : [...e.problems, `status ${e.status}, expected 401`];
  },
});

export const READ_ONLY_CHECKS: readonly Check[] = [
  {
    name: 'default search: common users only, at most 10',
    run: (probe, state) =>
      page(probe, '', (p) => {
        state.count = p.count ?? 0;
        const problems: string[] = [];
        if ((p.data?.length ?? 0) > 10) problems.push(`${p.data?.length} records for the default limit 10`);
        if (p.data?.some((u) => u.userType !== 2)) problems.push('a user type other than 2 without userType');
        return problems;
      }),
  },
  {
    name: 'limit=1 returns at most one record and the same count',
    run: (probe, state) =>
      page(probe, 'limit=1', (p) => [
        ...((p.data?.length ?? 0) > 1 ? ['more than one record'] : []),
        ...(p.count !== state.count ? [`count ${p.count} != ${state.count}`] : []),
      ]),
  },
  {
    name: 'repeated userType keys filter by several types',
    run: (probe) => page(probe, 'userType=2&userType=12&limit=20', (p) => (p.data?.some((u) => u.userType !== 2 && u.userType !== 12) ? ['a user type outside 2, 12'] : [])),
  },
  {
    name: 'a search key that matches nobody gives an empty page',
    run: (probe) => page(probe, `searchKey=${randomUUID()}`, (p) => (p.count === 0 && p.data?.length === 0 ? [] : [`count ${p.count}, ${p.data?.length} records`])),
  },
  {
    name: 'an offset past the end returns the last page, not an empty one',
    run: (probe, state) => page(probe, `offset=${state.count + 1000}&limit=10`, (p) => (state.count > 0 && (p.data?.length ?? 0) === 0 ? ['empty page past the end'] : [])),
  },
  unauthorized('a missing token is a 401 with a Huawei error body', null),
  unauthorized('an invalid token is a 401 with a Huawei error body', 'invalid-token-for-contract-check'),
];

/** Runs every check in order and returns one result per check; throws only for bad options. */
export async function runContractChecks(options: ContractCheckOptions): Promise<CheckResult[]> {
  checkContractOptions(options);
  const probe = createProbe({ baseUrl: normalizeBaseUrl(options.baseUrl), token: options.token, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const checks = [...READ_ONLY_CHECKS];
  if (options.allowPutAccount !== undefined) checks.push(statusToggleCheck(options.allowPutAccount, options.accountType ?? 0));
  const state = { count: 0 };
  const results: CheckResult[] = [];
  for (const check of checks) {
    try {
      const problems = await check.run(probe, state);
      results.push({ name: check.name, ok: problems.length === 0, detail: probe.redact(problems.join('; ')) });
    } catch (error) {
      results.push({ name: check.name, ok: false, detail: probe.redact(error instanceof Error ? error.message : String(error)) });
    }
  }
  return results;
}
