/**
 * One policy run as `npm run policy` performs it, callable as a library (the gate and tests use it).
 *
 * Without conftest's selection flags (`-p`, `-n`, `--all-namespaces`, `--combine`) the run is the
 * project's own: every file against `main` plus the PromQL check, and each environment's combined
 * input against `combined`. With any of them it is exactly conftest's `test`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCapabilities } from './capabilities';
import { loadData } from './data';
import { matchNamespaces, DEFAULT_NAMESPACES } from './namespaces';
import type { ParserName } from './parsers';
import { PolicySet, type PolicyLoadOptions } from './policy-set';
import type { CheckResult } from './result';
import { runChecks, type CheckPlan, type CheckTarget } from './runner';
import { resolveTargets } from './targets';

/** The policy folder of this project. */
export const DEFAULT_POLICY_DIR = 'policies';

/** The data folder conftest loads when no `-d` is given (for conftest runs only). */
export const DEFAULT_DATA_DIR = 'data';

/** Options of {@link runPolicies}; names follow conftest's flags. */
export interface PolicyRunOptions {
  /** Files and folders to check; empty: every folder of `distDir`. */
  readonly paths?: readonly string[];
  /** `-p`: policy files and folders. @default ['policies'] */
  readonly policy?: readonly string[];
  /** `-d`: data files and folders; a conftest run without them loads `data/` when it exists, as conftest does. */
  readonly data?: readonly string[];
  /** `-n`: namespaces (globs allowed). @default ['main'] */
  readonly namespace?: readonly string[];
  /** `--all-namespaces`. */
  readonly allNamespaces?: boolean;
  /** `--combine`: one combined input of all files. */
  readonly combine?: boolean;
  /** `--rego-version`. @default 'v1' */
  readonly regoVersion?: 'v0' | 'v1';
  /** `--parser`: read every input with this parser instead of by its extension. */
  readonly parser?: ParserName;
  /** `--ignore`: skip the files found in folders whose path matches. */
  readonly ignore?: RegExp;
  /** `--capabilities`: an OPA capabilities JSON file limiting the builtins. */
  readonly capabilities?: string;
  /** `--show-builtin-errors`: a builtin error ends the run instead of making the call undefined. */
  readonly showBuiltinErrors?: boolean;
  /** `--env`: the environment of the given paths. */
  readonly environment?: string;
  /** @default 'dist' */
  readonly distDir?: string;
  /** @default 'environments' */
  readonly environmentsDir?: string;
  /** Inputs already parsed, with their data: checked instead of reading `paths` or `distDir`. */
  readonly targets?: readonly CheckTarget[];
}

const compiledSets = new Map<string, PolicySet>();

/** What {@link loadPolicies} compiles with: the Rego version, and conftest's `--capabilities` and `--show-builtin-errors`. */
export interface CompileFlags {
  readonly regoVersion?: 'v0' | 'v1';
  /** Path of an OPA capabilities file. */
  readonly capabilities?: string;
  readonly showBuiltinErrors?: boolean;
}

/** Loads (once per policy paths and flags) and returns the compiled policies. */
export function loadPolicies(paths: readonly string[], flags: CompileFlags = {}): PolicySet {
  // Absolute paths: the same relative path names other files once the working folder changes.
  const key = JSON.stringify([paths.map((given) => path.resolve(given)), flags.regoVersion ?? 'v1', flags.capabilities && path.resolve(flags.capabilities), flags.showBuiltinErrors ?? false]);
  let set = compiledSets.get(key);
  if (!set) {
    const options: PolicyLoadOptions = {
      regoVersion: flags.regoVersion,
      allowedBuiltins: flags.capabilities === undefined ? undefined : loadCapabilities(flags.capabilities),
      showBuiltinErrors: flags.showBuiltinErrors,
    };
    set = PolicySet.load(paths, options);
    compiledSets.set(key, set);
  }
  return set;
}

/** True when the options ask for plain conftest behaviour rather than the project's default run. */
export function isConftestRun(options: PolicyRunOptions): boolean {
  return options.policy !== undefined || options.namespace !== undefined || Boolean(options.allNamespaces) || Boolean(options.combine);
}

/** Runs the policies and returns conftest's results (the caller picks the format and exit code). */
export function runPolicies(options: PolicyRunOptions = {}): CheckResult[] {
  const conftest = isConftestRun(options);
  const policies = loadPolicies(options.policy ?? [DEFAULT_POLICY_DIR], options);
  const dataPaths = options.data && options.data.length > 0 ? options.data : conftest ? defaultData() : [];
  const targets = options.targets ?? resolveTargets({
    paths: options.paths ?? [],
    read: { parser: options.parser, ignore: options.ignore },
    environment: options.environment,
    distDir: options.distDir,
    environmentsDir: options.environmentsDir,
    data: dataPaths.length > 0 ? loadData(dataPaths) : {},
    conftestCombinedName: conftest,
  });
  return runChecks(policies, targets, conftest ? conftestPlan(options, policies) : projectPlan());
}

/** conftest's default data folder: `data/` of the working folder, when there is one and no `-d` is given. */
function defaultData(): string[] {
  return fs.existsSync(DEFAULT_DATA_DIR) && fs.statSync(DEFAULT_DATA_DIR).isDirectory() ? [DEFAULT_DATA_DIR] : [];
}

function projectPlan(): CheckPlan {
  return { perFile: DEFAULT_NAMESPACES.perFile, combined: DEFAULT_NAMESPACES.combined, promql: true };
}

function conftestPlan(options: PolicyRunOptions, policies: PolicySet): CheckPlan {
  const namespaces = options.allNamespaces ? policies.namespaces() : matchNamespaces(options.namespace ?? ['main'], policies.namespaces());
  return options.combine
    ? { perFile: [], combined: namespaces, promql: false, fileInfo: true }
    : { perFile: namespaces, combined: [], promql: false, fileInfo: true };
}
