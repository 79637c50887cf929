// Normalizing and scrubbing: a token, a phone number and an e-mail address that go in never come
// out, and the same input always gives the same output.
import { describe, expect, it } from 'vitest';
import { assertNoSecret, NORMALIZED_REQUEST_ID, NORMALIZED_TIME, REDACTED, Scrubber, type RecordedExchange } from '../../src/recording/index.js';
import { createSpecValidator, loadBundledSpec } from '../../src/validation/index.js';

const TOKEN = 'cnr1A2b3C4d5E6f7G8h9-live-token';
const PHONE = '+8613912345678';
const EMAIL = 'zhang.wei@corp.example.cn';
// A terminal's activation code activates a device in the enterprise: a credential, like the token.
const ACTIVE_CODE = 'AC8317402956';

function raw(): RecordedExchange {
  return {
    description: `recorded with ${TOKEN}`,
    source: 'live',
    operationId: 'SearchUsers',
    request: {
      method: 'GET',
      path: '/v1/usg/dcs/corp/member',
      query: { searchKey: PHONE, userType: ['2', '12'], deptCode: TOKEN },
      headers: { 'X-Access-Token': TOKEN, Authorization: `Basic ${TOKEN}`, Cookie: 'a=b', 'Accept-Language': 'en-US', 'X-Request-Id': 'abc123' },
      body: null,
    },
    response: {
      status: 200,
      headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'abc123', 'Set-Cookie': 'session=1', Date: 'Mon, 01 Jan 2024 00:00:00 GMT' },
      body: {
        count: 2,
        limit: 10,
        offset: 0,
        data: [
          {
            name: 'Zhang Wei',
            englishName: 'Wei Zhang',
            phone: '+86 139-1234-5678',
            email: EMAIL,
            desc: `call ${PHONE} or mail ${EMAIL}`,
            signature: `token ${TOKEN}`,
            activeTime: 1_601_221_696_783,
            expireTime: null,
            userType: 2,
          },
          { name: 'Li Na', phone: '+8613800000000', email: 'li.na@corp.example.cn', activeCode: ACTIVE_CODE, activeCodeExpireTime: 1_601_000_000_000 },
        ],
      },
    },
  };
}

describe('Scrubber', () => {
  const scrubbed = new Scrubber({ secrets: [TOKEN] }).exchange(raw());
  const text = JSON.stringify(scrubbed);

  it('removes the token, phone numbers and e-mail addresses from everywhere', () => {
    for (const secret of [TOKEN, PHONE, '139-1234-5678', EMAIL, 'li.na@', '13800000000', 'Zhang Wei', 'session=1', ACTIVE_CODE]) {
      expect(text).not.toContain(secret);
    }
    expect(scrubbed.description).toBe(`recorded with ${REDACTED}`);
    expect(scrubbed.request.query.deptCode).toBe(REDACTED);
  });

  it('keeps only allow-listed headers and normalizes request ids and times', () => {
    expect(scrubbed.request.headers).toEqual({ 'accept-language': 'en-US', 'x-request-id': NORMALIZED_REQUEST_ID });
    expect(scrubbed.response.headers).toEqual({ 'content-type': 'application/json', 'x-request-id': NORMALIZED_REQUEST_ID });
    const [first, second] = (scrubbed.response.body as { data: Record<string, unknown>[] }).data;
    expect(first).toMatchObject({ activeTime: NORMALIZED_TIME, expireTime: null, userType: 2 });
    expect(second).toMatchObject({ activeCodeExpireTime: NORMALIZED_TIME, activeCode: REDACTED });
  });

  it('gives one person one pseudonym everywhere, and the same output every time', () => {
    const [first, second] = (scrubbed.response.body as { data: Record<string, unknown>[] }).data;
    expect(scrubbed.request.query.searchKey).toBe(first?.phone);
    expect(first?.desc).toBe(`call ${String(first?.phone)} or mail ${String(first?.email)}`);
    expect(first?.phone).not.toBe(second?.phone);
    expect(first?.email).not.toBe(second?.email);
    expect(JSON.stringify(new Scrubber({ secrets: [TOKEN] }).exchange(raw()))).toBe(text);
    expect(scrubbed.request.query.userType).toEqual(['2', '12']);
  });

  it('keeps a scrubbed page valid against the spec', () => {
    const validator = createSpecValidator(loadBundledSpec());
    const page = { ...(scrubbed.response.body as object), data: [(scrubbed.response.body as { data: object[] }).data[0]] };
    expect(validator.validateValue({ $ref: '#/components/schemas/SearchUsersPage' }, page)).toEqual([]);
  });

  it('replaces a search key that is a name with that person\'s pseudonym', () => {
    const byName = raw();
    byName.request.query.searchKey = 'Zhang Wei';
    const out = new Scrubber({ secrets: [TOKEN] }).exchange(byName);
    expect(JSON.stringify(out)).not.toContain('Zhang Wei');
    expect(out.request.query.searchKey).toBe((out.response.body as { data: { name: string }[] }).data[0]?.name);
  });

  it('replaces a mainland mobile number written without +86 (an account, free text) by the same pseudonym', () => {
    const bare = raw();
    const users = (bare.response.body as { data: Record<string, unknown>[] }).data;
    Object.assign(users[0] ?? {}, { userAccount: '13912345678', signature: 'mobile:13912345678.', id: 'ab13912345678cd0', vmrId: '913912345678' });
    const out = new Scrubber({ secrets: [TOKEN] }).exchange(bare);
    const first = (out.response.body as { data: Record<string, unknown>[] }).data[0];
    expect(JSON.stringify({ ...out, response: { ...out.response, body: { data: [{ ...first, id: 0, vmrId: 0 }] } } })).not.toContain('13912345678');
    expect(first?.userAccount).toBe(first?.phone);
    expect(first?.signature).toBe(`mobile:${String(first?.phone)}.`);
    // Not a phone number: part of a hex id, or of a longer run of digits.
    expect(first).toMatchObject({ id: 'ab13912345678cd0', vmrId: '913912345678' });
  });

  it('removes a secret that contains another whole', () => {
    const out = new Scrubber({ secrets: ['abc', 'xabcx', ''] }).text('1 xabcx 2 abc');
    expect(out).toBe(`1 ${REDACTED} 2 ${REDACTED}`);
  });
});

describe('assertNoSecret', () => {
  it('throws when a secret survived, without quoting it', () => {
    expect(() => assertNoSecret(`a ${TOKEN} b`, [TOKEN])).toThrow(/nothing was written/);
    expect(() => assertNoSecret(`a ${TOKEN} b`, [TOKEN])).not.toThrow(TOKEN);
    expect(() => assertNoSecret('clean', [TOKEN, ''])).not.toThrow();
  });
});
