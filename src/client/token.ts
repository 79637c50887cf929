// Where each attempt's X-Access-Token comes from, checked and remembered for redaction.
import type { AccessTokenSource } from './config.js';
import type { SecretSet } from './redact.js';
import { Problems } from './validate.js';

/**
 * A fixed token as the string itself, read without an await on the hot path; or a function that
 * asks the provider (every time: it decides what to cache), checks the answer and remembers it.
 * Only a provider can give a different token, so only then is a 401 worth one more try.
 */
export type Token = string | (() => Promise<string>);

export function tokenSource(source: AccessTokenSource, secrets: SecretSet): Token {
  if (typeof source === 'string') {
    secrets.add(source);
    return source;
  }
  return async () => {
    const token = await source();
    const p = new Problems();
    p.token('accessToken', token);
    p.throwIfAny();
    secrets.add(token);
    return token;
  };
}
