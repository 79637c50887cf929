// The content stamp of `build:spec` (scripts/build-spec.ts): one hash over the name and content of
// every input and output file, so that a build is skipped only when nothing it reads or writes changed.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface BuildFiles {
  /** Files or directories (read whole, recursively), relative to the root. */
  inputs: string[];
  /** Files, relative to the root. */
  outputs: string[];
}

function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((entry) => files(join(path, entry)));
}

/** The hash of every input and output under `root`; undefined when an output is missing. */
export function contentHash(root: string, { inputs, outputs }: BuildFiles): string | undefined {
  const built = outputs.map((file) => join(root, file));
  if (!built.every((file) => existsSync(file))) return undefined;
  const hash = createHash('sha256');
  for (const file of [...inputs.map((path) => join(root, path)).filter((path) => existsSync(path)).flatMap(files), ...built]) {
    hash.update(`${relative(root, file)}\0`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}
