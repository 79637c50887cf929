// The Host check of `serve` against DNS rebinding: a page on evil.example whose name is made to
// resolve to 127.0.0.1 reaches this server with "Host: evil.example", and is refused. Loopback
// names are always allowed, and so are the names the user lists; an entry starting with a dot
// allows that domain and its subdomains (as Vite's server.allowedHosts does).

/** Always allowed, with any port. */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** The environment variable with more allowed host names, separated by commas. */
export const ALLOWED_HOSTS_ENV = 'MEETING_ALLOWED_HOSTS';

/** The names listed in MEETING_ALLOWED_HOSTS (empty when unset). */
export function allowedHostsFromEnv(env: Record<string, string | undefined> = process.env): string[] {
  return (env[ALLOWED_HOSTS_ENV] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** The host name of a Host header value without its port, lower case; undefined when malformed. */
export function hostName(header: string): string | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^[\]:/@\s]+)(?::(\d{1,5}))?$/i.exec(header.trim());
  if (!match?.[1]) return undefined;
  // A fully qualified name ("localhost.") is the same host.
  return match[1].toLowerCase().replace(/\.$/, '');
}

/** Says whether a Host header is allowed by the loopback names and `allowed`. */
export function createHostCheck(allowed: readonly string[] | true = []): (header: string | null) => boolean {
  if (allowed === true) return () => true;
  const names = new Set([...LOOPBACK_HOSTS, ...allowed].map((name) => name.toLowerCase().replace(/\.$/, '')));
  const domains = [...names].filter((name) => name.startsWith('.'));
  return (header) => {
    const name = header === null ? undefined : hostName(header);
    if (name === undefined) return false;
    return names.has(name) || domains.some((domain) => name === domain.slice(1) || name.endsWith(domain));
  };
}
