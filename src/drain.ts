// Backpressure on a node stream (a pipe, a file, an HTTP response): the writer waits for the stream
// to drain, or to end, since a stream that closed or failed never drains.
import type { EventEmitter } from 'node:events';

/** Settles on `drain`, `close` or `error`, leaving none of the three listeners behind (a long write waits many times). */
export function drainedOrGone(stream: EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done).off('close', done).off('error', done);
      resolve();
    };
    stream.on('drain', done).on('close', done).on('error', done);
  });
}
