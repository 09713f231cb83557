/**
 * Executes a parsed Go text/template (see text-template-parse.ts) on JSON data
 * as OPA hands it to Go: objects as map[string]interface{}, arrays as
 * []interface{}, numbers as json.Number (a string type: `eq .n "5"` holds,
 * `eq .n 5` is an error), with missingkey=error.
 */
import { GoArg, goSprintf } from './fmt';
import { Command, Node, Operand, Pipeline, TemplateError, parseTemplate } from './text-template-parse';

/** A number from the data: Go's json.Number, a string type holding the number's text. */
export class JsonNumber {
  constructor(readonly text: string) {}
}

/** A Go value: nil, bool, string, json.Number, int (bigint), float64, map, slice. */
export type GoValue = null | boolean | string | JsonNumber | bigint | number | Map<string, GoValue> | GoValue[];

type Kind = 'nil' | 'bool' | 'string' | 'int' | 'float' | 'map' | 'slice';

function kindOf(v: GoValue): Kind {
  if (v === null) return 'nil';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string' || v instanceof JsonNumber) return 'string';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'float';
  return v instanceof Map ? 'map' : 'slice';
}

/** Go's type name in messages. */
function goType(v: GoValue): string {
  if (v instanceof JsonNumber) return 'json.Number';
  return { nil: '<nil>', bool: 'bool', string: 'string', int: 'int', float: 'float64', map: 'map[string]interface {}', slice: '[]interface {}' }[kindOf(v)];
}

function text(v: GoValue): string {
  return v instanceof JsonNumber ? v.text : (v as string);
}

/** fmt's %v of a value (nested nils print "<nil>"). */
function formatValue(v: GoValue): string {
  if (v === null) return '<nil>';
  if (v instanceof JsonNumber) return v.text;
  if (v instanceof Map) return `map[${[...v.keys()].sort().map((k) => `${k}:${formatValue(v.get(k)!)}`).join(' ')}]`;
  if (Array.isArray(v)) return `[${v.map(formatValue).join(' ')}]`;
  if (typeof v === 'number') return goSprintf('%v', [{ type: 'float64', value: v }]);
  return String(v);
}

/** Go's truth: non-zero, non-empty, non-nil. */
function truth(v: GoValue): boolean {
  switch (kindOf(v)) {
    case 'nil': return false;
    case 'bool': return v as boolean;
    case 'string': return text(v).length > 0;
    case 'int': return v !== 0n;
    case 'float': return v !== 0;
    case 'map': return (v as Map<string, GoValue>).size > 0;
    default: return (v as GoValue[]).length > 0;
  }
}

/** One execution: the template source (for positions), variables in scope. */
class Execution {
  private readonly vars: Array<[string, GoValue]> = [];
  out = '';

  constructor(private readonly src: string, data: GoValue) {
    this.vars.push(['$', data]);
  }

  /** Go's ExecError: "template: template:LINE:COL: executing "template" at <CMD>: MSG". */
  private fail(cmd: { pos: number; text: string }, msg: string): never {
    const before = this.src.slice(0, cmd.pos);
    const nl = before.lastIndexOf('\n');
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    throw new TemplateError(`template: template:${line}:${nl < 0 ? cmd.pos : cmd.pos - nl - 1}: executing "template" at <${cmd.text}>: ${msg}`);
  }

  walk(nodes: readonly Node[], dot: GoValue): void {
    for (const n of nodes) {
      if (n.kind === 'text') this.out += n.text;
      else if (n.kind === 'action') {
        const v = this.pipeline(n.pipe, dot);
        if (n.pipe.decl.length === 0) this.out += v === null ? '<no value>' : formatValue(v);
      } else this.control(n, dot);
    }
  }

  private control(n: Extract<Node, { kind: 'if' | 'range' | 'with' }>, dot: GoValue): void {
    const mark = this.vars.length;
    const v = n.kind === 'range' ? this.pipelineNoDecl(n.pipe, dot) : this.pipeline(n.pipe, dot);
    if (n.kind === 'if' || n.kind === 'with') {
      if (truth(v)) this.walk(n.list, n.kind === 'with' ? v : dot);
      else if (n.elseList) this.walk(n.elseList, dot);
    } else {
      const items: Array<[GoValue, GoValue]> =
        v instanceof Map ? [...v.keys()].sort().map((k) => [k, v.get(k)!]) : Array.isArray(v) ? v.map((x, i) => [BigInt(i), x]) : typeof v === 'bigint' ? Array.from({ length: Number(v > 0n ? v : 0n) }, (_, i) => [BigInt(i), BigInt(i)]) : [];
      if (v !== null && items.length === 0 && !(v instanceof Map) && !Array.isArray(v) && typeof v !== 'bigint') this.fail(n.pipe.cmds[0], `range can't iterate over ${formatValue(v)}`);
      for (const [key, elem] of items) {
        const inner = this.vars.length;
        if (n.pipe.decl.length === 1) this.vars.push([n.pipe.decl[0], elem]);
        if (n.pipe.decl.length === 2) this.vars.push([n.pipe.decl[0], key], [n.pipe.decl[1], elem]);
        this.walk(n.list, elem);
        this.vars.length = inner;
      }
      if (items.length === 0 && n.elseList) this.walk(n.elseList, dot);
    }
    this.vars.length = mark;
  }

  /** A range's pipeline: its declarations bind per element, not to the whole value. */
  private pipelineNoDecl(p: Pipeline, dot: GoValue): GoValue {
    return this.pipeline({ ...p, decl: [] }, dot);
  }

  private pipeline(p: Pipeline, dot: GoValue): GoValue {
    let value: GoValue | undefined;
    for (const cmd of p.cmds) value = this.command(cmd, dot, value);
    for (const name of p.decl) {
      if (p.assign) {
        const slot = [...this.vars].reverse().find(([n]) => n === name);
        if (!slot) this.fail(p.cmds[0], `undefined variable: ${name}`);
        slot![1] = value!;
      } else this.vars.push([name, value!]);
    }
    return value!;
  }

  private command(cmd: Command, dot: GoValue, final: GoValue | undefined): GoValue {
    const [first, ...rest] = cmd.args;
    if (first.kind === 'function') return this.call(cmd, first.name, rest, dot, final);
    if (rest.length > 0 || final !== undefined) this.fail(cmd, `can't give argument to non-function ${cmd.text.split(/\s/)[0]}`);
    return this.operand(cmd, first, dot);
  }

  private operand(cmd: Command, o: Operand, dot: GoValue): GoValue {
    switch (o.kind) {
      case 'dot': return dot;
      case 'nil': return this.fail(cmd, 'nil is not a command');
      case 'bool': case 'int': case 'float': case 'string': return o.value;
      case 'function': return this.call(cmd, o.name, [], dot, undefined);
      case 'field': return this.fields(cmd, dot, o.chain);
      case 'variable': {
        const slot = [...this.vars].reverse().find(([n]) => n === o.name);
        if (!slot) this.fail(cmd, `undefined variable: ${o.name}`);
        return this.fields(cmd, slot![1], o.chain);
      }
      case 'pipe': return this.fields(cmd, this.pipeline(o.pipe, dot), o.chain);
    }
  }

  /** Field lookups: map keys, with missingkey=error. */
  private fields(cmd: Command, start: GoValue, chain: readonly string[]): GoValue {
    let v = start;
    for (const name of chain) {
      if (v === null) this.fail(cmd, `nil data; no entry for key "${name}"`);
      if (!(v instanceof Map)) this.fail(cmd, `can't evaluate field ${name} in type ${goType(v)}`);
      const m = v as Map<string, GoValue>;
      if (!m.has(name)) this.fail(cmd, `map has no entry for key "${name}"`);
      v = m.get(name)!;
    }
    return v;
  }

  private call(cmd: Command, name: string, argOps: readonly Operand[], dot: GoValue, final: GoValue | undefined): GoValue {
    const args = (): GoValue[] => [...argOps.map((a) => this.operand(cmd, a, dot)), ...(final === undefined ? [] : [final])];
    const err = (msg: string): never => this.fail(cmd, `error calling ${name}: ${msg}`);
    switch (name) {
      case 'and': case 'or': {
        // Short-circuit: the first falsy (and) / truthy (or) argument, else the last.
        const all = [...argOps, ...(final === undefined ? [] : [undefined])];
        let v: GoValue = null;
        for (const a of all) {
          v = a === undefined ? final! : this.operand(cmd, a, dot);
          if (truth(v) === (name === 'or')) return v;
        }
        return v;
      }
      case 'not': return !truth(args()[0]);
      case 'len': {
        const [x] = args();
        if (kindOf(x) === 'string') return BigInt(Buffer.byteLength(text(x)));
        if (x instanceof Map) return BigInt(x.size);
        if (Array.isArray(x)) return BigInt(x.length);
        return err(`len of type ${goType(x)}`);
      }
      case 'index': {
        const [x, ...keys] = args();
        let v = x;
        for (const k of keys) {
          if (v instanceof Map) {
            if (kindOf(k) !== 'string' || k instanceof JsonNumber) err(`value has type ${goType(k)}; should be string`);
            v = v.get(k as string) ?? null;
          } else if (Array.isArray(v)) {
            if (typeof k !== 'bigint') err(`cannot index slice/array with type ${goType(k)}`);
            if ((k as bigint) < 0n || (k as bigint) >= BigInt(v.length)) err(`index out of range: ${String(k)}`);
            v = v[Number(k)];
          } else err(`can't index item of type ${goType(v)}`);
        }
        return v;
      }
      case 'print': case 'println': {
        const xs = args();
        if (name === 'println') return xs.map(formatValue).join(' ') + '\n';
        // Sprint puts spaces between operands when neither is a string.
        return xs.map((x, i) => (i > 0 && kindOf(x) !== 'string' && kindOf(xs[i - 1]) !== 'string' ? ' ' : '') + formatValue(x)).join('');
      }
      case 'printf': {
        const [format, ...xs] = args();
        if (typeof format !== 'string') return err(`wrong type for value; expected string; got ${goType(format)}`);
        return goSprintf(format, xs.map((x) => this.fmtArg(cmd, x)));
      }
      default: return this.compare(cmd, name, args());
    }
  }

  /** printf operands this engine can format exactly (strings, ints, floats). */
  private fmtArg(cmd: Command, x: GoValue): GoArg {
    if (typeof x === 'string') return { type: 'string', value: x };
    if (typeof x === 'bigint') return { type: 'int', value: x };
    if (typeof x === 'number') return { type: 'float64', value: x };
    return this.fail(cmd, `printf of a ${goType(x)} operand is not supported by this engine`);
  }

  /** eq/ne/lt/le/gt/ge on Go's basic kinds. */
  private compare(cmd: Command, name: string, xs: GoValue[]): GoValue {
    const err = (msg: string): never => this.fail(cmd, `error calling ${name}: ${msg}`);
    const basic = (v: GoValue): Kind => {
      const k = kindOf(v);
      if (k === 'map' || k === 'slice' || k === 'nil') err(k === 'nil' ? 'invalid type for comparison' : 'non-comparable type');
      return k;
    };
    const cmp = (a: GoValue, b: GoValue): number => {
      const ka = basic(a);
      const kb = basic(b);
      if (ka !== kb) {
        if ((ka === 'int' || ka === 'float') && (kb === 'int' || kb === 'float')) return Number(a) - Number(b);
        err('incompatible types for comparison');
      }
      if (ka === 'bool') {
        if (name !== 'eq' && name !== 'ne') err('invalid type for comparison');
        return a === b ? 0 : 1;
      }
      if (ka === 'string') return text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0;
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    };
    if (xs.length < 2) err('missing argument for comparison');
    if (name === 'eq') return xs.slice(1).some((b) => cmp(xs[0], b) === 0);
    if (xs.length > 2) err(`wrong number of args for ${name}: want 2 got ${xs.length}`);
    const c = cmp(xs[0], xs[1]);
    return { ne: c !== 0, lt: c < 0, le: c <= 0, gt: c > 0, ge: c >= 0 }[name]!;
  }
}

/** Renders a Go text/template with the data; throws TemplateError with Go's wording. */
export function renderGoTemplate(src: string, data: GoValue): string {
  const nodes = parseTemplate(src);
  const run = new Execution(src, data);
  run.walk(nodes, data);
  return run.out;
}
