// The code samples of each operation live in samples/ as real files, one per language, named after
// the operationId in kebab case: `search-users.sh` (curl) and `search-users.ts` (this project's
// client). tsc type-checks the TypeScript and test/docs checks the curl against the spec, so a
// sample that drifts from the API fails `npm test` instead of rotting in the docs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One entry of an operation's `x-codeSamples`, as Redoc reads it. */
export type CodeSample = { lang: string; label: string; source: string };

/** An operation of the bundled spec, located by path and method. */
export type OperationRef = { path: string; method: string; operationId: string };

// The order here is the order of the tabs in the rendered docs (see redocly.yaml).
const SAMPLE_KINDS = [
  { extension: '.sh', lang: 'curl', label: 'curl' },
  { extension: '.ts', lang: 'TypeScript', label: 'TypeScript' },
] as const;

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

export const samplesDir = fileURLToPath(new URL('../samples/', import.meta.url));

/** `SearchUsers` -> `search-users`: the file name (without extension) of an operation's samples. */
export function sampleBaseName(operationId: string): string {
  return operationId.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** Every operation of an OpenAPI document that has an operationId. */
export function listOperations(doc: { paths?: Record<string, Record<string, unknown>> }): OperationRef[] {
  const operations: OperationRef[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      const operationId = (operation as { operationId?: unknown } | null)?.operationId;
      if (HTTP_METHODS.has(method) && typeof operationId === 'string') operations.push({ path, method, operationId });
    }
  }
  return operations;
}

/**
 * Reads the samples of every operation. Throws, naming the files, when an operation lacks a sample
 * or a sample file belongs to no operation (a renamed operationId must not leave a sample behind).
 */
export function readCodeSamples(operationIds: readonly string[], dir = samplesDir): Map<string, CodeSample[]> {
  const present = new Set(readdirSync(dir));
  const expected = new Set<string>();
  const missing: string[] = [];
  const samples = new Map<string, CodeSample[]>();

  for (const operationId of operationIds) {
    const own: CodeSample[] = [];
    for (const kind of SAMPLE_KINDS) {
      const file = sampleBaseName(operationId) + kind.extension;
      expected.add(file);
      if (present.has(file)) own.push({ lang: kind.lang, label: kind.label, source: readFileSync(join(dir, file), 'utf8') });
      else missing.push(file);
    }
    samples.set(operationId, own);
  }

  const orphans = [...present].filter((file) => SAMPLE_KINDS.some((kind) => file.endsWith(kind.extension)) && !expected.has(file));
  if (missing.length > 0 || orphans.length > 0) {
    throw new Error(
      [
        missing.length > 0 ? `missing code samples in ${dir}: ${missing.join(', ')}` : '',
        orphans.length > 0 ? `code samples in ${dir} that match no operationId: ${orphans.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    );
  }
  return samples;
}
