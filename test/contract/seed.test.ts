// The seeded enterprise: deterministic, varied enough to exercise every filter, and schema-valid.
import { describe, expect, it } from 'vitest';
import { departments, seedUsers } from '../../src/mock/index.js';
import { createSpecValidator, loadBundledSpec } from '../../src/validation/index.js';

const validator = createSpecValidator(loadBundledSpec());
const userSchema = { $ref: '#/components/schemas/SearchUserResultDTO' };

describe('seeded users', () => {
  const users = seedUsers();

  it('are about a thousand, the same for the same seed and different for another', () => {
    expect(users).toHaveLength(1000);
    expect(seedUsers()).toEqual(users);
    expect(seedUsers({ seed: 2 })).not.toEqual(users);
    expect(seedUsers({ userCount: 5 })).toHaveLength(5);
  });

  it('cover every user type, administrator type, status and department', () => {
    const values = (key: 'userType' | 'adminType' | 'status' | 'deptCode') => new Set(users.map((u) => u[key]));
    expect(values('userType')).toEqual(new Set([2, 12, 13, 14]));
    expect(values('adminType')).toEqual(new Set([0, 1, 2]));
    expect(values('status')).toEqual(new Set([0, 1]));
    expect(values('deptCode')).toEqual(new Set(departments.map((d) => d.code)));
    expect(users.filter((u) => u.adminType === 0)).toHaveLength(1);
  });

  it('have unique ids and accounts, and inactive terminals without an activation time', () => {
    for (const key of ['id', 'userAccount', 'thirdAccount'] as const) expect(new Set(users.map((u) => u[key])).size).toBe(users.length);
    const inactive = users.filter((u) => u.activeTime === undefined);
    expect(inactive.length).toBeGreaterThan(10);
    expect(inactive.every((u) => u.userType !== 2 && u.activeCode !== null && u.expireTime === null)).toBe(true);
  });

  it('each validate against SearchUserResultDTO', () => {
    for (const user of users) expect(validator.validateValue(userSchema, user)).toEqual([]);
  });
});
