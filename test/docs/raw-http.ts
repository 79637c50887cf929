// Raw HTTP/1.1 over TCP: what curl --path-as-is or an attacker sends, with no client in between
// to fix up a request target, a header or a length.
import { connect } from 'node:net';

export type RawExchange = {
  /** The status code of every response read on the connection, in order. */
  statuses: number[];
  /** Everything the server sent. */
  text: string;
  /** The server closed the connection (or reset it) before `timeoutMs`. */
  closed: boolean;
  elapsedMs: number;
};

/**
 * Writes `request` and reads until the server closes the connection or `timeoutMs` passes,
 * whichever comes first. With `halfCloseAfterMs`, the client ends its side that long after writing
 * (a request that is incomplete, or that asked for keep-alive, is then over for the server; Node
 * drops a request still being answered when the client's end arrives, which counts as closed).
 */
export function rawExchange(
  port: number,
  request: string | Uint8Array,
  { timeoutMs = 15_000, halfCloseAfterMs }: { timeoutMs?: number; halfCloseAfterMs?: number } = {},
): Promise<RawExchange> {
  return new Promise((resolve) => {
    const started = Date.now();
    const chunks: Buffer[] = [];
    const socket = connect({ port, host: '127.0.0.1' });
    let done = false;
    const finish = (closed: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(halfClose);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const statuses = [...text.matchAll(/(?:^|\r\n)HTTP\/1\.[01] (\d{3}) /g)].map((match) => Number(match[1]));
      resolve({ statuses, text, closed, elapsedMs: Date.now() - started });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    let halfClose: NodeJS.Timeout | undefined;
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => finish(true));
    // A reset after the answer (the server closing while bytes were unread) still ends the exchange.
    socket.on('error', () => finish(true));
    socket.write(request, () => {
      if (halfCloseAfterMs !== undefined && !done) halfClose = setTimeout(() => socket.end(), halfCloseAfterMs);
    });
  });
}

/** A request with the given target and headers, `Connection: close`, no body. */
export function rawGet(target: string, host = '127.0.0.1'): string {
  return `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;
}
