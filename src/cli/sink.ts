// Text out to a stream in 64 KiB writes, waiting when the reader falls 1 MiB behind (memory stays flat
// whatever the number of records). A reader that goes away (`| head`) closes the sink quietly.
import { drainedOrGone } from '../drain.js';
import type { OutStream } from './io.js';

const FLUSH_AT = 64 * 1024;
// What the stream may hold unwritten before the producer waits for it: a few flushes, so that
// formatting goes on while the last one is written (a pipe or file takes 16 KiB before it asks
// for a wait), yet bounded, so that a slow reader keeps memory flat.
const HOLD_AT_MOST = 1024 * 1024;

export class TextSink {
  private buffer = '';
  /** True once the stream failed or closed: nothing more is written, the producer should stop. */
  closed = false;
  /** Why the stream failed, except a reader that went away (EPIPE), which is not an error here. */
  error: Error | undefined;

  constructor(private readonly stream: OutStream) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      this.closed = true;
      if (error.code !== 'EPIPE') this.error = error;
    });
  }

  /** Returns a promise only when the caller must wait (the reader is 1 MiB behind). */
  write(text: string): Promise<void> | undefined {
    this.buffer += text;
    return this.buffer.length >= FLUSH_AT ? this.pass() : undefined;
  }

  async flush(): Promise<void> {
    await this.pass();
  }

  /** Hands the buffer to the stream; a promise only when the stream holds too much. */
  private pass(): Promise<void> | undefined {
    if (this.buffer === '' || this.closed) return undefined;
    const text = this.buffer;
    this.buffer = '';
    if (this.stream.write(text) || this.stream.writableLength < HOLD_AT_MOST) return undefined;
    return drainedOrGone(this.stream);
  }
}
