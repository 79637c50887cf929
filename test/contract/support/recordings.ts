// The recorded exchanges in test/recordings/ (HAR 1.2 files, live ones included), loaded once: one
// item per HAR entry, named by its file (and the entry's _name in a file of several).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fromHar, type Har, type NamedExchange } from '../../../src/recording/index.js';

export const recordingsDir = fileURLToPath(new URL('../../recordings/', import.meta.url));

export function harFiles(dir = recordingsDir): { file: string; har: Har }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.har'))
    .sort()
    .map((file) => ({ file, har: JSON.parse(readFileSync(dir + file, 'utf8')) as Har }));
}

export function loadRecordings(dir = recordingsDir): { file: string; exchange: NamedExchange }[] {
  return harFiles(dir).flatMap(({ file, har }) => {
    const exchanges = fromHar(har);
    return exchanges.map((exchange, i) => ({ file: exchanges.length === 1 ? file : `${file} #${i + 1} ${exchange.name ?? ''}`.trim(), exchange }));
  });
}
