/**
 * Which documents do not depend on `input`: rules like `template_kinds := {...}` or
 * `environment := data.environment` have the same value for every input, so a policy bound to one
 * `data` document computes them once for all evaluations instead of once per input.
 */
import { IRBody, IRExpr, IRRule, IRTerm } from './ir';
import { RuleNode } from './tree';

/**
 * The rule-tree nodes (documents and functions) whose value or body reads neither `input` nor
 * anything that changes between evaluations (nondeterministic builtins, `print`, `with`).
 */
export function inputIndependentNodes(root: RuleNode): ReadonlySet<RuleNode> {
  const memo = new Map<RuleNode, boolean>();

  const nodeIndependent = (node: RuleNode): boolean => {
    const known = memo.get(node);
    if (known !== undefined) return known;
    // Recursion is a compile error; a cycle here only means "not proven", so assume dependent meanwhile.
    memo.set(node, false);
    let ok = [...node.rules, ...node.functions].every(ruleIndependent);
    if (ok) for (const child of node.children.values()) if (child.virtual && !nodeIndependent(child)) ok = false;
    memo.set(node, ok);
    return ok;
  };

  const ruleIndependent = (rule: IRRule): boolean => {
    const terms = [...rule.suffix, ...(rule.args ?? []), ...(rule.key ? [rule.key] : []), ...(rule.value ? [rule.value] : [])];
    return terms.every(termIndependent) && bodyIndependent(rule.body) && (!rule.else || ruleIndependent(rule.else));
  };

  const bodyIndependent = (body: IRBody): boolean => body.every(exprIndependent);

  const exprIndependent = (e: IRExpr): boolean => {
    if (e.with.length > 0) return false;
    switch (e.kind) {
      case 'term': return termIndependent(e.term);
      case 'unify': return termIndependent(e.left) && termIndependent(e.right);
      case 'somein': return (!e.key || termIndependent(e.key)) && termIndependent(e.value) && termIndependent(e.collection);
      case 'every': return (!e.key || termIndependent(e.key)) && termIndependent(e.value) && termIndependent(e.domain) && bodyIndependent(e.body);
    }
  };

  /** A data path reads the rules on the way down and, at its end, every document below. */
  const dataIndependent = (path: readonly string[]): boolean => {
    let node = root;
    for (const key of path) {
      if (node.rules.length > 0) return nodeIndependent(node);
      const child = node.children.get(key);
      if (!child) return true;
      node = child;
    }
    return nodeIndependent(node);
  };

  const termIndependent = (t: IRTerm): boolean => {
    switch (t.t) {
      case 'const': case 'var': return true;
      case 'input': return false;
      case 'data': return dataIndependent(t.path);
      case 'ref': return termIndependent(t.head) && t.path.every(termIndependent);
      case 'array': case 'set': return t.items.every(termIndependent);
      case 'object': return t.entries.every(([k, v]) => termIndependent(k) && termIndependent(v));
      case 'arraycompr': case 'setcompr': return termIndependent(t.term) && bodyIndependent(t.body);
      case 'objectcompr': return termIndependent(t.key) && termIndependent(t.value) && bodyIndependent(t.body);
      case 'call': {
        if (t.name === 'print' || t.builtin?.nondeterministic) return false;
        if (t.fnPath) {
          const fn = root.find(t.fnPath);
          if (!fn || !nodeIndependent(fn)) return false;
        }
        return t.args.every(termIndependent) && (!t.output || termIndependent(t.output));
      }
    }
  };

  const out = new Set<RuleNode>();
  for (const node of root.descendants()) if ((node.rules.length > 0 || node.functions.length > 0 || node.virtual) && nodeIndependent(node)) out.add(node);
  return out;
}
