/** The gate before a GitOps commit: fresh synthesis, schemas, policies, and a stale-dist/ check. */
export { runGate, type GateOptions, type GateResult, type GateStage } from './run-gate';
export { isUpToDate, staleFiles, type StaleFiles } from './stale-files';
export { validateEnvironments } from './validate-environments';
