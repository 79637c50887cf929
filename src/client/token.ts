// Where each attempt's X-Access-Token comes from, checked and remembered for redaction.
import type { AccessTokenSource } from './config.js';
import type { SecretSet } from './redact.js';
import { Problems } from './validate.js';

export class TokenSource {
  constructor(
    private readonly source: AccessTokenSource,
    private readonly secrets: SecretSet,
  ) {
    if (typeof source === 'string') secrets.add(source);
  }

  /** The token when it is a fixed string: read without an await on the hot path. */
  get fixed(): string | undefined {
    return typeof this.source === 'string' ? this.source : undefined;
  }

  /** True when asking again can give a different token (so a 401 is worth one more try). */
  get refreshable(): boolean {
    return typeof this.source === 'function';
  }

  /** The token for the next attempt. A provider is asked every time: it decides what to cache. */
  async get(): Promise<string> {
    if (typeof this.source === 'string') return this.source;
    const token = await this.source();
    const p = new Problems();
    p.token('accessToken', token);
    p.throwIfAny();
    this.secrets.add(token);
    return token;
  }
}
