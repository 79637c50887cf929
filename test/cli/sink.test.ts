// The sink between records and stdout: writes in 64 KiB pieces, lets the stream hold up to 1 MiB
// unwritten (so formatting overlaps writing), then makes the producer wait for a slow reader.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { TextSink } from '../../src/cli/sink.js';

/** A reader that takes nothing until `release()`, as a stalled pipe. */
function stalledReader() {
  const held: (() => void)[] = [];
  let received = 0;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      held.push(callback);
    },
  });
  return { stream, received: () => received, release: () => held.splice(0).forEach((callback) => callback()) };
}

describe('TextSink', () => {
  it('keeps producing while the reader holds under 1 MiB, then waits for it, holding no more than that plus one piece', async () => {
    const reader = stalledReader();
    const sink = new TextSink(reader.stream);
    const piece = 'x'.repeat(1000);
    let wait: Promise<void> | undefined;
    let written = 0;
    while (!wait) {
      wait = sink.write(piece);
      written += piece.length;
    }
    // The producer is asked to wait only once the stream holds about 1 MiB it could not pass on.
    expect(written).toBeGreaterThanOrEqual(1024 * 1024);
    expect(written).toBeLessThanOrEqual(1024 * 1024 + 64 * 1024 + piece.length);
    let settled = false;
    void wait.then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    // The reader catches up: the wait ends and everything reaches it in order.
    const drained = (async () => {
      while (reader.stream.writableLength > 0) {
        reader.release();
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await wait;
    await drained;
    await sink.flush();
    reader.release();
    expect(settled).toBe(true);
    expect(reader.received()).toBe(written);
  });

  it('a fast reader never makes the producer wait', async () => {
    const stream = new Writable({ write: (_chunk, _encoding, callback) => callback() });
    const sink = new TextSink(stream);
    for (let i = 0; i < 10_000; i++) expect(sink.write('y'.repeat(500))).toBeUndefined();
    await sink.flush();
  });
});
