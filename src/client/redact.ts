// Keeps secrets out of everything an error or a log line carries: messages, header values, causes.

export const REDACTED = '[REDACTED]';

/** Header names whose values are credentials whatever they contain. */
const SECRET_HEADERS = new Set(['x-access-token', 'authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/** The tokens a client has sent recently; bounded so a rotating provider cannot grow it forever. */
export class SecretSet {
  readonly #secrets: string[] = [];
  constructor(private readonly limit = 16) {}

  add(secret: string): void {
    if (!secret || this.#secrets.includes(secret)) return;
    this.#secrets.push(secret);
    if (this.#secrets.length > this.limit) this.#secrets.shift();
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.#secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }

  /** Response headers as a plain object, credentials replaced. */
  headers(headers: Headers): Record<string, string> {
    const out: Record<string, string> = {};
    headers.forEach((value, name) => {
      out[name] = SECRET_HEADERS.has(name) ? REDACTED : this.redact(value);
    });
    return out;
  }

  /**
   * A copy of an error chain (for `cause`) whose messages and stacks went through `redact`. The
   * original is dropped: a fetch implementation may put request details in its message or fields.
   */
  error(error: unknown, depth = 0): Error | undefined {
    if (error === undefined || error === null) return undefined;
    const source = error instanceof Error ? error : new Error(String(error));
    const copy = new Error(this.redact(source.message));
    copy.name = source.name;
    copy.stack = source.stack === undefined ? undefined : this.redact(source.stack);
    const code = (source as { code?: unknown }).code;
    if (typeof code === 'string') Object.assign(copy, { code: this.redact(code) });
    if (depth < 4 && source.cause !== undefined) {
      Object.defineProperty(copy, 'cause', { value: this.error(source.cause, depth + 1), enumerable: false, writable: true, configurable: true });
    }
    return copy;
  }
}
