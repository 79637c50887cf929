// Writes the code samples of samples/ into the bundled spec (dist/openapi.yaml and
// dist/openapi.json) as `x-codeSamples` on each operation. Runs after `npm run bundle` and before
// the bundle is linted and rendered, so the docs always show the samples that tsc just checked.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { listOperations, readCodeSamples } from './code-samples.js';

const jsonPath = fileURLToPath(new URL('../dist/openapi.json', import.meta.url));
const yamlPath = fileURLToPath(new URL('../dist/openapi.yaml', import.meta.url));

const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as { paths: Record<string, Record<string, Record<string, unknown>>> };
const operations = listOperations(json);
const samples = readCodeSamples(operations.map((operation) => operation.operationId));

const yaml = parseDocument(readFileSync(yamlPath, 'utf8'));
if (yaml.errors.length > 0) throw new Error(`${yamlPath}: ${yaml.errors.map((error) => error.message).join('; ')}`);

for (const { path, method, operationId } of operations) {
  const own = samples.get(operationId) ?? [];
  const operation = json.paths[path]?.[method];
  if (!operation) throw new Error(`${jsonPath} has no ${method.toUpperCase()} ${path}`);
  operation['x-codeSamples'] = own;
  if (!yaml.hasIn(['paths', path, method])) throw new Error(`${yamlPath} has no ${method.toUpperCase()} ${path}`);
  yaml.setIn(['paths', path, method, 'x-codeSamples'], yaml.createNode(own));
}

writeFileSync(jsonPath, `${JSON.stringify(json, null, 2)}\n`);
writeFileSync(yamlPath, yaml.toString({ lineWidth: 0 }));
console.log(`code samples: ${operations.map((op) => `${op.operationId} (${samples.get(op.operationId)?.length ?? 0})`).join(', ')}`);
