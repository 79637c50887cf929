// Normalizing and scrubbing: a token, a phone number and an e-mail address that go in never come
// out, and the same input always gives the same output.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertNoSecret, NORMALIZED_REQUEST_ID, NORMALIZED_TIME, REDACTED, requestUrl, responseText, Scrubber, type RecordedExchange } from '../../src/recording/index.js';
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
            title: `call ${PHONE} or mail ${EMAIL}`,
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
    expect(first?.title).toBe(`call ${String(first?.phone)} or mail ${String(first?.email)}`);
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
    Object.assign(users[0] ?? {}, { userAccount: '13912345678', title: 'mobile:13912345678.', id: 'ab13912345678cd0', vmrId: '913912345678' });
    const out = new Scrubber({ secrets: [TOKEN] }).exchange(bare);
    const first = (out.response.body as { data: Record<string, unknown>[] }).data[0];
    expect(JSON.stringify({ ...out, response: { ...out.response, body: { data: [{ ...first, id: 0, vmrId: 0 }] } } })).not.toContain('13912345678');
    expect(first?.userAccount).toBe(first?.phone);
    expect(first?.title).toBe(`mobile:${String(first?.phone)}.`);
    // Not a phone number: part of a hex id, or of a longer run of digits.
    expect(first).toMatchObject({ id: 'ab13912345678cd0', vmrId: '913912345678' });
  });

  it('removes a secret that contains another whole', () => {
    const out = new Scrubber({ secrets: ['abc', 'xabcx', ''] }).text('1 xabcx 2 abc');
    expect(out).toBe(`1 ${REDACTED} 2 ${REDACTED}`);
  });
});

describe('Scrubber: people in free text, any phone format, numbers (issue 9 item 19)', () => {
  const page = (users: Record<string, unknown>[]): RecordedExchange => ({
    description: 'a page',
    source: 'live',
    operationId: 'SearchUsers',
    request: { method: 'GET', path: '/v1/usg/dcs/corp/member', query: {}, headers: {}, body: null },
    response: { status: 200, headers: { 'content-type': 'application/json' }, body: { count: users.length, limit: 10, offset: 0, data: users } },
  });
  const usersOf = (e: RecordedExchange) => (e.response.body as { data: Record<string, unknown>[] }).data;

  it('replaces a name, an account or an English name wherever the text quotes it, with that person\'s pseudonym', () => {
    const out = usersOf(
      new Scrubber().exchange(
        page([
          { name: 'Zhang Wei', englishName: 'Wei Zhang', userAccount: 'zhang.wei', title: 'Assistant to LI NA (li_na_2)' },
          { name: 'Li Na', userAccount: 'li_na_2', title: 'Reports to zhang wei; account zhang.wei', deptNamePath: 'Corp/Zhang Wei team/13912345678' },
        ]),
      ),
    );
    const [zhang, li] = out;
    expect(zhang).toMatchObject({ name: 'Person 1', englishName: 'Person 2', userAccount: 'account1', title: 'Assistant to Person 3 (account2)' });
    expect(li).toMatchObject({ name: 'Person 3', userAccount: 'account2', title: 'Reports to Person 1; account account1' });
    // A department path keeps its shape; each name in it is a pseudonym.
    expect(li?.deptNamePath).toBe('Department 1/Department 2/Department 3');
  });

  it('replaces what a person wrote (signature, desc) whole, even a name no field holds; equal texts stay equal', () => {
    const out = usersOf(new Scrubber().exchange(page([{ signature: 'Cheers, Wang Fang', desc: 'Wang Fang\'s deputy' }, { signature: 'Cheers, Wang Fang', desc: '' }])));
    expect(out).toEqual([{ signature: 'Text 1', desc: 'Text 2' }, { signature: 'Text 1', desc: '' }]);
  });

  it('gives a phone number one pseudonym whatever its format', () => {
    const formats = ['+8613912345678', '+86 139 1234 5678', '+86-139-1234-5678', '(+86) 139 1234 5678', '0086 13912345678', '8613912345678', '13912345678', '139-1234-5678', '139.1234.5678'];
    const scrubber = new Scrubber();
    const out = usersOf(scrubber.exchange(page(formats.map((phone) => ({ phone, title: `call ${phone}.` })))));
    expect(new Set(out.map((u) => u.phone))).toEqual(new Set(['+15550000001']));
    expect(new Set(out.map((u) => u.title))).toEqual(new Set(['call +15550000001.']));
    expect(scrubber.text('or 139 1234 5678')).toBe('or +15550000001');
  });

  it('replaces a phone and an activation code sent as numbers, and the code wherever it is quoted', () => {
    const out = usersOf(new Scrubber().exchange(page([{ phone: 8613912345678, activeCode: 83174029, title: 'code 83174029' }, { phone: 13912345678 }])));
    expect(out).toEqual([{ phone: '+15550000001', activeCode: REDACTED, title: `code ${REDACTED}` }, { phone: '+15550000001' }]);
  });

  it('gives the accounts of a status change the pseudonyms of the same accounts in a page', () => {
    const scrubber = new Scrubber();
    const put = scrubber.exchange({
      description: 'disable',
      source: 'live',
      operationId: 'BatchUpdateUserStatus',
      request: { method: 'PUT', path: '/v1/usg/dcs/corp/member/status/1', query: { accountType: '0' }, headers: {}, body: ['zhang.wei', '13912345678', 'li@corp.example.cn'] },
      response: { status: 200, headers: {}, body: null },
    });
    expect(put.request.body).toEqual(['account1', '+15550000001', 'person1@example.com']);
    expect(usersOf(scrubber.exchange(page([{ userAccount: 'zhang.wei', phone: '+86 139 1234 5678', email: 'LI@corp.example.cn' }])))).toEqual([
      { userAccount: 'account1', phone: '+15550000001', email: 'person1@example.com' },
    ]);
  });

  it('keeps ids and codes: a hyphenated UUID, a meeting room id, a department code', () => {
    const kept = { id: '550e8400-e29b-41d4-a716-446655440000', vmrId: '911150978', deptCode: '10086123', country: 'chinaPR', userType: 2, sortLevel: 10000 };
    expect(usersOf(new Scrubber().exchange(page([kept])))).toEqual([kept]);
  });
});

// Personal data in every string field (and the phone and activation code as numbers too) of
// generated pages: none of it may survive, and the scrubbed recording must keep to the spec.
describe('Scrubber: property', () => {
  const validator = createSpecValidator(loadBundledSpec());
  const STRING_FIELDS = ['country', 'deptCode', 'deptNamePath', 'desc', 'id', 'signature', 'title', 'visionAccount', 'vmrId'] as const;
  const FILLER = ['call', 'see', 'note:', 'ask', 'and', 'or', 'via', 'room'];

  const personArb = fc
    .record({
      given: fc.constantFrom('Wei', 'Na', 'Lei', 'Mei', 'Jun', 'Anna', 'Oliver', 'Søren'),
      family: fc.constantFrom('Zhang', 'Li', 'Wang', 'Chen', 'Smith', 'Müller'),
      // Not 15... and no run of zeros: a pseudonym (+1555...) or the normalized time (1700000000000)
      // would hold the digits, and the test could not tell them from a leak.
      mobile: fc
        .tuple(fc.constantFrom('3', '4', '6', '7', '8', '9'), fc.integer({ min: 100_000_000, max: 999_999_999 }).filter((n) => !/000/.test(String(n))))
        .map(([d, rest]) => `1${d}${rest}`),
      box: fc.stringMatching(/^[a-z]{3,8}$/),
      n: fc.integer({ min: 1, max: 9999 }),
      code: fc.tuple(fc.stringMatching(/^[A-Z]{2}$/), fc.integer({ min: 10_000_000, max: 99_999_999 }).filter((n) => !/000/.test(String(n)))).map(([a, n]) => `${a}${n}`),
      phoneFormat: fc.nat(8),
      phoneAsNumber: fc.boolean(),
      codeAsNumber: fc.boolean(),
      accountKind: fc.constantFrom('box', 'phone', 'email'),
    })
    .map((p) => {
      const m = p.mobile;
      const formats = [`+86${m}`, `+86 ${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`, `(+86) ${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`, `0086 ${m}`, `86${m}`, m, `${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`, `${m.slice(0, 3)}.${m.slice(3, 7)}.${m.slice(7)}`, `+86-${m}`];
      const account = `${p.box}_${p.n}`;
      return {
        ...p,
        // The activation code as the record holds it: the text quotes it the same way.
        code: p.codeAsNumber ? p.code.slice(2) : p.code,
        name: `${p.family} ${p.given}`,
        englishName: `${p.given} ${p.family}`,
        phone: formats[p.phoneFormat] ?? m,
        formats,
        email: `${account}@corp.example.cn`,
        account,
      };
    });
  type Person = typeof personArb extends fc.Arbitrary<infer T> ? T : never;

  // What a person's data can look like in a text: their name, account, e-mail, activation code, or
  // their phone in any format.
  const datumArb = (people: Person[]) =>
    fc.constantFrom(...people).chain((p) => fc.constantFrom(p.name, p.englishName, p.account, p.email, p.code, ...p.formats));
  const textArb = (people: Person[]) =>
    fc.oneof(datumArb(people), fc.tuple(fc.constantFrom(...FILLER), datumArb(people), fc.constantFrom('', '.', ',', ' today')).map(([a, d, z]) => `${a} ${d}${z}`));

  const recordArb = (people: Person[], p: Person) =>
    fc.record(Object.fromEntries(STRING_FIELDS.map((f) => [f, textArb(people)]))).map((texts) => ({
      ...texts,
      name: p.name,
      englishName: p.englishName,
      phone: p.phoneAsNumber ? Number(p.mobile) : p.phone,
      email: p.email,
      userAccount: p.accountKind === 'box' ? p.account : p.accountKind === 'phone' ? p.phone : p.email,
      thirdAccount: `${p.account}-3rd`,
      activeCode: p.codeAsNumber ? Number(p.code) : p.code,
      // Phone-like numbers in every number field that can hold one (int64 timestamps).
      activeTime: Number(p.mobile),
      activeCodeExpireTime: Number(`86${p.mobile}`),
      expireTime: Number(p.mobile) + 1,
      adminType: 2,
      hidePhone: false,
      license: 0,
      sortLevel: 1,
      status: 0,
      userType: 2,
    }));

  const exchangeArb = fc
    .uniqueArray(personArb, { minLength: 1, maxLength: 3, selector: (p) => p.mobile })
    .chain((people) => fc.tuple(fc.constant(people), fc.tuple(...people.map((p) => recordArb(people, p))), datumArb(people)))
    .map(([people, data, searchKey]) => ({
      people,
      exchange: {
        description: 'generated',
        source: 'live',
        operationId: 'SearchUsers',
        request: { method: 'GET', path: '/v1/usg/dcs/corp/member', query: { searchKey }, headers: { 'accept-language': 'en-US' }, body: null },
        response: { status: 200, headers: { 'content-type': 'application/json' }, body: { count: data.length, limit: 10, offset: 0, data } },
      } satisfies RecordedExchange,
    }));

  it('leaves no personal data in any field, and the recording keeps to the spec', () => {
    fc.assert(
      fc.property(exchangeArb, ({ people, exchange }) => {
        const out = new Scrubber().exchange(exchange);
        const text = JSON.stringify(out);
        for (const p of people) {
          for (const secret of [p.name, p.englishName, p.account, p.email, p.code, p.mobile, ...p.formats]) {
            expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
          }
        }
        const { request, response } = out;
        expect(validator.validateResponse({ method: 'GET', url: requestUrl(request), status: 200, headers: response.headers, body: responseText(response) })).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('assertNoSecret', () => {
  it('throws when a secret survived, without quoting it', () => {
    expect(() => assertNoSecret(`a ${TOKEN} b`, [TOKEN])).toThrow(/nothing was written/);
    expect(() => assertNoSecret(`a ${TOKEN} b`, [TOKEN])).not.toThrow(TOKEN);
    expect(() => assertNoSecret('clean', [TOKEN, ''])).not.toThrow();
  });
});
