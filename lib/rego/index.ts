/**
 * Public API of the Rego engine: compile modules once, then query or
 * evaluate documents, list rules and run `test_*` rules. No I/O here.
 */
import { IRExpr, IRQuery } from './compiler/ir';
import { Program, QueryExpression, compileProgram, compileQuery } from './compiler';
import { BuiltinError, BuiltinSpec, T, type ArgType } from './builtins/registry';
import { Location, RegoError } from './errors';
import { Evaluator, EvalSettings, SharedDocuments } from './interpreter/evaluator';
import { merge } from './interpreter/collections';
import { TestResult, runTests } from './tester';
import { RegoObject, Value, fromJSON, toJSON } from './value';

export { RegoError, formatOpaStyle, renderError, renderErrors } from './errors';
export type { Location, RegoErrorCode, RegoErrorDetail } from './errors';
export type { TestResult, TestStatus } from './tester';
export { countDeclaredTests } from './tester';
export { stringifyJSON } from './value';

/** A module's file name and text. */
export interface RegoModuleSource {
  path: string;
  text: string;
}

/** Compilation settings. */
export interface CompileOptions {
  /** Syntax of the modules; default v1 (OPA 1.x). */
  regoVersion?: 'v0' | 'v1';
  /** Builtin errors raise instead of making the call undefined. */
  strictBuiltinErrors?: boolean;
  /** Base documents under `data` (plain JSON). */
  data?: unknown;
  /** Stop an evaluation after this many expression evaluations (default 10 million). */
  maxSteps?: number;
  /** Maximum nesting of function calls (default 1,000). */
  maxDepth?: number;
  /** Functions of the caller's own, callable from these modules only (e.g. conftest's `parse_config`). */
  builtins?: readonly CustomBuiltin[];
  /**
   * The only builtins the modules may call, by name (OPA's capabilities file); a call of any other
   * is a compile error "undefined function". Default: every builtin.
   */
  allowedBuiltins?: readonly string[];
}

/** An operand type of a {@link CustomBuiltin}: a JSON/Rego type, or an array of one. */
export type BuiltinOperandType = 'any' | 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object' | 'set' | { arrayOf: BuiltinOperandType };

/**
 * A builtin function supplied by the caller, e.g. one that needs file access the engine does not
 * have. Operands are checked against `args` first (a wrong type makes the call undefined, or an
 * error with strict builtin errors, as for the engine's own builtins).
 */
export interface CustomBuiltin {
  /** Name as Rego calls it, e.g. "parse_config"; it may not be one of the engine's. */
  readonly name: string;
  /** Operand types in order; the arity is their count. */
  readonly args: readonly BuiltinOperandType[];
  /**
   * Computes the result from the operands as JSON (sets become arrays); returns JSON, or
   * `undefined` for an undefined call. A thrown Error is OPA's eval_builtin_error (undefined
   * unless builtin errors are strict). `location` is where the policy calls it, when known.
   */
  readonly fn: (args: unknown[], location: Location | undefined) => unknown;
}

/** One line written by `print`, with the place of the `print` call. */
export interface PrintedLine {
  readonly text: string;
  readonly location?: Location;
}

function operandGuard(type: BuiltinOperandType): ArgType {
  return typeof type === 'string' ? T[type] : T.arrayOf(operandGuard(type.arrayOf));
}

function builtinSpec(custom: CustomBuiltin): BuiltinSpec {
  return {
    name: custom.name,
    args: custom.args.map(operandGuard),
    fn: (args, _ctx, location) => {
      let result: unknown;
      try {
        result = custom.fn(args.map(toJSON), location);
      } catch (error) {
        throw new BuiltinError(error instanceof Error ? error.message : String(error));
      }
      return result === undefined ? undefined : fromJSON(result);
    },
  };
}

/** One expression's value in an `opa eval`-style result. */
export interface ExpressionValue {
  value: unknown;
  text: string;
  location: { row: number; col: number };
}

/** One solution in an `opa eval`-style result. */
export interface EvalResult {
  expressions: ExpressionValue[];
  bindings: Record<string, unknown>;
}

/** Compiles modules; throws RegoError (with every error found). */
export function compile(modules: RegoModuleSource[], options: CompileOptions = {}): CompiledPolicy {
  const version = options.regoVersion ?? 'v1';
  const builtins = { extra: (options.builtins ?? []).map(builtinSpec), allowed: options.allowedBuiltins ? new Set(options.allowedBuiltins) : undefined };
  const program = compileProgram(
    modules.map((m) => ({ path: m.path, text: m.text, regoVersion: version })),
    builtins,
  );
  return new CompiledPolicy(program, options);
}

/** Modules compiled once, evaluated many times. */
export class CompiledPolicy {
  private readonly baseData: Value;
  private readonly queries: Map<string, IRQuery & { expressions: QueryExpression[] }>;
  /** Input-independent documents computed with baseData, shared by every evaluation without extra data. */
  private readonly shared: SharedDocuments = new Map();
  private lastPrinted: PrintedLine[] = [];
  private lastInput: { input: unknown; ev: Evaluator } | undefined;

  /** @internal use `compile`. */
  constructor(
    private readonly program: Program,
    private readonly options: CompileOptions,
    bound?: { data: Value; queries: Map<string, IRQuery & { expressions: QueryExpression[] }> },
  ) {
    this.baseData = bound ? bound.data : options.data === undefined ? new RegoObject() : fromJSON(options.data);
    this.queries = bound ? bound.queries : new Map();
  }

  /**
   * The same compiled modules with `data` merged into the base documents once, for many evaluations
   * against one data document (an environment): cheaper than passing `data` with every query, and
   * rules that read no input are computed once for all of them. The original policy is unchanged.
   */
  withData(data: unknown): CompiledPolicy {
    return new CompiledPolicy(this.program, this.options, { data: merge(this.baseData, fromJSON(data)), queries: this.queries });
  }

  /** Evaluates a query ("data.main.deny", "x := data.a.b; x > 1") and returns all solutions as JSON bindings (sets become arrays sorted by OPA order). */
  query(query: string, opts: { input?: unknown; data?: unknown } = {}): Array<Record<string, unknown>> {
    return this.eval(query, opts).map((r) => r.bindings);
  }

  /** Like `opa eval`: each solution's expression values and bindings. */
  eval(query: string, opts: { input?: unknown; data?: unknown } = {}): EvalResult[] {
    const q = this.compiled(query);
    const results: EvalResult[] = [];
    const ev = this.evaluator(opts.input, opts.data);
    try {
      ev.run(q, (frame) => {
        const bindings: Record<string, unknown> = {};
        for (const b of q.bindings) {
          const v = frame[b.slot];
          if (v !== undefined) bindings[b.name] = toJSON(v);
        }
        const expressions = q.expressions.map((e) => ({
          value: e.slot === undefined ? true : toJSON(frame[e.slot] as Value),
          text: e.text,
          location: { row: e.loc.line, col: e.loc.col },
        }));
        results.push({ expressions, bindings });
        return false;
      });
    } finally {
      this.lastPrinted = printedLines(ev, 0);
    }
    return results;
  }

  /**
   * Value of a document (e.g. 'data.main.deny') as JSON, or undefined when undefined. Fast path for the policy runner.
   * Consecutive calls with the same input object share rule and function results, so do not mutate an input
   * object between calls; pass a new object instead.
   */
  evaluate(ref: string, input?: unknown): unknown {
    const q = this.compiled(ref);
    const slot = q.expressions[0]?.slot;
    // Several rules evaluated on the same input object share rule results (the input must not be mutated in between).
    const reuse = this.lastInput !== undefined && input === this.lastInput.input;
    const ev = reuse ? this.lastInput!.ev : this.evaluator(input, undefined);
    if (!reuse) this.lastInput = input !== null && typeof input === 'object' ? { input, ev } : undefined;
    const printedBefore = ev.printed.length;
    ev.resetBudget();
    let value: Value | undefined;
    const document = documentRead(q);
    try {
      if (document) value = ev.documentAt(document.right.path, document.loc);
      else
        ev.run(q, (frame) => {
          value = slot === undefined ? true : frame[slot];
          return true;
        });
    } finally {
      this.lastPrinted = printedLines(ev, printedBefore);
    }
    return value === undefined ? undefined : toJSON(value);
  }

  /** Packages and their rule names, e.g. {'main': ['deny', 'warn', 'exception']} (for conftest-style rule discovery). */
  rules(): Map<string, string[]> {
    const out = new Map<string, Set<string>>();
    for (const m of this.program.modules) {
      const pkg = m.packagePath.join('.');
      const names = out.get(pkg) ?? new Set<string>();
      out.set(pkg, names);
      for (const r of m.rules) names.add(String((r.head.ref[0] as { value: string }).value));
    }
    return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, [...v].sort()]));
  }

  /**
   * Packages and their rules one entry per definition, in module then source order (a rule written
   * twice is listed twice; default rules count, `else` branches do not), packages sorted: what
   * conftest counts as tests.
   */
  ruleDefinitions(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const m of this.program.modules) {
      const pkg = m.packagePath.join('.');
      const names = out.get(pkg) ?? [];
      out.set(pkg, names);
      for (const r of m.rules) names.push(String((r.head.ref[0] as { value: string }).value));
    }
    return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /**
   * Runs `test_*` rules like `opa test`. Like `opa test`, a builtin error inside a test is an ERROR
   * by default; with `strictBuiltinErrors: false` it makes the call undefined (conftest's verify).
   */
  runTests(opts: { filter?: RegExp; strictBuiltinErrors?: boolean } = {}): TestResult[] {
    return runTests(this.program, opts.filter, () => this.evaluator(undefined, undefined, opts.strictBuiltinErrors ?? true));
  }

  /** Lines written by print() during the last evaluation. */
  printed(): string[] {
    return this.lastPrinted.map((line) => line.text);
  }

  /** Lines written by print() during the last evaluation, each with the place of its `print` call. */
  printedAt(): PrintedLine[] {
    return [...this.lastPrinted];
  }

  private compiled(query: string): IRQuery & { expressions: QueryExpression[] } {
    let q = this.queries.get(query);
    if (!q) {
      q = compileQuery(query, this.program, true);
      this.queries.set(query, q);
    }
    return q;
  }

  private evaluator(input: unknown, data: unknown, strict = this.options.strictBuiltinErrors ?? false): Evaluator {
    const usual = data === undefined && strict === (this.options.strictBuiltinErrors ?? false);
    const settings: EvalSettings = {
      input: input === undefined ? undefined : fromJSON(input),
      data: data === undefined ? this.baseData : merge(this.baseData, fromJSON(data)),
      strict,
      maxSteps: this.options.maxSteps ?? 10_000_000,
      maxDepth: this.options.maxDepth ?? 1_000,
      nowNs: BigInt(Date.now()) * 1_000_000n,
      shared: usual ? this.shared : undefined,
    };
    return new Evaluator(this.program, settings);
  }
}

/** A query that only reads one document (`data.main.deny`): its expression `$q0 = data.main.deny`. */
type DocumentRead = IRExpr & { readonly right: { readonly t: 'data'; readonly path: readonly string[] } };

/** The expression of a query that only reads one document, else undefined. */
function documentRead(q: IRQuery): DocumentRead | undefined {
  if (q.body.length !== 1) return undefined;
  const e = q.body[0];
  if (e.kind !== 'unify' || e.negated || e.with.length > 0 || e.left.t !== 'var' || e.right.t !== 'data') return undefined;
  return e as DocumentRead;
}

/** What an evaluation that printed nothing printed (shared: printedAt hands out copies). */
const NOTHING_PRINTED: PrintedLine[] = [];

function printedLines(ev: Evaluator, from: number): PrintedLine[] {
  if (ev.printed.length === from) return NOTHING_PRINTED;
  return ev.printed.slice(from).map((text, i) => ({ text, location: ev.printLocations[from + i] }));
}

/**
 * Evaluates a ground Rego term (e.g. a test case's `input_term`, `{"a": {1, 2}}`)
 * to a value that `query`/`evaluate` accept as input or data (sets stay sets).
 */
export function termValue(text: string): unknown {
  const program = compileProgram([]);
  const q = compileQuery(text, program, true);
  const slot = q.expressions[0]?.slot;
  let value: Value | undefined;
  const ev = new Evaluator(program, { input: undefined, data: new RegoObject(), strict: true, maxSteps: 1_000_000, maxDepth: 100, nowNs: 0n });
  ev.run(q, (frame) => ((value = slot === undefined ? true : frame[slot]), true));
  if (value === undefined) throw new RegoError([{ code: 'rego_compile_error', message: `term is undefined: ${text}` }]);
  return value;
}

/** True when e is an error raised by the engine. */
export function isRegoError(e: unknown): e is RegoError {
  return e instanceof RegoError;
}
