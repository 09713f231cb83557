/**
 * Parser for the common subset of Go's text/template (what
 * strings.render_template runs): text, {{pipeline}} actions with trim markers
 * and comments, if/else if/else, range (with else and $i, $v :=), with,
 * variables, fields, literals, parenthesised pipelines and `|`. Anything else
 * Go accepts (define, template, block, break, continue, char constants…) is
 * an error naming the construct, never a wrong rendering.
 */

/** A template parse or execution failure, worded like Go's ("template: template:1: …"). */
export class TemplateError extends Error {}

/** An operand of a command. */
export type Operand =
  | { kind: 'field'; chain: string[] }
  | { kind: 'variable'; name: string; chain: string[] }
  | { kind: 'dot' }
  | { kind: 'nil' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'function'; name: string }
  | { kind: 'pipe'; pipe: Pipeline; chain: string[] };

/** One command of a pipeline: its operands, the first maybe a function. */
export interface Command {
  readonly args: Operand[];
  readonly pos: number;
  readonly text: string;
}

/** A pipeline, maybe declaring (`:=`) or assigning (`=`) variables. */
export interface Pipeline {
  readonly decl: string[];
  readonly assign: boolean;
  readonly cmds: Command[];
}

/** A node of the template tree. */
export type Node =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pipe: Pipeline; pos: number }
  | { kind: 'if' | 'range' | 'with'; pipe: Pipeline; list: Node[]; elseList?: Node[]; pos: number };

/** The functions this engine implements, as Go's builtins of the same names. */
export const FUNCTIONS = new Set(['and', 'eq', 'ge', 'gt', 'index', 'le', 'len', 'lt', 'ne', 'not', 'or', 'print', 'printf', 'println']);
/** Go keywords and builtin functions this engine does not implement. */
const UNSUPPORTED_KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'template']);
const UNSUPPORTED_FUNCTIONS = new Set(['call', 'html', 'js', 'slice', 'urlquery']);

interface Token {
  type: 'word' | 'field' | 'var' | 'string' | 'number' | 'pipe' | 'lparen' | 'rparen' | 'declare' | 'assign' | 'comma';
  text: string;
  pos: number;
}

/** Go's position text: "template:LINE" for parse errors. */
function lineOf(src: string, pos: number): number {
  return 1 + (src.slice(0, pos).match(/\n/g)?.length ?? 0);
}

/** Tokens of one action's inside (between the delimiters). */
function tokenize(src: string, start: number, end: number): Token[] {
  const out: Token[] = [];
  const fail = (msg: string, at: number): never => {
    throw new TemplateError(`template: template:${lineOf(src, at)}: ${msg}`);
  };
  let i = start;
  while (i < end) {
    const c = src[i];
    if (/\s/.test(c)) i++;
    else if (c === '"') {
      let j = i + 1;
      while (j < end && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      if (j >= end) fail('unterminated quoted string', i);
      out.push({ type: 'string', text: src.slice(i, j + 1), pos: i });
      i = j + 1;
    } else if (c === '`') {
      const j = src.indexOf('`', i + 1);
      if (j < 0 || j >= end) fail('unterminated raw quoted string', i);
      out.push({ type: 'string', text: src.slice(i, j + 1), pos: i });
      i = j + 1;
    } else if (c === "'") {
      fail('character constants are not supported by this engine', i);
    } else {
      const m = /^(?::=|=|\||\(|\)|,|\$[A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*|(?:\.[A-Za-z0-9_]+)+|\.|[+-]?(?:0[xX][0-9a-fA-F_]+|\d[\d_]*(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)|[A-Za-z_][A-Za-z0-9_]*)/.exec(src.slice(i, end));
      if (!m) fail(`unexpected "${c}" in command`, i);
      const text = m![0];
      const type: Token['type'] =
        text === ':=' ? 'declare' : text === '=' ? 'assign' : text === '|' ? 'pipe' : text === '(' ? 'lparen' : text === ')' ? 'rparen' : text === ',' ? 'comma'
          : text.startsWith('$') ? 'var' : text.startsWith('.') && !/^\.\d/.test(text) ? 'field' : /^[+\-.\d]/.test(text) ? 'number' : 'word';
      out.push({ type, text, pos: i });
      i += text.length;
    }
  }
  return out;
}

/** Go's unquoting of a string literal ("…" with escapes, or `…` raw). */
function unquote(text: string): string {
  if (text.startsWith('`')) return text.slice(1, -1);
  return JSON.parse(text.replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b').replace(/\\'/g, "'")) as string;
}

/** Parses a template into its node list; throws TemplateError like Go's parser. */
export function parseTemplate(src: string): Node[] {
  const fail = (msg: string, at: number): never => {
    throw new TemplateError(`template: template:${lineOf(src, at)}: ${msg}`);
  };
  let pos = 0;
  /** Parses nodes until a control word ends the list: returns it ("end", "else", or undefined at EOF). */
  const parseList = (): { nodes: Node[]; stop?: { word: string; tokens: Token[]; pos: number } } => {
    const nodes: Node[] = [];
    for (;;) {
      const open = src.indexOf('{{', pos);
      let text = src.slice(pos, open < 0 ? undefined : open);
      if (open < 0) {
        if (text) nodes.push({ kind: 'text', text });
        pos = src.length;
        return { nodes };
      }
      let inner = open + 2;
      // "{{- " trims the whitespace before the action.
      if (src.startsWith('- ', inner) || src.startsWith('-\t', inner) || src.startsWith('-\n', inner) || src.startsWith('-\r', inner)) {
        text = text.replace(/\s+$/, '');
        inner += 1;
      }
      if (text) nodes.push({ kind: 'text', text });
      const close = src.indexOf('}}', inner);
      if (close < 0) fail('unclosed action', open);
      let end = close;
      let after = close + 2;
      // " -}}" trims the whitespace after it.
      if (/\s-$/.test(src.slice(inner, close))) {
        end = close - 1;
        const rest = src.slice(after);
        after += rest.length - rest.replace(/^\s+/, '').length;
      }
      pos = after;
      const body = src.slice(inner, end).trim();
      if (body.startsWith('/*')) {
        if (!body.endsWith('*/')) fail('comment ends before closing delimiter', open);
        continue;
      }
      const tokens = tokenize(src, inner, end);
      if (tokens.length === 0) fail('missing value for command', open);
      const word = tokens[0].type === 'word' ? tokens[0].text : '';
      if (word === 'end' || word === 'else') return { nodes, stop: { word, tokens: tokens.slice(1), pos: tokens[0].pos } };
      if (word === 'if' || word === 'range' || word === 'with') nodes.push(parseControl(word, tokens.slice(1), tokens[0].pos));
      else if (UNSUPPORTED_KEYWORDS.has(word)) fail(`{{${word}}} is not supported by this engine's text/template`, tokens[0].pos);
      else nodes.push({ kind: 'action', pipe: parsePipeline(tokens, `command`), pos: tokens[0].pos });
    }
  };
  const parseControl = (word: 'if' | 'range' | 'with', tokens: Token[], at: number): Node => {
    if (tokens.length === 0) fail(`missing value for ${word}`, at);
    const pipe = parsePipeline(tokens, word);
    const body = parseList();
    if (!body.stop) fail('unexpected EOF', src.length);
    if (body.stop!.word === 'end') return { kind: word, pipe, list: body.nodes, pos: at };
    const rest = body.stop!.tokens;
    // "{{else if …}}" is an if nested in the else branch, ending at the same {{end}}.
    if (rest.length > 0) {
      if (rest[0].text !== word || word === 'range') fail(`{{else ${rest[0].text}}} is not supported by this engine's text/template`, body.stop!.pos);
      const nested = parseControl(word, rest.slice(1), body.stop!.pos);
      return { kind: word, pipe, list: body.nodes, elseList: [nested], pos: at };
    }
    const elseBody = parseList();
    if (!elseBody.stop) fail('unexpected EOF', src.length);
    if (elseBody.stop!.word !== 'end') fail('expected end; found {{else}}', elseBody.stop!.pos);
    return { kind: word, pipe, list: body.nodes, elseList: elseBody.nodes, pos: at };
  };
  const parsePipeline = (tokens: Token[], context: string): Pipeline => {
    let i = 0;
    const decl: string[] = [];
    let assign = false;
    // "$x :=", "$i, $v :=" and "$x =" before the commands.
    const declEnd = tokens.findIndex((t) => t.type === 'declare' || t.type === 'assign');
    if (declEnd > 0 && tokens.slice(0, declEnd).every((t, k) => (k % 2 === 0 ? t.type === 'var' : t.type === 'comma'))) {
      for (let k = 0; k < declEnd; k += 2) decl.push(tokens[k].text);
      assign = tokens[declEnd].type === 'assign';
      i = declEnd + 1;
    }
    const cmds: Command[] = [];
    const parseOperand = (): Operand => {
      const t = tokens[i++];
      const chainOf = (text: string): string[] => text.split('.').slice(1);
      switch (t.type) {
        case 'field': return t.text === '.' ? { kind: 'dot' } : { kind: 'field', chain: chainOf(t.text) };
        case 'var': {
          const [name, ...chain] = t.text.split('.');
          return { kind: 'variable', name, chain };
        }
        case 'string': return { kind: 'string', value: unquote(t.text) };
        case 'number': {
          const clean = t.text.replace(/_/g, '');
          if (/^[+-]?(0[xX][0-9a-fA-F]+|\d+)$/.test(clean)) return { kind: 'int', value: BigInt(clean.replace(/^\+/, '')) };
          return { kind: 'float', value: Number(clean) };
        }
        case 'lparen': {
          const close = matchingParen(tokens, i - 1);
          if (close < 0) fail('unclosed left paren', t.pos);
          const pipe = parsePipeline(tokens.slice(i, close), 'parenthesized pipeline');
          i = close + 1;
          let chain: string[] = [];
          if (tokens[i]?.type === 'field' && tokens[i].pos === tokens[close].pos + 1) chain = chainOf(tokens[i++].text);
          return { kind: 'pipe', pipe, chain };
        }
        case 'word':
          if (t.text === 'true' || t.text === 'false') return { kind: 'bool', value: t.text === 'true' };
          if (t.text === 'nil') return { kind: 'nil' };
          if (FUNCTIONS.has(t.text)) return { kind: 'function', name: t.text };
          if (UNSUPPORTED_FUNCTIONS.has(t.text)) return fail(`function "${t.text}" is not supported by this engine's text/template`, t.pos);
          if (UNSUPPORTED_KEYWORDS.has(t.text)) return fail(`{{${t.text}}} is not supported by this engine's text/template`, t.pos);
          return fail(`function "${t.text}" not defined`, t.pos);
        default:
          return fail(`unexpected "${t.text}" in ${context}`, t.pos);
      }
    };
    let args: Operand[] = [];
    let cmdStart = tokens[i]?.pos ?? 0;
    while (i < tokens.length) {
      if (tokens[i].type === 'pipe') {
        if (args.length === 0) fail('missing command', tokens[i].pos);
        cmds.push({ args, pos: cmdStart, text: src.slice(cmdStart, tokens[i].pos).trim() });
        args = [];
        i++;
        cmdStart = tokens[i]?.pos ?? 0;
        continue;
      }
      args.push(parseOperand());
    }
    if (args.length === 0) fail(`missing value for ${context}`, tokens[0]?.pos ?? 0);
    const last = tokens[tokens.length - 1];
    cmds.push({ args, pos: cmdStart, text: src.slice(cmdStart, last.pos + last.text.length).trim() });
    return { decl, assign, cmds };
  };
  const { nodes, stop } = parseList();
  if (stop) fail(`unexpected {{${stop.word}}}`, stop.pos);
  return nodes;
}

/** Index of the ")" closing the "(" at open, or -1. */
function matchingParen(tokens: Token[], open: number): number {
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    if (tokens[k].type === 'lparen') depth++;
    else if (tokens[k].type === 'rparen' && --depth === 0) return k;
  }
  return -1;
}
