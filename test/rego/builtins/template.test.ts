import { call } from './call';
import { fromJSON } from '../../../lib/rego/value';

const render = (template: string, vars: Record<string, unknown>) => call('strings.render_template', template, fromJSON(vars));

describe('strings.render_template', () => {
  it('renders fields and OPA’s documented range example', () => {
    expect(render('{{.test}}', { test: 'hello world' })).toBe('hello world');
    expect(render('{{range $i, $name := .hellonames}}{{if $i}}, {{end}}{{$name}}{{end}}', { hellonames: ['rego', 'opa'] })).toBe('rego, opa');
    expect(render('{{.a.b}}-{{.n}}-{{.flag}}', { a: { b: 'x' }, n: 1.5, flag: true })).toBe('x-1.5-true');
  });

  it('follows Go for conditions, else, with, variables, trims and comments', () => {
    expect(render('{{if .on}}on{{else if .maybe}}maybe{{else}}off{{end}}', { on: false, maybe: 'y' })).toBe('maybe');
    expect(render('{{with .user}}{{.name}}{{else}}anonymous{{end}}', { user: { name: 'ann' } })).toBe('ann');
    expect(render('{{with .user}}{{.name}}{{else}}anonymous{{end}}', { user: {} })).toBe('anonymous');
    expect(render('{{range .xs}}[{{.}}]{{else}}none{{end}}', { xs: [] })).toBe('none');
    expect(render('{{range $k, $v := .m}}{{$k}}={{$v}};{{end}}', { m: { b: 2, a: 1 } })).toBe('a=1;b=2;');
    expect(render('{{$x := .a}}{{$x}} {{- /* note */ -}} !', { a: 'v' })).toBe('v!');
    expect(render('a  {{- .b -}}  c', { b: 'B' })).toBe('aBc');
  });

  it('applies Go’s functions and json.Number semantics (numbers compare as strings)', () => {
    expect(render('{{len .xs}} {{index .xs 1}} {{index .m "k"}}', { xs: ['a', 'b'], m: { k: 'v' } })).toBe('2 b v');
    expect(render('{{if eq .n "5"}}five{{end}}', { n: 5 })).toBe('five');
    expect(render('{{if and .a (not .b)}}yes{{end}}{{or .b "fallback"}}', { a: 'x', b: '' })).toBe('yesfallback');
    expect(render('{{printf "%s-%d" .s 3}} {{print 1 2}} {{.s | printf "%q"}}', { s: 'x' })).toBe('x-3 1 2 "x"');
    expect(render('{{if .zero}}truthy{{end}}', { zero: 0 })).toBe('truthy');
    expect(render('{{.m}} {{.xs}} {{.nothing}}', { m: { b: 1, a: 'x' }, xs: [1, 'y'], nothing: null })).toBe('map[a:x b:1] [1 y] <no value>');
  });

  it('raises Go’s errors for missing keys, bad comparisons and bad templates', () => {
    expect(() => render('{{.missing}}', {})).toThrow('strings.render_template: template: template:1:2: executing "template" at <.missing>: map has no entry for key "missing"');
    expect(() => render('x\n{{.a.b}}', { a: 'str' })).toThrow('template: template:2:2: executing "template" at <.a.b>: can\'t evaluate field b in type string');
    expect(() => render('{{if eq .n 5}}{{end}}', { n: 5 })).toThrow('error calling eq: incompatible types for comparison');
    expect(() => render('{{.a', {})).toThrow('template: template:1: unclosed action');
    expect(() => render('{{if .a}}x', { a: 1 })).toThrow('template: template:1: unexpected EOF');
    expect(() => render('{{end}}', {})).toThrow('template: template:1: unexpected {{end}}');
    expect(() => render('{{foo .a}}', {})).toThrow('template: template:1: function "foo" not defined');
  });

  it('refuses constructs it does not implement instead of rendering them wrongly', () => {
    expect(() => render('{{define "x"}}y{{end}}', {})).toThrow('{{define}} is not supported');
    expect(() => render('{{html .a}}', { a: '<' })).toThrow('function "html" is not supported');
    expect(() => render('{{printf "%d" .n}}', { n: 1 })).toThrow('printf of a json.Number operand is not supported');
    expect(() => call('strings.render_template', '{{.}}', 'x')).toThrow('operand 2 must be object but got string');
  });
});
