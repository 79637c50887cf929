// Files of the installed package, found from this module whether it runs from src/cli/ (tsx, in
// the clone) or dist/cli/ (installed): both sit two levels below the package root.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
export const distDir = fileURLToPath(new URL('../../dist/', import.meta.url));
export const docsPagePath = fileURLToPath(new URL('../../dist/docs/index.html', import.meta.url));

export function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
