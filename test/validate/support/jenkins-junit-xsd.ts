/**
 * The rules of the Jenkins JUnit XSD that kubeconform's acceptance tests validate JUnit output
 * against (junit5's platform-tests/src/test/resources/jenkins-junit.xsd, checked there with
 * `xmllint --schema`), as a checker over a small XML reader, since neither xmllint nor an XSD
 * library is available to the tests. Returns the violations, empty when the document conforms.
 */

interface XmlElement {
  readonly name: string;
  readonly attributes: Map<string, string>;
  readonly children: XmlElement[];
  text: string;
}

/** Per element: its allowed attributes (required ones marked), and its children in order with their counts. */
const SCHEMA: Readonly<Record<string, { attributes: Record<string, 'required' | 'optional'>; children?: [string, number, number][]; simple?: boolean; mixed?: boolean }>> = {
  testsuites: {
    attributes: { name: 'optional', time: 'optional', tests: 'optional', failures: 'optional', disabled: 'optional', errors: 'optional' },
    children: [['testsuite', 0, Infinity]],
  },
  testsuite: {
    attributes: Object.fromEntries(
      ['name', 'tests', 'failures', 'errors', 'time', 'disabled', 'skipped', 'timestamp', 'hostname', 'id', 'package'].map((a) => [a, a === 'name' || a === 'tests' ? 'required' : 'optional']),
    ) as Record<string, 'required' | 'optional'>,
    children: [
      ['properties', 0, 1],
      ['testcase', 0, Infinity],
      ['system-out', 0, 1],
      ['system-err', 0, 1],
    ],
  },
  properties: { attributes: {}, children: [['property', 1, Infinity]] },
  property: { attributes: { name: 'required', value: 'required' }, children: [] },
  testcase: {
    attributes: { name: 'required', assertions: 'optional', time: 'optional', classname: 'optional', status: 'optional' },
    children: [
      ['skipped', 0, 1],
      ['error', 0, Infinity],
      ['failure', 0, Infinity],
      ['system-out', 0, Infinity],
      ['system-err', 0, Infinity],
    ],
  },
  failure: { attributes: { type: 'optional', message: 'optional' }, mixed: true },
  error: { attributes: { type: 'optional', message: 'optional' }, mixed: true },
  skipped: { attributes: {}, simple: true },
  'system-out': { attributes: {}, simple: true },
  'system-err': { attributes: {}, simple: true },
};

/** The violations of the Jenkins JUnit XSD in a document; empty when it conforms. */
export function jenkinsJunitViolations(xml: string): string[] {
  const root = readXml(xml);
  const violations: string[] = [];
  if (root.name !== 'testsuites' && root.name !== 'testsuite') violations.push(`root element <${root.name}> is not testsuites or testsuite`);
  check(root, violations);
  return violations;
}

function check(element: XmlElement, violations: string[]): void {
  const rule = SCHEMA[element.name];
  if (!rule) {
    violations.push(`<${element.name}> is not declared`);
    return;
  }
  for (const name of element.attributes.keys()) if (!(name in rule.attributes)) violations.push(`<${element.name}> has undeclared attribute ${name}`);
  for (const [name, use] of Object.entries(rule.attributes)) if (use === 'required' && !element.attributes.has(name)) violations.push(`<${element.name}> lacks required attribute ${name}`);
  if (rule.simple || rule.mixed) {
    if (element.children.length > 0) violations.push(`<${element.name}> may hold only text`);
    return;
  }
  if (element.text.trim() !== '') violations.push(`<${element.name}> may not hold text`);
  // Children must follow the sequence in order, each within its bounds.
  let position = 0;
  for (const [name, min, max] of rule.children ?? []) {
    let count = 0;
    while (position < element.children.length && element.children[position].name === name) {
      count++;
      position++;
    }
    if (count < min || count > max) violations.push(`<${element.name}> has ${count} <${name}>, expected ${min}..${max}`);
  }
  if (position < element.children.length) violations.push(`<${element.name}> has <${element.children[position].name}> out of the XSD's order`);
  for (const child of element.children) check(child, violations);
}

/** Reads elements, attributes and text (no DTDs, CDATA or processing instructions beyond the declaration). */
function readXml(xml: string): XmlElement {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: XmlElement[] = [{ name: '#document', attributes: new Map(), children: [], text: '' }];
  const token = /<\/([\w-]+)\s*>|<([\w-]+)((?:\s+[\w-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = token.exec(body)) !== null) {
    if (match.index !== consumed) throw new Error(`not well-formed XML at offset ${consumed}`);
    consumed = token.lastIndex;
    const [, closing, opening, attributeText, selfClosing, text] = match;
    const top = stack[stack.length - 1];
    if (text !== undefined) top.text += text;
    else if (closing !== undefined) {
      if (top.name !== closing) throw new Error(`</${closing}> closes <${top.name}>`);
      stack.pop();
    } else {
      const attributes = new Map([...attributeText.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, name, value]) => [name, value] as [string, string]));
      const element: XmlElement = { name: opening, attributes, children: [], text: '' };
      top.children.push(element);
      if (selfClosing !== '/') stack.push(element);
    }
  }
  if (consumed !== body.length || stack.length !== 1 || stack[0].children.length !== 1) throw new Error('not well-formed XML: unclosed elements or trailing content');
  return stack[0].children[0];
}
