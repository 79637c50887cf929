// Generates a client from the bundled description with each generator of the matrix, into one
// temporary directory, next to a copy of its driver (test/regen/clients/). The calls are the
// programmatic forms of the commands in the README's "Regenerate a client".
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient as heyApi } from '@hey-api/openapi-ts';
import openapiTS, { astToString } from 'openapi-typescript';
import { generate as orval } from 'orval';

export const GENERATORS = ['openapi-typescript', 'hey-api', 'orval'] as const;
export type Generator = (typeof GENERATORS)[number];

const rootDir = fileURLToPath(new URL('../../../', import.meta.url));
const driversDir = join(rootDir, 'test', 'regen', 'clients');

async function generateOne(generator: Generator, spec: string, dir: string): Promise<void> {
  const out = join(dir, generator);
  if (generator === 'openapi-typescript') {
    mkdirSync(out);
    writeFileSync(join(out, 'schema.d.ts'), astToString(await openapiTS(new URL(`file://${spec}`))));
  } else if (generator === 'hey-api') {
    await heyApi({ input: spec, output: out, plugins: ['@hey-api/client-fetch'], logs: { level: 'silent' } });
  } else {
    await orval({
      input: { target: spec },
      output: {
        target: join(out, 'meeting.ts'),
        client: 'fetch',
        mode: 'single',
        // `extension` makes the import of the mutator end in .js, as NodeNext resolution needs.
        override: { mutator: { path: join(dir, 'orval-fetch.ts'), name: 'meetingFetch', extension: '.js' } },
      },
    });
  }
}

/** A fresh directory with every generator's output and the drivers; node_modules links to the project's. */
export async function generateClients(spec: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'generator-matrix-'));
  symlinkSync(join(rootDir, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const file of readdirSync(driversDir)) copyFileSync(join(driversDir, file), join(dir, file));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [], skipLibCheck: true,
      },
      include: ['*.ts', ...GENERATORS.map((generator) => `${generator}/**/*.ts`)],
    }),
  );
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  await Promise.all(GENERATORS.map((generator) => generateOne(generator, spec, dir)));
  return dir;
}
