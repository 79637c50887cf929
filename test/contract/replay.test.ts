// Every recorded exchange replayed through the client: a fetch serves the recorded response, and
// the client must send the recorded request (spec-valid, token included) and come back with the
// typed result or the typed error. Then every HAR file replayed by a tool from outside this
// project, @mswjs/source's fromTraffic (MSW handlers from HAR), to a plain fetch and to the client.
import { fromTraffic } from '@mswjs/source/traffic';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeetingClient, MeetingApiError, MeetingBatchError, type MeetingFetch } from '../../src/index.js';
import { fromHar, requestUrl, responseText, type RecordedExchange } from '../../src/recording/index.js';
import { createSpecValidator, loadBundledSpec } from '../../src/validation/index.js';
import { harFiles, loadRecordings } from './support/recordings.js';

const validator = createSpecValidator(loadBundledSpec());
const TOKEN = 'replay-token';

type Sent = { url: string; init: RequestInit };

function replaying(exchange: RecordedExchange, sent: Sent[]): MeetingFetch {
  return async (url, init) => {
    sent.push({ url, init });
    const { status, headers } = exchange.response;
    return new Response(responseText(exchange.response) || null, { status, headers });
  };
}

/** The typed input the recorded request stands for, read through the spec. */
function typedInput(exchange: RecordedExchange) {
  const { request } = exchange;
  return validator.validateRequest({
    method: request.method,
    url: requestUrl(request),
    headers: { ...request.headers, 'x-access-token': TOKEN },
    body: request.body === null ? undefined : JSON.stringify(request.body),
  });
}

async function callClient(exchange: RecordedExchange, fetch?: MeetingFetch) {
  const client = fetch
    ? createMeetingClient({ accessToken: TOKEN, baseUrl: 'https://replay.invalid', language: 'en-US', retry: { maxRetries: 0 }, fetch })
    : // The default base URL and the global fetch, which MSW intercepts.
      createMeetingClient({ accessToken: TOKEN, language: 'en-US', retry: { maxRetries: 0 } });
  const input = typedInput(exchange);
  if (exchange.operationId === 'SearchUsers') return client.searchUsers(input.query);
  return client.batchUpdateUserStatus({
    status: input.path.value as 0 | 1,
    accounts: input.body as string[],
    accountType: input.query.accountType as 0 | 1 | undefined,
  });
}

type Outcome = { value: unknown } | { error: unknown };

/** The typed result a 2xx stands for, or the typed error of the recorded status and body. */
function expectOutcome(exchange: RecordedExchange, outcome: Outcome): void {
  const { status, body: recorded, headers: recordedHeaders } = exchange.response;
  if (status < 300) {
    expect(outcome).toEqual({
      value: exchange.operationId === 'SearchUsers' ? recorded : { updated: exchange.request.body },
    });
    return;
  }
  const error = 'error' in outcome ? outcome.error : undefined;
  const apiError = error instanceof MeetingBatchError ? error.failed[0]?.error : error;
  if (error instanceof MeetingBatchError) expect(error.updated).toEqual([]);
  expect(apiError).toBeInstanceOf(MeetingApiError);
  const errorBody = recorded as { error_code: string; error_msg: string; request_id?: string };
  expect(apiError).toMatchObject({
    status,
    errorCode: errorBody.error_code,
    errorMessage: errorBody.error_msg,
    requestId: errorBody.request_id ?? recordedHeaders['x-request-id'],
  });
  expect(String((apiError as Error).message)).not.toContain(TOKEN);
}

describe('recordings replayed through the client', () => {
  it.each(loadRecordings().map((r) => [r.file, r.exchange] as const))('%s', async (_file, exchange) => {
    const sent: Sent[] = [];
    const outcome = await callClient(exchange, replaying(exchange, sent)).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );

    // The client sent exactly the recorded request, and a spec-valid one.
    expect(sent).toHaveLength(1);
    const { url, init } = sent[0]!;
    const path = new URL(url);
    expect(init.method ?? 'GET').toBe(exchange.request.method);
    expect(path.pathname).toBe(exchange.request.path);
    expect([...path.searchParams].sort()).toEqual([...new URL(requestUrl(exchange.request), 'http://x').searchParams].sort());
    const headers = new Headers(init.headers);
    expect(headers.get('x-access-token')).toBe(TOKEN);
    const body = typeof init.body === 'string' ? init.body : undefined;
    expect(validator.validateRequest({ method: exchange.request.method, url: path.pathname + path.search, headers, body }).issues).toEqual([]);

    expectOutcome(exchange, outcome);
  });
});

describe('HAR files replayed through @mswjs/source fromTraffic', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it.each(harFiles().map((h) => [h.file, h.har] as const))('%s', async (_file, har) => {
    // fromTraffic reads the HAR types of `har-format`; ours is a structural subset of them.
    server.resetHandlers(...fromTraffic(har as Parameters<typeof fromTraffic>[0]));
    for (const [i, exchange] of fromHar(har).entries()) {
      const entry = har.log.entries[i]!;
      // A plain fetch, as any other client would send the recorded request.
      const response = await fetch(entry.request.url, {
        method: entry.request.method,
        headers: { ...exchange.request.headers, 'x-access-token': TOKEN },
        body: entry.request.postData?.text,
      });
      expect(response.status).toBe(exchange.response.status);
      expect(await response.text()).toBe(entry.response.content.text ?? '');
      // This client, on its default base URL and the global fetch.
      const outcome = await callClient(exchange).then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
      expectOutcome(exchange, outcome);
    }
  });
});
