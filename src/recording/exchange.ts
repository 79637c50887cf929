// One recorded HTTP exchange, as read from and written to the HAR files of test/recordings/ (har.ts).
export type RecordedRequest = {
  method: 'GET' | 'PUT';
  path: string;
  /** Query parameters; a repeated key (userType) is an array, in wire order. */
  query: Record<string, string | string[]>;
  /** Lower-case names; never a credential. */
  headers: Record<string, string>;
  body: unknown;
};

export type RecordedResponse = {
  status: number;
  headers: Record<string, string>;
  /** The parsed JSON body, or null when the response has none. */
  body: unknown;
};

export type RecordedExchange = {
  description: string;
  /**
   * Where it comes from: a Huawei reference page, written by hand from the spec, recorded from
   * Huawei's service (`live`), or recorded from any other server such as a mock (`recorded`).
   */
  source: 'seed' | 'synthetic' | 'live' | 'recorded';
  operationId: 'SearchUsers' | 'BatchUpdateUserStatus';
  request: RecordedRequest;
  response: RecordedResponse;
};

/** The request's path and query string, as sent (repeated keys for arrays). */
export function requestUrl(request: Pick<RecordedRequest, 'path' | 'query'>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(request.query)) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, item);
  }
  const query = params.toString();
  return query ? `${request.path}?${query}` : request.path;
}

/** The response body as it was on the wire. */
export function responseText(response: RecordedResponse): string {
  return response.body === null ? '' : JSON.stringify(response.body);
}
