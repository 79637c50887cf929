// The contract checks as a library: run them against any server, report them as JUnit XML.
export { checkContractOptions, runContractChecks, type CheckResult, type ContractCheckOptions } from './checks.js';
export { toJUnitXml, type JUnitOptions } from './junit.js';
