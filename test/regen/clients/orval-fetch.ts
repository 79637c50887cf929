// The mutator orval's fetch client calls for every operation (`override.mutator` in its config):
// orval gives the operation's path and RequestInit; the base URL and the token are the caller's.
// The result has the shape orval's generated response types expect: { data, status, headers }.
let settings = { baseUrl: '', token: '' };

export function configure(next: { baseUrl: string; token: string }): void {
  settings = next;
}

export async function meetingFetch<T>(path: string, init: RequestInit): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('X-Access-Token', settings.token);
  const response = await fetch(`${settings.baseUrl}${path}`, { ...init, headers });
  const text = await response.text();
  return { data: text ? (JSON.parse(text) as unknown) : undefined, status: response.status, headers: response.headers } as T;
}
