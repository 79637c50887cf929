// How a failure ends the command: one line on stderr and an exit code (2 bad usage or input, with
// nothing sent; 1 the service failed). A stack trace only with --verbose.
import { MeetingApiError, MeetingError, MeetingValidationError } from '../client/errors.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
/** 128 + SIGINT, as shells report a command stopped by Ctrl+C. */
export const EXIT_INTERRUPTED = 130;

/** Bad usage or input, found before anything was sent. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function exitCodeFor(error: unknown): number {
  return error instanceof UsageError || error instanceof MeetingValidationError ? EXIT_USAGE : EXIT_FAILED;
}

/** One line: for an API error its status, error code and request id. Client errors are already redacted. */
export function describeError(error: unknown): string {
  if (error instanceof MeetingApiError) {
    const details = [error.errorCode, error.errorMessage].filter(Boolean).join(' ');
    return `HTTP ${error.status}${details ? ` ${details}` : ''} (${error.method} ${error.path}, request id ${error.requestId ?? 'none'})`;
  }
  if (error instanceof MeetingError || error instanceof UsageError) return oneLine(error.message);
  if (error instanceof Error) return oneLine(`${error.name}: ${error.message}`);
  return oneLine(String(error));
}

export function reportError(stderr: NodeJS.WritableStream, error: unknown, verbose: boolean): number {
  stderr.write(`error: ${describeError(error)}\n`);
  if (verbose && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
  return exitCodeFor(error);
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/**
 * A library's MeetingValidationError, retold with the command's own names for its fields (e.g.
 * `putStatus` becomes `--put-status`), so the message says what to change on the command line.
 */
export function asUsageError(error: MeetingValidationError, flags: Readonly<Record<string, string>>): UsageError {
  const problems = error.problems.map((p) => `${p.field.replace(/^\w+/, (field) => flags[field] ?? field)} ${p.message}`);
  return new UsageError(`${problems.join('; ')}; nothing was sent`);
}
