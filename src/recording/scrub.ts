// Normalizes and scrubs recorded exchanges so a re-recording of the same data gives the same
// files and no recording holds a secret or a person's data:
// - credentials: only allow-listed headers are kept (never X-Access-Token or Authorization), the
//   token's value is replaced wherever else it appears, and activation codes are redacted;
// - request ids and timestamps: replaced by fixed values;
// - who a person is (name, englishName, userAccount, thirdAccount, visionAccount, phone, email):
//   replaced whole by a pseudonym, and wherever else the same value appears (a signature quoting a
//   name, a search key, the accounts of a status change) by the same pseudonym;
// - what a person wrote (signature, desc): replaced whole, since a name there need not be one the
//   record names; department names: replaced segment by segment, keeping the path's shape;
// - any other text: e-mail addresses and phone numbers in any format are replaced; in the codes
//   the service assigns (id, deptCode, vmrId) only numbers that are unmistakably phones.
// Pseudonyms are numbered in order of first appearance and shared by every exchange one Scrubber
// scrubs, so searches and pages stay consistent. They are not hashes: a hash of a phone number can
// be reversed by trying every number.
import type { RecordedExchange } from './exchange.js';
import { BARE_MOBILE, isPhone, PHONE_IN_TEXT, phoneKey } from './phone.js';

export const NORMALIZED_REQUEST_ID = '00000000000000000000000000000000';
export const NORMALIZED_TIME = 1_700_000_000_000;
export const REDACTED = '[REDACTED]';

const KEPT_REQUEST_HEADERS = ['accept-language', 'content-type', 'x-request-id'];
const KEPT_RESPONSE_HEADERS = ['content-type', 'x-request-id', 'retry-after'];
const TIME_FIELDS = new Set(['activeTime', 'activeCodeExpireTime', 'expireTime']);
const NAME_FIELDS = new Set(['name', 'englishName']);
const ACCOUNT_FIELDS = new Set(['userAccount', 'thirdAccount', 'visionAccount']);
const PERSONAL_TEXT_FIELDS = new Set(['signature', 'desc']);
const DEPARTMENT_FIELDS = new Set(['deptNamePath', 'deptName']);
const CODE_FIELDS = new Set(['id', 'deptCode', 'vmrId']);
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const WHOLE_EMAIL = new RegExp(`^${EMAIL.source}$`);

type Kind = 'phone' | 'email' | 'name' | 'account' | 'text' | 'department';
type Mode = 'text' | 'code';

const PSEUDONYMS: Record<Kind, (n: number) => string> = {
  phone: (n) => `+1555${String(n).padStart(7, '0')}`,
  email: (n) => `person${n}@example.com`,
  name: (n) => `Person ${n}`,
  account: (n) => `account${n}`,
  text: (n) => `Text ${n}`,
  department: (n) => `Department ${n}`,
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
const present = (node: unknown): node is string | number => (typeof node === 'string' && node !== '') || typeof node === 'number';

export type ScrubOptions = { secrets?: readonly string[] };

export class Scrubber {
  private readonly pseudonyms = new Map<Kind, Map<string, string>>();
  /** Lower-cased values of identity fields, and the pseudonym each is replaced by in any text. */
  private readonly known = new Map<string, string>();
  private pattern: RegExp | undefined;
  private readonly secrets: string[];

  constructor(options: ScrubOptions = {}) {
    // Longest first, so a secret that contains another is removed whole.
    this.secrets = (options.secrets ?? []).filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  }

  exchange(exchange: RecordedExchange): RecordedExchange {
    // Who appears anywhere in the exchange is learnt first, so a search key or a status change sent
    // before the page that names the person already gets that person's pseudonym.
    const accountsBody = exchange.operationId === 'BatchUpdateUserStatus' && Array.isArray(exchange.request.body);
    if (accountsBody) for (const account of exchange.request.body as unknown[]) if (present(account)) this.account(account);
    this.learn(exchange.response.body);
    return {
      ...exchange,
      description: this.text(exchange.description),
      request: {
        method: exchange.request.method,
        path: this.text(exchange.request.path, 'code'),
        query: Object.fromEntries(
          Object.entries(exchange.request.query).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => this.query(k, x)) : this.query(k, v)]),
        ),
        headers: this.headers(exchange.request.headers, KEPT_REQUEST_HEADERS),
        body: accountsBody
          ? (exchange.request.body as unknown[]).map((a) => (present(a) ? this.account(a) : this.value(a)))
          : this.value(exchange.request.body),
      },
      response: {
        status: exchange.response.status,
        headers: this.headers(exchange.response.headers, KEPT_RESPONSE_HEADERS),
        body: this.value(exchange.response.body),
      },
    };
  }

  /** Free text: secrets, known people, e-mail addresses and phone numbers inside it are replaced. */
  text(value: string, mode: Mode = 'text'): string {
    let out = value;
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    // One pass, so a pseudonym put in is never read again as a phone number.
    return out.replace(this.matcher(), (match, email: string | undefined, known: string | undefined) => {
      if (email !== undefined) return this.email(email);
      if (known !== undefined) return this.known.get(known.toLowerCase()) ?? REDACTED;
      // In a code the service assigns, a bare run of digits is an id unless it is a mobile number.
      if (mode === 'code' && /^\d+$/.test(match) && !BARE_MOBILE.test(match)) return match;
      return this.phone(match);
    });
  }

  private matcher(): RegExp {
    let pattern = this.pattern;
    if (!pattern) {
      // Longest first, so "Zhang Wei" goes whole before "Zhang"; not inside a longer ASCII word.
      const known = [...this.known.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
      const knownPart = known.length > 0 ? `|(?<![A-Za-z0-9])(${known.join('|')})(?![A-Za-z0-9])` : '|(?!)()';
      pattern = new RegExp(`(${EMAIL.source})${knownPart}|${PHONE_IN_TEXT.source}`, 'gi');
      this.pattern = pattern;
    }
    return pattern;
  }

  private pseudonym(kind: Kind, original: string): string {
    let map = this.pseudonyms.get(kind);
    if (!map) this.pseudonyms.set(kind, (map = new Map()));
    let fake = map.get(original);
    if (fake === undefined) {
      fake = PSEUDONYMS[kind](map.size + 1);
      map.set(original, fake);
    }
    return fake;
  }

  /** A pseudonym that also replaces the original wherever it appears in text. */
  private identity(kind: Kind, original: string, key = original): string {
    const fake = this.pseudonym(kind, key);
    this.remember(original, fake);
    return fake;
  }

  private remember(original: string, replacement: string): void {
    const lower = original.trim().toLowerCase();
    if (lower.length >= 2 && !this.known.has(lower)) {
      this.known.set(lower, replacement);
      this.pattern = undefined;
    }
  }

  private phone(written: string | number): string {
    return this.identity('phone', String(written), phoneKey(written));
  }

  private email(written: string): string {
    const fake = this.identity('email', written, written.toLowerCase());
    // The part before @ is often the person's handle elsewhere (an account, a text): it goes too.
    const local = written.trim().split('@')[0] ?? '';
    if (local.length >= 3) this.remember(local, fake.split('@')[0] ?? REDACTED);
    return fake;
  }

  /** An account is often a phone number or an e-mail address: then it is that person's pseudonym. */
  private account(written: string | number): string {
    const text = String(written);
    if (WHOLE_EMAIL.test(text.trim())) return this.email(text.trim());
    if (isPhone(text)) return this.phone(text);
    return this.identity('account', text);
  }

  private learn(node: unknown, key?: string): void {
    if (Array.isArray(node)) for (const item of node) this.learn(item);
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) this.learn(v, k);
    else if (key && present(node)) this.identify(key, node);
  }

  /** The pseudonym of an identity field's value, or undefined for any other field. */
  private identify(key: string, node: string | number): string | undefined {
    if (key === 'phone') return this.phone(node);
    // A terminal's activation code activates a device in the enterprise: a credential, like the token.
    if (key === 'activeCode') {
      this.remember(String(node), REDACTED);
      return REDACTED;
    }
    if (key === 'email') return this.email(String(node));
    if (NAME_FIELDS.has(key)) return this.identity('name', String(node));
    if (ACCOUNT_FIELDS.has(key)) return this.account(node);
    return undefined;
  }

  // A search key is whatever the administrator typed to find a person: a name as often as a phone
  // number, so one that no pattern recognises is replaced whole, like a name field.
  private query(name: string, value: string): string {
    if (name !== 'searchKey') return this.text(value, 'code');
    const scrubbed = this.text(value);
    return scrubbed === value && value !== '' ? this.identity('name', value) : scrubbed;
  }

  private headers(headers: Record<string, string>, kept: readonly string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [rawName, value] of Object.entries(headers)) {
      const name = rawName.toLowerCase();
      if (!kept.includes(name)) continue;
      out[name] = name === 'x-request-id' ? NORMALIZED_REQUEST_ID : this.text(value, 'code');
    }
    return out;
  }

  private value(node: unknown, key?: string): unknown {
    if (Array.isArray(node)) return node.map((item) => this.value(item));
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, this.value(v, k)]));
    }
    if (key === undefined || !present(node)) return typeof node === 'string' ? this.text(node) : node;
    if (key === 'request_id' && typeof node === 'string') return NORMALIZED_REQUEST_ID;
    if (TIME_FIELDS.has(key) && typeof node === 'number') return NORMALIZED_TIME;
    const identity = this.identify(key, node);
    if (identity !== undefined) return identity;
    if (PERSONAL_TEXT_FIELDS.has(key)) return this.pseudonym('text', String(node));
    if (DEPARTMENT_FIELDS.has(key) && typeof node === 'string') {
      return node.split('/').map((segment) => (segment.trim() === '' ? segment : this.pseudonym('department', segment.trim()))).join('/');
    }
    if (typeof node === 'number') return node;
    return this.text(node, CODE_FIELDS.has(key) ? 'code' : 'text');
  }
}

/** Throws when a secret survived scrubbing: the last check before anything is written. */
export function assertNoSecret(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) {
    if (secret.length > 0 && text.includes(secret)) throw new Error('A secret is still present in a recording; nothing was written.');
  }
}
