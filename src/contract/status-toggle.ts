// The one check that writes: BatchUpdateUserStatus on an account the caller named, to the other
// status and back. The account is looked up first (nothing is sent for an account the server does
// not list) and restored whatever happens in between; a failed restore is said loudly.
import type { Check } from './checks.js';
import type { Exchange, Probe } from './probe.js';

type User = { userAccount?: string; thirdAccount?: string; status?: number };

const ALL_TYPES = 'userType=2&userType=12&userType=13&userType=14&containsUnActive=true';

async function statusOf(probe: Probe, account: string, accountType: 0 | 1): Promise<{ status?: 0 | 1; problems: string[] }> {
  const e = await probe.get(`searchKey=${encodeURIComponent(account)}&${ALL_TYPES}&limit=100`);
  if (e.status !== 200) return { problems: [...e.problems, `looking the account up: status ${e.status}`] };
  const field = accountType === 0 ? 'userAccount' : 'thirdAccount';
  const user = (e.json as { data?: User[] }).data?.find((u) => u[field] === account);
  if (user?.status !== 0 && user?.status !== 1) return { problems: [...e.problems, `the account is not listed by SearchUsers (searchKey), so it was not changed`] };
  return { status: user.status, problems: e.problems };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const answered = (step: string, e: Exchange) => (e.status === 200 ? e.problems : [...e.problems, `${step}: status ${e.status}: ${e.text.slice(0, 200)}`]);

export function statusToggleCheck(account: string, accountType: 0 | 1): Check {
  return {
    name: 'a status change is applied, seen by SearchUsers, and undone',
    run: async (probe) => {
      const before = await statusOf(probe, account, accountType);
      if (before.status === undefined) return before.problems;
      const original = before.status;
      const other = original === 0 ? 1 : 0;
      const problems = [...before.problems];
      try {
        problems.push(...answered('changing the status', await probe.put(other, [account], accountType)));
        const changed = await statusOf(probe, account, accountType);
        problems.push(...changed.problems);
        if (changed.status !== other) problems.push(`after the change SearchUsers shows status ${changed.status}, expected ${other}`);
      } catch (error) {
        problems.push(`changing the status: ${messageOf(error)}`);
      }
      // Whatever happened above: the PUT may have been applied even if its answer never came.
      try {
        problems.push(...answered('restoring the status', await probe.put(original, [account], accountType)));
        const after = await statusOf(probe, account, accountType);
        problems.push(...after.problems);
        if (after.status !== original) problems.push(`NOT RESTORED: the account is left with status ${after.status}, it had ${original}`);
      } catch (error) {
        problems.push(`NOT RESTORED (unconfirmed): it had status ${original}; ${messageOf(error)}`);
      }
      return problems;
    },
  };
}
