// Small fetch helpers shared by the contract suites: every request carries what the spec asks
// for (a token, an explicit Accept-Language) unless a test says otherwise.
export const SEARCH_PATH = '/v1/usg/dcs/corp/member';
export const statusPath = (value: number | string) => `/v1/usg/dcs/corp/member/status/${value}`;

export type Sent = { status: number; headers: Headers; text: string; json: unknown };

export const defaultHeaders = { 'X-Access-Token': 'test-token', 'Accept-Language': 'en-US' };

export async function send(baseUrl: string, path: string, init: RequestInit = {}): Promise<Sent> {
  const headers = new Headers(defaultHeaders);
  for (const [k, v] of new Headers(init.headers)) headers.set(k, v);
  const response = await fetch(baseUrl + path, { ...init, headers });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export function search(baseUrl: string, query: string, init: RequestInit = {}): Promise<Sent> {
  return send(baseUrl, `${SEARCH_PATH}${query ? `?${query}` : ''}`, init);
}

export function putStatus(baseUrl: string, value: number | string, accounts: unknown, query = '', init: RequestInit = {}): Promise<Sent> {
  return send(baseUrl, `${statusPath(value)}${query ? `?${query}` : ''}`, {
    method: 'PUT',
    body: typeof accounts === 'string' ? accounts : JSON.stringify(accounts),
    ...init,
    headers: { 'Content-Type': 'application/json', ...(init.headers as Record<string, string> | undefined) },
  });
}
