// Normalizes and scrubs recorded exchanges so a re-recording of the same data gives the same
// files and no recording holds a secret or a person's contact data:
// - credentials: only allow-listed headers are kept (never X-Access-Token or Authorization),
//   the token's value is replaced wherever else it appears, and activation codes are redacted;
// - request ids and timestamps: replaced by fixed values;
// - phone numbers, e-mail addresses, personal names and search keys: replaced by pseudonyms numbered in order
//   of first appearance (the same person keeps the same pseudonym across all exchanges scrubbed
//   by one Scrubber, so searches and pages stay consistent). Pseudonyms are not hashes: a hash of
//   a phone number can be reversed by trying every number.
import type { RecordedExchange } from './exchange.js';

export const NORMALIZED_REQUEST_ID = '00000000000000000000000000000000';
export const NORMALIZED_TIME = 1_700_000_000_000;
export const REDACTED = '[REDACTED]';

const KEPT_REQUEST_HEADERS = ['accept-language', 'content-type', 'x-request-id'];
const KEPT_RESPONSE_HEADERS = ['content-type', 'x-request-id', 'retry-after'];
const TIME_FIELDS = new Set(['activeTime', 'activeCodeExpireTime', 'expireTime']);
const NAME_FIELDS = new Set(['name', 'englishName']);
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// International numbers (+ and 7 to 15 digits, maybe spaced): free text only; a `phone` field is
// replaced whole whatever its format.
const PHONE = /\+\d[\d -]{5,17}\d/g;
// A mainland mobile number without +86, as accounts and free text often hold it: 11 digits from 13
// to 19 standing alone (not inside a hex id or a longer number). Keyed as +86..., so it gets the
// same pseudonym as the `phone` field of the same person.
const CN_MOBILE = /(?<![\w+])1[3-9]\d{9}(?!\w)/g;

export type ScrubOptions = { secrets?: readonly string[] };

export class Scrubber {
  private readonly pseudonyms = { phone: new Map<string, string>(), email: new Map<string, string>(), name: new Map<string, string>() };
  private readonly secrets: string[];

  constructor(options: ScrubOptions = {}) {
    // Longest first, so a secret that contains another is removed whole.
    this.secrets = (options.secrets ?? []).filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  }

  exchange(exchange: RecordedExchange): RecordedExchange {
    return {
      ...exchange,
      description: this.text(exchange.description),
      request: {
        method: exchange.request.method,
        path: this.text(exchange.request.path),
        query: Object.fromEntries(
          Object.entries(exchange.request.query).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => this.query(k, x)) : this.query(k, v)]),
        ),
        headers: this.headers(exchange.request.headers, KEPT_REQUEST_HEADERS),
        body: this.value(exchange.request.body),
      },
      response: {
        status: exchange.response.status,
        headers: this.headers(exchange.response.headers, KEPT_RESPONSE_HEADERS),
        body: this.value(exchange.response.body),
      },
    };
  }

  private headers(headers: Record<string, string>, kept: readonly string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [rawName, value] of Object.entries(headers)) {
      const name = rawName.toLowerCase();
      if (!kept.includes(name)) continue;
      out[name] = name === 'x-request-id' ? NORMALIZED_REQUEST_ID : this.text(value);
    }
    return out;
  }

  private pseudonym(kind: 'phone' | 'email' | 'name', original: string): string {
    const map = this.pseudonyms[kind];
    let fake = map.get(original);
    if (!fake) {
      const n = map.size + 1;
      fake = kind === 'phone' ? `+1555${String(n).padStart(7, '0')}` : kind === 'email' ? `person${n}@example.com` : `Person ${n}`;
      map.set(original, fake);
    }
    return fake;
  }

  // A search key is whatever the administrator typed to find a person: a name as often as a phone
  // number, so one that no pattern recognises is replaced whole, like a name field.
  private query(name: string, value: string): string {
    const scrubbed = this.text(value);
    return name === 'searchKey' && scrubbed === value && value !== '' ? this.pseudonym('name', value) : scrubbed;
  }

  /** Free text: secrets, e-mail addresses and phone numbers inside it are replaced. */
  text(value: string): string {
    let out = value;
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    return out
      .replace(EMAIL, (m) => this.pseudonym('email', m))
      .replace(PHONE, (m) => this.pseudonym('phone', m.replace(/[ -]/g, '')))
      .replace(CN_MOBILE, (m) => this.pseudonym('phone', `+86${m}`));
  }

  private value(node: unknown, key?: string): unknown {
    if (Array.isArray(node)) return node.map((item) => this.value(item));
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, this.value(v, k)]));
    }
    if (key === 'request_id' && typeof node === 'string') return NORMALIZED_REQUEST_ID;
    // A terminal's activation code activates a device in the enterprise: a credential, like the token.
    if (key === 'activeCode' && typeof node === 'string') return REDACTED;
    if (key && TIME_FIELDS.has(key) && typeof node === 'number') return NORMALIZED_TIME;
    if (typeof node !== 'string' || node === '') return node;
    if (key === 'phone') return this.pseudonym('phone', node.replace(/[ -]/g, ''));
    if (key && NAME_FIELDS.has(key)) return this.pseudonym('name', node);
    return this.text(node);
  }
}

/** Throws when a secret survived scrubbing: the last check before anything is written. */
export function assertNoSecret(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) {
    if (secret.length > 0 && text.includes(secret)) throw new Error('A secret is still present in a recording; nothing was written.');
  }
}
