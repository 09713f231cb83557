/**
 * The conftest-compatible policy runner: Rego policies (compiled once by lib/rego) over manifests,
 * with conftest's rule conventions, exceptions, result model, exit codes and output formats.
 */
export { checkInput, mergeResults, ruleResults, PolicyResultError, type RuleEvaluator } from './evaluation';
export { CapabilitiesError, loadCapabilities } from './capabilities';
export { CONFTEST_BUILTINS } from './builtins';
export { DataLoadError, isDataFile, loadData } from './data';
export { combineInputs, InputError, inputFile, parseInput, readInputs, type CombinedItem, type InputFile } from './inputs';
export { formatter, outputFormat, OUTPUT_FORMATS, UnknownOutputFormatError, type OutputFormat, type OutputOptions } from './output';
export { formatParsed } from './parse-output';
export { parseJson, parserForFile, parserName, PARSERS, UnknownParserError, type ParserName } from './parsers';
export { PolicyLoadError, PolicySet, regoFiles, type PolicyLoadOptions } from './policy-set';
export { checkPromql, PROMQL_RULE, promqlErrorColumn } from './promql';
export {
  emptyCheckResult,
  exitCode,
  ruleId,
  summaryLine,
  totals,
  type CheckResult,
  type ExitPolicy,
  type PolicyResult,
  type ResultTotals,
} from './result';
export { checkedRules, countExceptions, exceptionName, exceptionQuery, isFailureRule, isWarningRule, type NamespaceRules } from './rule-names';
export { runChecks, type CheckPlan, type CheckTarget } from './runner';
export { documentTargets, resolveTargets, type TargetOptions } from './targets';
export { DEFAULT_NAMESPACES, matchNamespaces } from './namespaces';
export { DEFAULT_POLICY_DIR, isConftestRun, loadPolicies, runPolicies, type CompileFlags, type PolicyRunOptions } from './run';
export { formatReport, REPORT_MODES, VerifyError, verifyPolicies, type ReportMode, type VerifyOptions } from './verify';
