// The mock's deterministic enterprise: a small department tree and about a thousand users of
// every user type, administrator type and status.
//
// "Inactive terminal" (what `containsUnActive` filters): a terminal (user type 12, 13 or 14) that
// has an activation code but was never activated. In the seed such a record has `activeCode` and
// `activeCodeExpireTime` set, no `activeTime` and a null `expireTime`. Common users (type 2) are
// never terminals, so `containsUnActive` does not affect them.
import type { components } from '../../generated/schema.js';
import { digits, hex, pick, seededRandom, type Random } from './random.js';

export type User = components['schemas']['SearchUserResultDTO'];

export type Department = { code: string; name: string; parent?: string };

export const departments: readonly Department[] = [
  { code: '1', name: 'Root Department' },
  { code: '2', name: 'R&D', parent: '1' },
  { code: '3', name: 'Sales', parent: '1' },
  { code: '4', name: 'Platform', parent: '2' },
  { code: '5', name: 'Devices', parent: '2' },
  { code: '6', name: 'EMEA', parent: '3' },
  { code: '7', name: 'Operations', parent: '1' },
];

export type SeedOptions = { seed?: number; userCount?: number };

const GIVEN = ['Wei', 'Li', 'Ming', 'Fang', 'Jun', 'Hui', 'Anna', 'Lukas', 'Sofia', 'Omar', 'Priya', 'Kenji', 'Lena', 'Tom'];
const FAMILY = ['Wang', 'Zhang', 'Chen', 'Liu', 'Huang', 'Schmidt', 'Rossi', 'Dubois', 'Silva', 'Okafor', 'Sato', 'Novak'];
const TITLES = ['engineer', 'manager', 'designer', 'analyst', 'director', 'assistant'];
const COUNTRIES = ['chinaPR', 'chinaHKG', 'germany', 'france', 'brazil'];
const TERMINALS = { 12: 'tv', 13: 'hub', 14: 'room' } as const;
const BASE_TIME = 1_600_000_000_000;
const DAY = 86_400_000;

export function departmentPath(code: string): string {
  const names: string[] = [];
  for (let at = departments.find((d) => d.code === code); at; at = departments.find((d) => d.code === at?.parent)) {
    names.unshift(at.name);
  }
  return names.join('/');
}

/** The department and every department below it. */
export function departmentAndDescendants(code: string): Set<string> {
  const out = new Set([code]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const d of departments) {
      if (d.parent && out.has(d.parent) && !out.has(d.code)) {
        out.add(d.code);
        grew = true;
      }
    }
  }
  return out;
}

function userTypeAt(random: Random, index: number): User['userType'] & number {
  if (index === 0) return 2;
  const r = random();
  return r < 0.82 ? 2 : r < 0.88 ? 12 : r < 0.94 ? 13 : 14;
}

export function seedUsers({ seed = 1, userCount = 1000 }: SeedOptions = {}): User[] {
  const random = seededRandom(seed);
  const users: User[] = [];
  // One string per department, shared by its users, not one per user.
  const paths = new Map(departments.map((d) => [d.code, departmentPath(d.code)]));
  for (let i = 0; i < userCount; i++) {
    const userType = userTypeAt(random, i);
    const serial = String(i + 1).padStart(4, '0');
    const deptCode = pick(random, departments).code;
    const isTerminal = userType !== 2;
    const given = pick(random, GIVEN);
    const family = pick(random, FAMILY);
    const account = isTerminal ? `${TERMINALS[userType]}${serial}` : `user${serial}`;
    const activated = !isTerminal || random() >= 0.3;
    const activeTime = BASE_TIME + Math.floor(random() * 900) * DAY;
    const user: User = {
      activeCode: activated ? null : `AC${digits(random, 10)}`,
      activeCodeExpireTime: activated ? null : activeTime + 30 * DAY,
      activeTime,
      adminType: i === 0 ? 0 : !isTerminal && random() < 0.06 ? 1 : 2,
      country: pick(random, COUNTRIES),
      deptCode,
      deptNamePath: paths.get(deptCode) ?? departmentPath(deptCode),
      desc: isTerminal ? `${TERMINALS[userType]} terminal ${serial}` : `member ${serial}`,
      email: `${account}@example.com`,
      englishName: `${given} ${family}`,
      expireTime: isTerminal && activated ? activeTime + 365 * DAY : null,
      hidePhone: random() < 0.15,
      id: hex(random, 32),
      license: random() < 0.1 ? 1 : 0,
      name: isTerminal ? `${TERMINALS[userType].toUpperCase()} ${serial}` : `${family} ${given}`,
      phone: `+86${digits(random, 11)}`,
      signature: `signature ${serial}`,
      sortLevel: 1 + Math.floor(random() * 10000),
      status: random() < 0.1 ? 1 : 0,
      thirdAccount: `ext-${serial}`,
      title: isTerminal ? 'terminal' : pick(random, TITLES),
      userAccount: account,
      userType,
      visionAccount: userType === 12 ? `vision${serial}` : null,
      vmrId: `9${digits(random, 8)}`,
    };
    // A terminal never activated has no activation time at all (the field is not nullable). The
    // copy keeps the record compact: V8 turns an object a property was deleted from into a dictionary.
    if (!activated) delete user.activeTime;
    users.push(activated ? user : { ...user });
  }
  return users;
}
