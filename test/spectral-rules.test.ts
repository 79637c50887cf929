// Our own Spectral rules must fire on a document that breaks them, or they prove nothing.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixture = 'test/fixtures/spectral/violations.yaml';

function lint(): { code: string; path: string[] }[] {
  try {
    const out = execFileSync('node_modules/.bin/spectral', ['lint', '--format', 'json', '--quiet', fixture], {
      cwd: root,
      encoding: 'utf8',
    });
    return JSON.parse(out) as { code: string; path: string[] }[];
  } catch (error) {
    // spectral exits non-zero when it finds errors; the JSON is still on stdout.
    return JSON.parse(String((error as { stdout: string }).stdout)) as { code: string; path: string[] }[];
  }
}

describe('custom Spectral rules', () => {
  const results = lint();
  const codes = results.map((r) => r.code);

  it.each([
    'operation-has-tag-and-description',
    'response-content-has-example',
    'error-response-is-shared',
    'parameter-has-description',
  ])('%s fires on the violations fixture', (code) => {
    expect(codes).toContain(code);
  });

  it('points at the offending response', () => {
    const shared = results.find((r) => r.code === 'error-response-is-shared');
    expect(shared?.path.slice(-1)).toEqual(['400']);
  });
});
