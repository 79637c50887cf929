// The recorded exchanges in test/recordings/ (live ones included), loaded once.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RecordedExchange } from '../../../src/recording/index.js';

export const recordingsDir = fileURLToPath(new URL('../../recordings/', import.meta.url));

export function loadRecordings(): { file: string; exchange: RecordedExchange }[] {
  return readdirSync(recordingsDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, exchange: JSON.parse(readFileSync(recordingsDir + file, 'utf8')) as RecordedExchange }));
}
