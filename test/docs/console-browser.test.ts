// The try-it console of the served docs, driven in Chromium as a reader would: open the page from
// the server of `npm start`, press Try it, enter the token once, pick userType 2 and 12, send
// SearchUsers, then disable an account with the PUT. The mock says what it received. Every request
// the page makes is counted: none may leave the page's origin, none may hit a CSP violation, and
// the console may log no error.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockExchange } from '../../src/mock/index.js';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { consoleSpecOf } from '../../scripts/console-spec.js';
import { loadBundledSpec } from '../support/spec.js';
import { findChromium, launchChromium, MISSING_CHROMIUM } from './chromium.js';

const chromiumPath = findChromium();
const screenshotDir = fileURLToPath(new URL('../../dist/screenshots/', import.meta.url));
if (!chromiumPath) console.warn(MISSING_CHROMIUM);
const TOKEN = 'browser-console-token';
const SPEC_EXAMPLE_REQUEST_ID = '0ecdde61a9c0aedc6c17ed7add46033c';
// Redoc would send its traces in batches every 5 s, if it sent any: the page's clock jumps that far
// before counting (see browser.test.ts), and a request its timers start gets this much real time.
const TRACE_BATCH_DELAY_MS = 5_000;
const REQUEST_EVENT_MARGIN_MS = 1_000;

describe('the try-it console of the served docs, in Chromium', () => {
  let running: RunningServer;
  let browser: Browser | undefined;
  let page: Page;
  const received: MockExchange[] = [];
  const requested: string[] = [];
  const consoleErrors: string[] = [];
  const violations: string[] = [];

  beforeAll(async () => {
    // The mock accepts only this token: a 200 proves the console sent what the reader typed.
    running = await startServer({ port: 0, env: {}, mock: { requireToken: TOKEN, onExchange: (exchange) => received.push(exchange) } });
    if (!chromiumPath) return;
    mkdirSync(screenshotDir, { recursive: true });
    browser = await launchChromium(chromiumPath);
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    context.on('request', (request) => requested.push(request.url()));
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('websocket', (socket) => requested.push(socket.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
    await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        void (window as unknown as { reportViolation(text: string): Promise<void> }).reportViolation(
          `${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`,
        );
      });
    });
    // The page's timers run on a clock this test controls; time still flows as usual until it jumps.
    await page.clock.install();
    await page.goto(`${running.url}/`, { waitUntil: 'load' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  const consolePanel = (): Locator => page.getByRole('complementary', { name: 'Try it console' });
  const field = (label: string): Locator => consolePanel().getByLabel(label, { exact: true });
  const shownJson = async (): Promise<unknown> => JSON.parse(await consolePanel().getByTestId('try-it-body').innerText()) as unknown;

  it('opens with a Get started section first: install, run, use the client', async ({ skip }) => {
    skip(!chromiumPath, MISSING_CHROMIUM);
    const section = page.locator('h2', { hasText: /^Get started$/ }).first();
    await section.waitFor();
    const headings = await page.locator('main h2, [data-section-id] h2').allInnerTexts();
    expect(headings.map((heading) => heading.trim())[0]).toBe('Get started');
    const text = await page.locator('body').innerText();
    for (const line of ['npm install huawei-meeting-users', 'npx huawei-meeting-users serve', "import { createMeetingClient } from 'huawei-meeting-users';"]) {
      expect(text).toContain(line);
    }
  });

  it('offers the local mock first, production second, and a server the reader types', async ({ skip }) => {
    skip(!chromiumPath, MISSING_CHROMIUM);
    // Opened while Redoc shows an operation, the console shows that operation.
    const put = consoleSpecOf(loadBundledSpec() as unknown as Record<string, unknown>).operations.find((operation) => operation.method === 'PUT');
    const menu = page.locator('[data-component-name="Menu/Menu"]').first();
    const entry = menu.getByText(put?.summary ?? '', { exact: true });
    if (!(await entry.isVisible())) await menu.getByText('Users', { exact: true }).click();
    await entry.click();
    await page.getByRole('button', { name: 'Try it' }).click();
    await consolePanel().waitFor();
    expect(await field('Operation').inputValue()).toBe(put?.operationId);
    const server = field('Server');
    expect(await server.inputValue()).toBe(running.url);
    const options = await server.locator('option').evaluateAll((elements) => elements.map((element) => (element as HTMLOptionElement).value));
    expect(options).toEqual([running.url, 'https://api.meeting.huaweicloud.com', 'other']);
    await server.selectOption('other');
    await expect.poll(() => consolePanel().getByLabel('Other server URL').isVisible()).toBe(true);
    await server.selectOption(running.url);
  });

  it('sends SearchUsers to the mock with the token once, userType 2 and 12 as repeated keys, and shows the answer', async ({ skip }) => {
    skip(!chromiumPath, MISSING_CHROMIUM);
    await field('X-Access-Token (token)').fill(TOKEN);
    await field('Operation').selectOption('SearchUsers');
    const userType = consolePanel().getByRole('group', { name: 'userType' });
    await userType.getByLabel('2', { exact: true }).check();
    await userType.getByLabel('12', { exact: true }).check();
    await field('limit').fill('3');
    await field('Accept-Language').selectOption('en-US');
    const before = received.length;
    await consolePanel().getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => consolePanel().getByTestId('try-it-status').innerText()).toMatch(/^200 OK/);

    const exchange = received.slice(before);
    expect(exchange).toHaveLength(1);
    const [search] = exchange;
    expect(search?.method).toBe('GET');
    expect(search?.url).toBe('/v1/usg/dcs/corp/member?limit=3&userType=2&userType=12');
    expect(search?.status).toBe(200);
    expect(search?.request.headers['accept-language']).toBe('en-US');
    expect(search?.request.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(search?.request.headers['x-request-id']).not.toBe(SPEC_EXAMPLE_REQUEST_ID);

    const body = (await shownJson()) as { count: number; data: Array<{ userAccount: string; userType: number }> };
    expect(body.data).toHaveLength(3);
    expect(body.data.every((user) => user.userType === 2 || user.userType === 12)).toBe(true);
    expect(await consolePanel().getByTestId('try-it-headers').innerText()).toMatch(/content-type: application\/json/i);
    const shownRequest = await consolePanel().getByTestId('try-it-request').innerText();
    expect(shownRequest).toContain(`GET ${running.url}/v1/usg/dcs/corp/member?limit=3&userType=2&userType=12`);
    expect(shownRequest).not.toContain(TOKEN);
    await page.screenshot({ path: join(screenshotDir, 'try-it-search-users.png') });
  });

  it('disables an account with BatchUpdateUserStatus, sending the JSON body and a fresh request id', async ({ skip }) => {
    skip(!chromiumPath, MISSING_CHROMIUM);
    const account = ((await shownJson()) as { data: Array<{ userAccount: string }> }).data[0]?.userAccount ?? '';
    expect(running.store.users.find((user) => user.userAccount === account)?.status).toBe(0);
    await field('Operation').selectOption('BatchUpdateUserStatus');
    await field('value *').selectOption('1');
    await field('Body (JSON)').fill(JSON.stringify([account]));
    const before = received.length;
    await consolePanel().getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => consolePanel().getByTestId('try-it-status').innerText()).toMatch(/^200 OK/);

    const [put] = received.slice(before);
    expect(put?.method).toBe('PUT');
    expect(put?.url).toBe('/v1/usg/dcs/corp/member/status/1');
    expect(put?.status).toBe(200);
    expect(put?.request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(put?.request.body ?? '')).toEqual([account]);
    const ids = received.map((exchange) => exchange.request.headers['x-request-id']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(running.store.users.find((user) => user.userAccount === account)?.status).toBe(1);
    expect(await consolePanel().getByTestId('try-it-body').innerText()).toBe('(empty body)');
  });

  it('shows the mock\'s 401 for a wrong token, with the error body', async ({ skip }) => {
    skip(!chromiumPath, MISSING_CHROMIUM);
    await field('X-Access-Token (token)').fill('not-the-token');
    await field('Operation').selectOption('SearchUsers');
    await consolePanel().getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => consolePanel().getByTestId('try-it-status').innerText()).toMatch(/^401 /);
    expect(await shownJson()).toMatchObject({ error_code: 'USG.000000004' });
  });

  it('made no request beyond its origin, hit no CSP violation and logged no console error', { timeout: 30_000 }, async ({ skip }) => {
    skip(!chromiumPath, MISSING_CHROMIUM);
    // Browsing: every entry of the side menu, then the search box.
    await consolePanel().getByRole('button', { name: 'Close the console' }).click();
    for (const link of await page.locator('[data-component-name="Menu/Menu"]').first().locator('a').all()) await link.click();
    await page.locator('[data-testid="search-trigger"]').click();
    await page.keyboard.type('userType');
    await page.locator('[data-component-name="Search/SearchItem"]').first().waitFor();
    await page.keyboard.press('Escape');
    await page.clock.runFor(TRACE_BATCH_DELAY_MS + 1_000);
    await page.waitForTimeout(REQUEST_EVENT_MARGIN_MS);
    const origin = new URL(running.url).origin;
    const outside = requested.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
    expect(outside, 'requests that left the page origin').toEqual([]);
    // The page, then only what the reader sent: no favicon.ico, no font, no script.
    expect(requested.filter((url) => !url.startsWith('data:')).map((url) => new URL(url).pathname.replace(/\/status\/\d$/, '/status/{value}'))).toEqual([
      '/',
      '/v1/usg/dcs/corp/member',
      '/v1/usg/dcs/corp/member/status/{value}',
      '/v1/usg/dcs/corp/member',
    ]);
    expect(violations).toEqual([]);
    expect(consoleErrors.filter((error) => !/status of 401/.test(error))).toEqual([]);
    console.log(`served docs: ${requested.length} requests, all to ${origin}`);
  });

  // After the count above: the one request in this file that leaves the page's origin, on purpose.
  it('sends to a server the reader types: another mock, on another port, that allows this origin with CORS', async ({ skip }) => {
    skip(!chromiumPath, MISSING_CHROMIUM);
    const other = await startMockServer({ cors: new URL(running.url).origin, requireToken: TOKEN });
    try {
      await page.getByRole('button', { name: 'Try it' }).click();
      await field('Server').selectOption('other');
      await consolePanel().getByLabel('Other server URL').fill(other.url);
      await field('X-Access-Token (token)').fill(TOKEN);
      await field('Operation').selectOption('SearchUsers');
      const before = requested.length;
      await consolePanel().getByRole('button', { name: 'Send' }).click();
      await expect.poll(() => consolePanel().getByTestId('try-it-status').innerText()).toMatch(/^200 OK/);
      expect(requested.slice(before).every((url) => url.startsWith(`${other.url}/v1/usg/dcs/corp/member`))).toBe(true);
      expect(violations).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
