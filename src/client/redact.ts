// Keeps secrets out of everything an error or a log line carries: messages, header values, causes.

export const REDACTED = '[REDACTED]';

/** Header names whose values are credentials whatever they contain. */
const SECRET_HEADERS = new Set(['x-access-token', 'authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/** The tokens a client has sent recently; bounded so a rotating provider cannot grow it forever. */
const MAX_SECRETS = 16;

export class SecretSet {
  readonly #secrets: string[] = [];
  #pattern: RegExp | undefined;

  /** Tokens are at least 8 characters (checked before they get here), so redacting one garbles nothing else. */
  add(secret: string): void {
    if (this.#secrets.includes(secret)) return;
    if (this.#secrets.push(secret) > MAX_SECRETS) this.#secrets.shift();
    // A server may echo a token as sent, inside a JSON string (with "/" escaped or not), or
    // percent-encoded (hex digits in either case: the pattern ignores case).
    const forms = this.#secrets.flatMap((raw) => {
      const json = JSON.stringify(raw).slice(1, -1);
      return [raw, json, json.replaceAll('/', '\\/'), encodeURIComponent(raw)];
    });
    // Every character but a letter or a digit escaped (without the `u` flag, escaping any other one is harmless).
    this.#pattern = new RegExp(forms.map((form) => form.replace(/\W/g, '\\$&')).join('|'), 'gi');
  }

  redact(text: string): string {
    return this.#pattern ? text.replace(this.#pattern, REDACTED) : text;
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
    const { name, stack, code } = source as Error & { code?: unknown };
    return Object.assign(new Error(this.redact(source.message), depth < 4 && source.cause !== undefined ? { cause: this.error(source.cause, depth + 1) } : undefined), {
      name,
      stack: stack && this.redact(stack),
      ...(typeof code === 'string' && { code: this.redact(code) }),
    });
  }
}
