// The rendered docs (dist/docs/index.html) in a real browser, read the way a person reads them:
// open the file from disk, click each operation in the side menu (Redoc 3 renders one operation
// at a time), read its parameters, code samples and example response, and search. All along,
// every request the page makes is recorded: nothing may leave the file, on load or on any click.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOperations, readCodeSamples } from '../../scripts/code-samples.js';
import { loadBundledSpec, type OpenApiDocument } from '../support/spec.js';
import { resolveRef } from './resolve-ref.js';
import { findChromium, launchChromium, MISSING_CHROMIUM } from './chromium.js';

const pagePath = fileURLToPath(new URL('../../dist/docs/index.html', import.meta.url));
const screenshotDir = fileURLToPath(new URL('../../dist/screenshots/', import.meta.url));
const chromiumPath = findChromium();
// The reason of a skip is easy to miss in a summary: say it once, plainly, in the output.
if (!chromiumPath) console.warn(MISSING_CHROMIUM);
const MISSING_PAGE = `${pagePath} is missing: run \`npm run build\` first (npm test builds it before vitest).`;

// What stays on this machine: the page's own file, and the data: and blob: URLs the page makes in
// memory (Redoc starts its search workers from blob: URLs). Anything else left the file.
const LOCAL_PROTOCOLS = new Set(['file:', 'data:', 'blob:']);
const TRACE_BATCH_DELAY_MS = 5_000;
const REQUEST_EVENT_MARGIN_MS = 1_000;

type Schema = { enum?: unknown[]; items?: Schema };
type Parameter = { name: string; schema?: Schema };
type Operation = { operationId: string; summary: string; tag: string; path: string; parameters: Parameter[]; example: unknown };

const doc = loadBundledSpec();
const operations = operationsOf(doc);
const samples = readCodeSamples(operations.map((operation) => operation.operationId));

function operationsOf(spec: OpenApiDocument): Operation[] {
  return listOperations(spec).map(({ path, method, operationId }) => {
    const raw = spec.paths[path]?.[method] as {
      summary: string;
      tags: string[];
      parameters?: unknown[];
      responses: Record<string, unknown>;
    };
    // The example a reader sees first: the first example of the first response that has one.
    const firstResponse = resolveRef(spec, Object.values(raw.responses)[0]) as {
      content?: Record<string, { examples?: Record<string, unknown> }>;
    };
    const firstExample = Object.values(Object.values(firstResponse.content ?? {})[0]?.examples ?? {})[0];
    return {
      operationId,
      summary: raw.summary,
      tag: raw.tags[0] ?? '',
      path,
      parameters: (raw.parameters ?? []).map((parameter) => resolveRef(spec, parameter) as Parameter),
      example: firstExample === undefined ? undefined : (resolveRef(spec, firstExample) as { value: unknown }).value,
    };
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every string and number in an example: what a reader must be able to see of it. */
function leaves(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (typeof value === 'object') return Object.values(value).flatMap(leaves);
  return [JSON.stringify(value)];
}

/** The lines of a parameter's entry: from its name to the next parameter's name. */
function parameterEntry(lines: string[], parameter: Parameter, all: Parameter[]): string[] {
  const start = lines.indexOf(parameter.name);
  const ends = all.map((other) => lines.indexOf(other.name)).filter((index) => index > start);
  const responses = lines.indexOf('Responses', start);
  return lines.slice(start, Math.min(...ends, responses === -1 ? lines.length : responses));
}

describe('the rendered docs in Chromium', () => {
  let browser: Browser | undefined;
  let page: Page;
  const requested: string[] = [];
  const routed: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    if (!chromiumPath) return;
    if (!existsSync(pagePath)) throw new Error(MISSING_PAGE);
    mkdirSync(screenshotDir, { recursive: true });
    browser = await launchChromium(chromiumPath);
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    // Two independent counts: every request event, and every request that reaches the network layer.
    context.on('request', (request) => requested.push(request.url()));
    await context.route('**/*', (route) => {
      routed.push(route.request().url());
      return route.continue();
    });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('websocket', (socket) => requested.push(socket.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
    // The page's timers run on a clock this test controls (time still flows as usual until then):
    // the wait for a trace batch below is a jump of the clock, not seconds of real time.
    await page.clock.install();
    await page.goto(pathToFileURL(pagePath).href, { waitUntil: 'load' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  const menu = (): Locator => page.locator('[data-component-name="Menu/Menu"]').first();
  // An operation's title; its accessible name also holds the text of its deep-link icon.
  const operationHeading = (summary: string): Locator => page.locator('h2', { hasText: new RegExp(`^${escapeRegExp(summary)}$`) });

  it('opens from disk and lists every operation under its tag in the side menu', async ({ skip }) => {
    skip(!chromiumPath, MISSING_CHROMIUM);
    await page.getByRole('heading', { level: 1, name: String((doc.info as { title: string }).title), exact: false }).waitFor();
    for (const tag of new Set(operations.map((operation) => operation.tag))) {
      await menu().getByText(tag, { exact: true }).click();
    }
    for (const operation of operations) {
      await menu().getByText(operation.summary, { exact: true }).waitFor({ state: 'visible' });
    }
  });

  it.for(operations)(
    'shows $operationId: its path, every parameter with its enum values, its code samples and example',
    { timeout: 60_000 },
    async (operation, { skip }) => {
      skip(!chromiumPath, MISSING_CHROMIUM);
      const entry = menu().getByText(operation.summary, { exact: true });
      if (!(await entry.isVisible())) await menu().getByText(operation.tag, { exact: true }).click();
      await entry.click();

      const heading = operationHeading(operation.summary);
      await heading.waitFor({ state: 'visible' });
      const section = page.locator('[data-section-id]').filter({ has: heading });
      expect(await section.count()).toBe(1);

      const text = await section.innerText();
      const lines = text.split('\n').map((line) => line.trim());
      expect(text).toContain(operation.path);

      for (const parameter of operation.parameters) {
        expect(lines, `parameter ${parameter.name}`).toContain(parameter.name);
        const values = parameter.schema?.enum ?? parameter.schema?.items?.enum;
        if (!values) continue;
        const shown = parameterEntry(lines, parameter, operation.parameters);
        expect(shown.some((line) => /Enum:$/.test(line)), `enum of ${parameter.name}: ${shown.join(' | ')}`).toBe(true);
        for (const value of values) expect(shown, `enum value ${String(value)} of ${parameter.name}`).toContain(JSON.stringify(value));
      }

      for (const expected of leaves(operation.example)) expect(text, 'the example response').toContain(expected);
      if (operation.example !== undefined) {
        await section.locator('[data-component-name="JsonViewer/JsonViewer"]').last().scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(screenshotDir, `${operation.operationId}-example.png`) });
      }

      // Each code sample, picked from the language menu of the request panel as a reader would.
      for (const sample of samples.get(operation.operationId) ?? []) {
        await section.locator('[data-component-name="Dropdown/Dropdown"]').filter({ hasText: /^(curl|TypeScript|Payload)$/ }).click();
        await page.locator('[data-component-name="Dropdown/DropdownMenuItem"]').getByText(sample.label, { exact: true }).click();
        const shownCode = (await section.locator('[data-component-name="CodeBlock/CodeBlock"]').first().innerText())
          .split('\n')
          .map((line) => line.trim());
        for (const line of sample.source.split('\n').map((l) => l.trim()).filter(Boolean)) {
          expect(shownCode, `${sample.label} sample of ${operation.operationId}`).toContain(line);
        }
      }
      await page.screenshot({ path: join(screenshotDir, `${operation.operationId}.png`) });
    },
  );

  it('finds userType with the search box and opens its operation', async ({ skip }) => {
    skip(!chromiumPath, MISSING_CHROMIUM);
    await page.locator('[data-testid="search-trigger"]').click();
    await page.keyboard.type('userType');
    const hit = page.locator('[data-component-name="Search/SearchItem"]').filter({ hasText: '→ userType' }).first();
    await hit.waitFor({ state: 'visible' });
    const owner = operations.find((operation) => operation.parameters.some((parameter) => parameter.name === 'userType'));
    expect(owner, 'an operation with a userType parameter').toBeDefined();
    expect(await hit.innerText()).toContain(owner?.summary);
    await page.screenshot({ path: join(screenshotDir, 'search.png') });
    await hit.click();
    await operationHeading(owner?.summary ?? '').waitFor({ state: 'visible' });
  });

  it('opens every other entry of the side menu', async ({ skip }) => {
    skip(!chromiumPath, MISSING_CHROMIUM);
    const entries = await menu().locator('a').all();
    expect(entries.length).toBeGreaterThan(operations.length);
    for (const entry of entries) await entry.click();
  });

  it('has a read-only console from disk: it says how to serve the page and offers no Send', async ({ skip }) => {
    skip(!chromiumPath, MISSING_CHROMIUM);
    await page.getByRole('button', { name: 'Try it' }).click();
    const panel = page.getByRole('complementary', { name: 'Try it console' });
    await expect.poll(() => panel.innerText()).toMatch(/opened from a file, so it cannot send requests\. Run npx huawei-meeting-users serve/);
    expect(await panel.getByRole('button', { name: 'Send' }).count()).toBe(0);
    await panel.getByRole('button', { name: 'Close the console' }).click();
  });

  it('made no request beyond its own file, on load or on any click', { timeout: 30_000 }, async ({ skip }) => {
    skip(!chromiumPath, MISSING_CHROMIUM);
    // Redoc queues its OpenTelemetry traces and sends them every 5 s (the batch span processor's
    // default), so a page that phones home only shows it after the last click plus that delay:
    // the page's clock jumps past it, firing every timer due by then, and a request those timers
    // start has the same second of real time as before to reach the listeners.
    await page.clock.runFor(TRACE_BATCH_DELAY_MS + 1_000);
    await page.waitForTimeout(REQUEST_EVENT_MARGIN_MS);
    const left = [...requested, ...routed].filter((url) => !LOCAL_PROTOCOLS.has(new URL(url).protocol));
    expect(left, `requests that left ${pathToFileURL(pagePath).href}`).toEqual([]);
    expect(requested[0]).toBe(pathToFileURL(pagePath).href);
    // blob: URLs must be the page's own (a file: page has the origin "null").
    expect(requested.filter((url) => url.startsWith('blob:') && !url.startsWith('blob:null/'))).toEqual([]);
    console.log(`docs page: ${requested.length} requests (${requested.filter((url) => url.startsWith('file:')).length} file:, ${requested.filter((url) => url.startsWith('blob:')).length} blob:), ${left.length} outside`);
  });

  it('logged no console error', async ({ skip }) => {
    skip(!chromiumPath, MISSING_CHROMIUM);
    expect(consoleErrors).toEqual([]);
  });
});

describe('the built page', () => {
  it('is one file: no script or stylesheet is loaded from elsewhere', () => {
    if (!existsSync(pagePath)) throw new Error(MISSING_PAGE);
    const html = readFileSync(pagePath, 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=/);
    // The favicon is the one link, and it is a data: URL.
    expect(html.match(/<link[^>]+href="[^"]*"/g)?.map((link) => /href="(\w+):/.exec(link)?.[1])).toEqual(['data']);
    expect(html).not.toContain('cdn.redoc.ly/redoc/logo');
  });
});
