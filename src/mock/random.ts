// A small seeded PRNG (mulberry32): the same seed gives the same users and the same faults on
// every machine, which Math.random cannot promise.
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

// Built from char codes, not by `+=`: a string grown one character at a time is a chain of V8
// cons strings, several hundred bytes for a 32-character id (a million users held 1.4 GB).
function drawn(random: Random, length: number, radix: number): string {
  const codes = new Array<number>(length);
  for (let i = 0; i < length; i++) codes[i] = Math.floor(random() * radix).toString(radix).charCodeAt(0);
  return String.fromCharCode(...codes);
}

export function hex(random: Random, length: number): string {
  return drawn(random, length, 16);
}

export function digits(random: Random, length: number): string {
  return drawn(random, length, 10);
}
