/**
 * Loading the Rego policies of one or more folders and compiling them once (lib/rego); the compiled
 * set serves every input of a run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compile, RegoError, type CompiledPolicy, type PrintedLine } from '../rego';
import { CONFTEST_BUILTINS } from './builtins';
import type { RuleEvaluator } from './evaluation';
import { checkedRules, type NamespaceRules } from './rule-names';

/** Policies that cannot be loaded or compiled; the message lists every located error. */
export class PolicyLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyLoadError';
  }
}

/** Options of {@link PolicySet.load}. */
export interface PolicyLoadOptions {
  /** Rego syntax of the policies (conftest's `--rego-version`). @default 'v1' */
  readonly regoVersion?: 'v0' | 'v1';
  /** The only builtins the policies may call (conftest's `--capabilities`); default: all. */
  readonly allowedBuiltins?: readonly string[];
  /** A builtin error ends the run with that error, instead of making the call undefined (conftest's `--show-builtin-errors`). */
  readonly showBuiltinErrors?: boolean;
}

/** Compiled policies with their namespaces (packages) and rules. */
export class PolicySet {
  private readonly ruleIndex = new Map<string, NamespaceRules>();

  private constructor(
    private readonly compiled: CompiledPolicy,
    /** The `.rego` files loaded, sorted. */
    readonly files: readonly string[],
  ) {
    for (const [namespace, definitions] of compiled.ruleDefinitions()) this.ruleIndex.set(namespace, checkedRules(definitions));
  }

  /**
   * Reads every `.rego` file under the given files and folders (tests included, as conftest does)
   * and compiles them together.
   * @throws PolicyLoadError when a path is missing, no policy is found, or the policies do not compile.
   */
  static load(paths: readonly string[], options: PolicyLoadOptions = {}): PolicySet {
    const files = regoFiles(paths);
    if (files.length === 0) throw new PolicyLoadError(`no policies found in [${paths.join(' ')}]; pass a folder of .rego files with -p`);
    const modules = files.map((file) => ({ path: file, text: fs.readFileSync(file, 'utf8') }));
    try {
      const compiled = compile(modules, {
        regoVersion: options.regoVersion ?? 'v1',
        builtins: CONFTEST_BUILTINS,
        allowedBuiltins: options.allowedBuiltins,
        strictBuiltinErrors: options.showBuiltinErrors ?? false,
      });
      return new PolicySet(compiled, files);
    } catch (error) {
      if (!(error instanceof RegoError)) throw error;
      const lines = error.errors.map((e) => `${e.location ? `${e.location.file}:${e.location.line}:${e.location.col}: ` : ''}${e.code}: ${e.message}`);
      const hint = (options.regoVersion ?? 'v1') === 'v1' && error.errors.some((e) => e.code === 'rego_parse_error') ? '\n(policies in the older syntax need --rego-version v0)' : '';
      throw new PolicyLoadError(`policies do not compile:\n${lines.join('\n')}${hint}`);
    }
  }

  /** Every package of the policies without the `data.` prefix, sorted (conftest's namespaces). */
  namespaces(): string[] {
    return [...this.ruleIndex.keys()].sort();
  }

  /** The failure and warning rules of a namespace (none for an unknown namespace). */
  rules(namespace: string): NamespaceRules {
    return this.ruleIndex.get(namespace) ?? { names: [], definitions: 0 };
  }

  /**
   * An evaluator of rules against inputs with this `data` document (`data.environment`, `-d` files).
   * The data is bound once; the references of one input share one evaluation (rule values and the
   * converted input), and rules that read no input are computed once for every input.
   */
  evaluator(data: Record<string, unknown>): RuleEvaluator {
    const bound = this.compiled.withData(data);
    return {
      values: (refs: readonly string[], input: unknown) => {
        const printed: string[] = [];
        const values = refs.map((ref) => {
          const value = bound.evaluate(ref, input);
          printed.push(...bound.printedAt().map(printLine));
          return value;
        });
        return { values, printed };
      },
    };
  }

  /**
   * The `_test.rego` results of these policies (like `opa test`), with extra `data` (`-d`); with
   * `strictBuiltinErrors` off, a builtin error makes its call undefined (conftest's default).
   */
  runTests(filter?: RegExp, data: Record<string, unknown> = {}, strictBuiltinErrors = true): ReturnType<CompiledPolicy['runTests']> {
    return this.compiled.withData(data).runTests({ filter, strictBuiltinErrors });
  }
}

/** A `print` line as conftest's print hook writes it: `<file>:<line>: <text>`. */
function printLine(line: PrintedLine): string {
  return line.location ? `${line.location.file}:${line.location.line}: ${line.text}` : line.text;
}

/** The `.rego` files under the given files and folders, sorted, without duplicates. */
export function regoFiles(paths: readonly string[]): string[] {
  const found = new Set<string>();
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const entryPath = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(entryPath);
      else if (entry.isFile() && entry.name.endsWith('.rego')) found.add(entryPath);
    }
  };
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch {
      throw new PolicyLoadError(`${given}: no such file or folder; pass the policy folder with -p`);
    }
    if (stat.isDirectory()) walk(given);
    else found.add(given);
  }
  return [...found].sort();
}
