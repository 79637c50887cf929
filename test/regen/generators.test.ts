// The generator matrix: a client generated from dist/openapi.json by openapi-typescript (with
// openapi-fetch), @hey-api/openapi-ts and orval (fetch clients) type-checks under `strict` and
// talks to the mock in the wire format the API wants. kubb is left out: it sends `userType` as
// "2,12" and the body as text/plain (its bugs).
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockExchange, type MockServer } from '../../src/mock/index.js';
import { bundledSpecPath } from '../support/spec.js';
import { GENERATORS, generateClients, type Generator } from './support/generate-clients.js';

type Outcome = { searchStatus: number; count: number | undefined; userTypes: unknown[]; activeTimes: unknown[]; putStatus: number };
type Driver = { exercise(baseUrl: string, token: string, accounts: string[]): Promise<Outcome> };

const TOKEN = 'generator-matrix-token';
const tsc = join(createRequire(import.meta.url).resolve('typescript/package.json'), '..', 'bin', 'tsc');

let dir: string;
let mock: MockServer;
let typeCheck: Promise<{ code: number; output: string }>;
// What the mock received and answered, from its own record of each exchange.
const received: MockExchange[] = [];

beforeAll(async () => {
  dir = await generateClients(bundledSpecPath);
  // One tsc run over the three outputs and their drivers, while the tests below talk to the mock.
  typeCheck = promisify(execFile)(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')]).then(
    () => ({ code: 0, output: '' }),
    (error: { code: number; stdout: string }) => ({ code: error.code, output: error.stdout }),
  );
  // requireToken: any other token, or none, is answered 401, so a 200 shows the token arrived intact.
  mock = await startMockServer({ userCount: 200, requireToken: TOKEN, onExchange: (exchange) => received.push(exchange) });
}, 60_000); // Three generators and a mock server: a margin for a loaded machine.

afterAll(async () => {
  await mock?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('generated clients', () => {
  it('type-check under strict (one tsc run over all three)', async () => {
    expect(await typeCheck).toEqual({ code: 0, output: '' });
  });

  it.each(GENERATORS)('%s: SearchUsers and BatchUpdateUserStatus against the mock, in the wire format the API wants', async (generator: Generator) => {
    const driver = (await import(pathToFileURL(join(dir, `${generator}.ts`)).href)) as Driver;
    const targets = mock.store.users.filter((user) => user.status === 0 && user.userType === 2).slice(0, 2);
    const accounts = targets.map((user) => user.userAccount!);
    const from = received.length;

    const outcome = await driver.exercise(mock.url, TOKEN, accounts);

    // The mock answered both (it validates every request against the spec first).
    expect(outcome).toMatchObject({ searchStatus: 200, putStatus: 200 });
    // What the mock's own search gives for userType [2, 12]: the page must mix both types, so a
    // client that sent only one of them (or "2,12") gets a different page.
    const expected = mock.store.search({ userType: [2, 12], limit: 20 });
    expect(new Set(expected.data.map((user) => user.userType))).toEqual(new Set([2, 12]));
    expect(outcome.count).toBe(expected.count);
    expect(outcome.userTypes).toEqual(expected.data.map((user) => user.userType));
    // int64 timestamps arrive as JSON numbers and stay the same numbers (no string, no BigInt).
    expect(outcome.activeTimes).toEqual(expected.data.map((user) => user.activeTime));
    expect(outcome.activeTimes.some((time) => typeof time === 'number')).toBe(true);
    for (const time of outcome.activeTimes) expect(['number', 'undefined']).toContain(typeof time);
    // The PUT's JSON array reached the store.
    for (const user of targets) expect(mock.store.users.find((u) => u.userAccount === user.userAccount)?.status).toBe(1);

    const [search, put] = received.slice(from);
    expect(received.slice(from)).toHaveLength(2);
    const query = new URL(search!.url, mock.url).searchParams;
    expect(search).toMatchObject({ method: 'GET', status: 200 });
    expect(query.getAll('userType')).toEqual(['2', '12']);
    expect(search!.url).toContain('userType=2&userType=12');
    // The mock's record redacts the token; requireToken above checked its value.
    expect(search!.request.headers['x-access-token']).toBe('[REDACTED]');
    expect(search!.request.headers['accept-language']).toBe('en-US');
    expect(search!.language).toBe('en-US');

    expect(put!.method).toBe('PUT');
    expect(new URL(put!.url, mock.url).pathname).toBe('/v1/usg/dcs/corp/member/status/1');
    expect(put!.status).toBe(200);
    expect(put!.request.headers['x-access-token']).toBe('[REDACTED]');
    expect(put!.request.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(put!.request.body ?? '')).toEqual(accounts);

    // Restore, so each generator starts from the same store.
    mock.store.setStatus(0, accounts);
  });
});
