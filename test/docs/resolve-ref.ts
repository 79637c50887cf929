// Follows local `$ref`s ("#/components/...") of the bundled spec to the node they point at.
import type { OpenApiDocument } from '../support/spec.js';

export function resolveRef<T>(doc: OpenApiDocument, node: T): T {
  const ref = (node as { $ref?: unknown } | undefined)?.$ref;
  if (typeof ref !== 'string') return node;
  const target = ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((at, key) => (at as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  return resolveRef(doc, target as T);
}
