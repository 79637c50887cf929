// The global options every command shares, and the client they configure. The token comes from
// MEETING_TOKEN or --token-file, never from an option value (shell history and `ps` would keep it).
import { readFileSync } from 'node:fs';
import { createMeetingClient, type MeetingClient } from '../client/client.js';
import { DEFAULT_BASE_URL } from '../client/config.js';
import type { MeetingLanguage } from '../client/types.js';
import { UsageError } from './errors.js';
import type { CliIo } from './io.js';

export interface GlobalOptions {
  baseUrl?: string;
  tokenFile?: string;
  language: MeetingLanguage;
  timeout?: number;
  retries?: number;
  requestId?: string;
  verbose?: boolean;
  /** A hidden option that exists only to refuse a token given on the command line. */
  token?: string;
}

export function baseUrlOf(globals: GlobalOptions, io: CliIo): string {
  return globals.baseUrl ?? (io.env.MEETING_BASE_URL || undefined) ?? DEFAULT_BASE_URL;
}

export function readToken(globals: GlobalOptions, io: CliIo): string {
  if (globals.token !== undefined) {
    throw new UsageError('--token is not accepted: a token on the command line lands in shell history and `ps`. Set MEETING_TOKEN or use --token-file FILE.');
  }
  if (globals.tokenFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(globals.tokenFile, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read --token-file ${globals.tokenFile}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
    }
    // One trailing line break is what `echo ... > file` leaves; anything else is the token's own.
    const token = text.replace(/\r?\n$/, '');
    if (token === '') throw new UsageError(`--token-file ${globals.tokenFile} is empty`);
    return token;
  }
  const token = io.env.MEETING_TOKEN;
  if (!token) throw new UsageError('no access token: set MEETING_TOKEN or pass --token-file FILE');
  return token;
}

/** The client for the global options; with --verbose, one line per request attempt on stderr. */
export function createClient(globals: GlobalOptions, io: CliIo): MeetingClient {
  return createMeetingClient({
    accessToken: readToken(globals, io),
    baseUrl: baseUrlOf(globals, io),
    language: globals.language,
    timeoutMs: globals.timeout,
    retry: { maxRetries: globals.retries },
    fetch: io.fetch,
    // Log entries carry method, path, status and request id: no header, so no token.
    onResponse: globals.verbose
      ? (entry) => {
          const outcome = entry.status ?? entry.error?.name ?? 'no response';
          io.stderr.write(`${entry.method} ${entry.path} ${outcome} ${Math.round(entry.durationMs)} ms (attempt ${entry.attempt}, request id ${entry.requestId ?? 'none'})\n`);
        }
      : undefined,
  });
}
