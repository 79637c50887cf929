// runContractChecks and toJUnitXml: the checks pass on a conforming server, fail on a drifting one,
// write only when allowed (and put things back), and report as well-formed JUnit XML.
import { createServer } from 'node:http';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContractChecks, toJUnitXml, type CheckResult } from '../../src/contract/index.js';
import { MeetingValidationError } from '../../src/index.js';
import { startMockServer, type MockServer } from '../../src/mock/index.js';

const TOKEN = 'tok-contract-checks-must-not-leak';
let mock: MockServer;
const seen: { method: string; url: string }[] = [];

beforeAll(async () => {
  mock = await startMockServer({ authenticate: (t) => (t === TOKEN ? 'ok' : 'invalid'), onExchange: (e) => seen.push(e) });
});
afterAll(async () => {
  await mock.close();
});

describe('runContractChecks', () => {
  it('passes every read-only check against the mock requiring a token, and sends no PUT', async () => {
    seen.length = 0;
    const results = await runContractChecks({ baseUrl: mock.url, token: TOKEN });
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results).toHaveLength(7);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((e) => e.method === 'GET')).toBe(true);
  });

  it('with allowPutAccount: toggles that account, sees the change, and restores it', async () => {
    const user = mock.store.users.find((u) => u.userType === 2 && u.status === 0)!;
    seen.length = 0;
    const results = await runContractChecks({ baseUrl: mock.url, token: TOKEN, allowPutAccount: user.userAccount });
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.at(-1)?.name).toBe('a status change is applied, seen by SearchUsers, and undone');
    expect(seen.filter((e) => e.method === 'PUT').map((e) => new URL(e.url, 'http://x').pathname)).toEqual([
      '/v1/usg/dcs/corp/member/status/1',
      '/v1/usg/dcs/corp/member/status/0',
    ]);
    expect(mock.store.users.find((u) => u.userAccount === user.userAccount)?.status).toBe(0);
  });

  it('sends no PUT for an account the server does not list', async () => {
    seen.length = 0;
    const results = await runContractChecks({ baseUrl: mock.url, token: TOKEN, allowPutAccount: 'nobody-by-this-account' });
    expect(results.at(-1)).toMatchObject({ ok: false, detail: expect.stringContaining('not listed') });
    expect(seen.some((e) => e.method === 'PUT')).toBe(false);
  });

  it('fails the toggle when a server answers 200 but changes nothing, and says the account was restored', async () => {
    const user = mock.store.users.find((u) => u.userType === 2 && u.status === 0)!;
    // A server that forgets every PUT: the change is never seen.
    const forgetful: typeof fetch = async (input, init) =>
      init?.method === 'PUT' ? new Response(null, { status: 200, headers: { 'content-type': 'application/json' } }) : fetch(input, init);
    const results = await runContractChecks({ baseUrl: mock.url, token: TOKEN, allowPutAccount: user.userAccount, fetch: forgetful });
    const toggle = results.at(-1)!;
    expect(toggle.ok).toBe(false);
    expect(toggle.detail).toContain('after the change SearchUsers shows status 0, expected 1');
    expect(toggle.detail).not.toContain('NOT RESTORED');
  });

  it('says NOT RESTORED when the restoring PUT cannot be sent', async () => {
    const user = mock.store.users.find((u) => u.userType === 2 && u.status === 0)!;
    let puts = 0;
    const breaksOnRestore: typeof fetch = async (input, init) => {
      if (init?.method === 'PUT' && ++puts === 2) throw new Error(`socket hang up (token ${TOKEN})`);
      return fetch(input, init);
    };
    const results = await runContractChecks({ baseUrl: mock.url, token: TOKEN, allowPutAccount: user.userAccount, fetch: breaksOnRestore });
    expect(results.at(-1)?.detail).toContain('NOT RESTORED (unconfirmed): it had status 0; socket hang up');
    expect(results.at(-1)?.detail).not.toContain(TOKEN);
    mock.store.users.find((u) => u.userAccount === user.userAccount)!.status = 0;
  });

  it('keeps the path of a base URL behind a gateway', async () => {
    const urls = new Set<string>();
    const fetchImpl = (async (url: URL) => {
      urls.add(url.pathname);
      return new Response('{}', { status: 500 });
    }) as typeof fetch;
    await runContractChecks({ baseUrl: 'https://gateway.example/meeting/', token: TOKEN, fetch: fetchImpl });
    expect([...urls]).toEqual(['/meeting/v1/usg/dcs/corp/member']);
  });

  it('fails the checks a drifting server breaks, with the token cut out of every detail', async () => {
    const drifting = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'fixed' });
      res.end(JSON.stringify({ count: 5, data: [], limit: '10', offset: 0, echo: req.headers['x-access-token'] }));
    });
    await new Promise<void>((resolve) => drifting.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = drifting.address() as { port: number };
      const results = await runContractChecks({ baseUrl: `http://127.0.0.1:${port}`, token: TOKEN });
      const failed = results.filter((r) => !r.ok).map((r) => r.name);
      expect(failed).toContain('default search: common users only, at most 10');
      expect(failed).toContain('an offset past the end returns the last page, not an empty one');
      expect(failed).toContain('a missing token is a 401 with a Huawei error body');
      expect(results.find((r) => r.name.startsWith('default'))?.detail).toContain('body/limit');
      expect(JSON.stringify(results)).not.toContain(TOKEN);
    } finally {
      drifting.closeAllConnections();
      await new Promise<void>((resolve) => drifting.close(() => resolve()));
    }
  });

  it('refuses bad options by name before sending anything', async () => {
    let calls = 0;
    const counting = (async () => {
      calls += 1;
      return new Response('{}');
    }) as typeof fetch;
    const cases: [Record<string, unknown>, string][] = [
      [{ baseUrl: 'ftp://x', token: TOKEN }, 'baseUrl'],
      [{ baseUrl: 'http://meeting.example.com', token: TOKEN }, 'baseUrl'],
      [{ baseUrl: 'https://x.example/?a=1', token: TOKEN }, 'baseUrl'],
      [{ baseUrl: mock.url, token: '' }, 'token'],
      [{ baseUrl: mock.url, token: 'a\nb' }, 'token'],
      [{ baseUrl: mock.url, token: TOKEN, allowPutAccount: ' ' }, 'allowPutAccount'],
      [{ baseUrl: mock.url, token: TOKEN, allowPutAccount: 'a', accountType: 2 }, 'accountType'],
      [{ baseUrl: mock.url, token: TOKEN, fetch: 'no' }, 'fetch'],
    ];
    for (const [options, field] of cases) {
      const error = await runContractChecks({ fetch: counting, ...options } as never).catch((e: unknown) => e);
      expect(error, field).toBeInstanceOf(MeetingValidationError);
      expect((error as MeetingValidationError).problems.map((p) => p.field)).toContain(field);
      expect((error as Error).message).not.toContain('a\nb');
    }
    expect(calls).toBe(0);
  });
});

describe('toJUnitXml', () => {
  const hostile = 'a <b> & "c" \'d\' ]]> \u0000\u0007 \uD800 x\n<second line>\t\u{1F600}';
  const results: CheckResult[] = [
    { name: 'passes', ok: true, detail: '' },
    { name: `fails ${hostile}`, ok: false, detail: hostile },
  ];
  const xml = toJUnitXml(results, { suiteName: 'contract <x>' });

  it('is well-formed XML 1.0 whatever the names and details hold', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    // Characters XML 1.0 cannot carry become U+FFFD; the rest survives as text.
    expect(xml).not.toContain('\u0000');
    expect(xml).not.toContain('\u0007');
    expect(xml).toContain('\uFFFD');
  });

  it('counts tests and failures and carries each detail back intact', () => {
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: true, htmlEntities: true }).parse(xml) as {
      testsuites: { tests: string; failures: string; testsuite: { name: string; testcase: { name: string; failure?: { '#text': string; message: string } }[] } };
    };
    expect(parsed.testsuites).toMatchObject({ tests: '2', failures: '1' });
    expect(parsed.testsuites.testsuite.name).toBe('contract <x>');
    const [pass, fail] = parsed.testsuites.testsuite.testcase;
    expect(pass?.failure).toBeUndefined();
    const expected = hostile.replace('\u0000', '\uFFFD').replace('\u0007', '\uFFFD').replace('\uD800', '\uFFFD');
    expect(fail?.name).toBe(`fails ${expected}`);
    expect(fail?.failure?.['#text']).toBe(expected);
    expect(fail?.failure?.message).toBe(expected.split('\n')[0]);
  });

  it('reports an empty run as zero tests', () => {
    expect(toJUnitXml([])).toContain('<testsuite name="contract checks" tests="0" failures="0" errors="0" skipped="0">');
  });
});
