// Contract check results as a JUnit XML report, the format CI systems (GitLab, Jenkins, GitHub
// actions' test reporters) read. Written by hand: the libraries that build it (junit-report-builder,
// xmlbuilder2) bring lodash or a DOM implementation and write files themselves, for ~30 lines.
import type { CheckResult } from './checks.js';

export type JUnitOptions = {
  /** The name of the test suite (and of the report); default "contract checks". */
  suiteName?: string;
  /** The classname of every test case, which CI tools group by; default "huawei-meeting-users.contract". */
  className?: string;
};

// XML 1.0 cannot carry these at all, not even as character references: NUL and other C0 controls
// except tab, LF and CR, lone surrogates, U+FFFE and U+FFFF. A server's error text may hold any
// of them, so each becomes U+FFFD rather than breaking the whole report.
const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function text(value: string): string {
  return value.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// In an attribute a line break or tab would be normalized to a space by the parser: keep them as references.
function attribute(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

export function toJUnitXml(results: readonly CheckResult[], options: JUnitOptions = {}): string {
  const suite = attribute(options.suiteName ?? 'contract checks');
  const className = attribute(options.className ?? 'huawei-meeting-users.contract');
  const failures = results.filter((r) => !r.ok).length;
  const cases = results.map((r) => {
    const open = `    <testcase name="${attribute(r.name)}" classname="${className}"`;
    if (r.ok) return `${open}/>`;
    const firstLine = r.detail.split('\n', 1)[0] ?? '';
    return `${open}>\n      <failure message="${attribute(firstLine)}" type="ContractCheckFailure">${text(r.detail)}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${suite}" tests="${results.length}" failures="${failures}" errors="0">`,
    `  <testsuite name="${suite}" tests="${results.length}" failures="${failures}" errors="0" skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
