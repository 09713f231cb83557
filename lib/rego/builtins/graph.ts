/**
 * graph.reachable and graph.reachable_paths (OPA topdown/reachable.go). A graph is
 * an object from node to an array or set of neighbours; nodes missing from it
 * are dead ends and, for reachable, are not reported.
 */
import { RegoObject, RegoSet, Value, isArray, isSet } from '../value';
import { T, defineBuiltin, operandError } from './registry';

/** Members of an array or set of vertices; anything else has none (as in OPA). */
function vertices(v: Value): readonly Value[] {
  return isArray(v) ? v : isSet(v) ? v.values() : [];
}

/** Operand 2: the start nodes ("operand 2 must be one of {array, set} but got …"). */
function startNodes(v: Value): readonly Value[] {
  if (!isArray(v) && !isSet(v)) throw operandError(2, 'one of {array, set}', v);
  return vertices(v);
}

defineBuiltin({
  name: 'graph.reachable',
  args: [T.object, T.any],
  fn: ([g, initial]) => {
    const graph = g as RegoObject;
    const reached = new RegoSet();
    const queue = [...startNodes(initial)];
    // Breadth first; a node counts as reached only when the graph has it.
    for (let i = 0; i < queue.length; i++) {
      const node = queue[i];
      const edges = graph.get(node);
      if (edges === undefined) continue;
      for (const next of vertices(edges)) if (!reached.has(next)) queue.push(next);
      reached.add(node);
    }
    return reached;
  },
});

defineBuiltin({
  name: 'graph.reachable_paths',
  args: [T.object, T.any],
  fn: ([g, initial]) => {
    const graph = g as RegoObject;
    const paths = new RegoSet();
    for (const node of startNodes(initial)) {
      const edges = graph.get(node);
      if (edges === undefined) continue;
      const neighbours = vertices(edges);
      if (neighbours.length === 0) paths.add([node]);
      for (const next of neighbours) extendPaths(graph, next, [node], paths, new RegoSet([node]));
    }
    return paths;
  },
});

/**
 * Adds to `paths` every maximal path from `node` on, each prefixed by `path`: a path
 * ends at a node with no edges, before a node missing from the graph, or where it
 * would revisit a node (a cycle).
 */
function extendPaths(graph: RegoObject, node: Value, path: Value[], paths: RegoSet, onPath: RegoSet): void {
  const edges = graph.get(node);
  if (edges === undefined) {
    paths.add(path);
    return;
  }
  const here = [...path, node];
  const neighbours = vertices(edges);
  if (neighbours.length === 0) {
    paths.add(here);
    return;
  }
  const visited = new RegoSet([...onPath.values(), node]);
  for (const next of neighbours) {
    if (visited.has(next)) paths.add(here);
    else extendPaths(graph, next, here, paths, visited);
  }
}
