import { RegoSet, fromJSON, toJSON } from '../../../lib/rego/value';
import { call, callJSON } from './call';

describe('graph builtins', () => {
  // OPA's documented example: an org chart as edges from manager to reports.
  const orgChart = {
    ceo: ['human_resources', 'finance'],
    human_resources: ['staffing'],
    staffing: ['internships'],
    internships: [],
    finance: ['accounting'],
    accounting: [],
  };

  it('finds every node reachable from the start nodes', () => {
    expect(callJSON('graph.reachable', orgChart, ['ceo'])).toEqual(['accounting', 'ceo', 'finance', 'human_resources', 'internships', 'staffing']);
    expect(callJSON('graph.reachable', orgChart, ['finance'])).toEqual(['accounting', 'finance']);
    expect(toJSON(call('graph.reachable', fromJSON(orgChart), new RegoSet(['staffing']))!)).toEqual(['internships', 'staffing']);
  });

  it('leaves out start nodes and neighbours the graph does not have, and survives cycles', () => {
    expect(callJSON('graph.reachable', { a: ['b', 'zz'], b: ['a'] }, ['a', 'missing'])).toEqual(['a', 'b']);
    expect(callJSON('graph.reachable', {}, [])).toEqual([]);
  });

  it('lists the maximal paths from each start node (OPA documented example)', () => {
    const pathData = { aTop: [], cMiddle: ['aTop'], bBottom: ['cMiddle'], dIgnored: [] };
    expect(callJSON('graph.reachable_paths', pathData, ['bBottom'])).toEqual([['bBottom', 'cMiddle', 'aTop']]);
    expect(callJSON('graph.reachable_paths', pathData, ['aTop'])).toEqual([['aTop']]);
    expect(callJSON('graph.reachable_paths', pathData, ['nope'])).toEqual([]);
  });

  it('ends a path where it would close a cycle or leave the graph', () => {
    expect(callJSON('graph.reachable_paths', { a: ['b'], b: ['c'], c: ['a'] }, ['a'])).toEqual([['a', 'b', 'c']]);
    expect(callJSON('graph.reachable_paths', { a: ['b', 'x'], b: [] }, ['a'])).toEqual([['a'], ['a', 'b']]);
  });

  it('rejects a graph that is not an object and start nodes that are not a collection', () => {
    expect(() => call('graph.reachable', [], [])).toThrow('graph.reachable: operand 1 must be object but got array');
    expect(() => call('graph.reachable', fromJSON({}), 'a')).toThrow('graph.reachable: operand 2 must be one of {array, set} but got string');
    expect(() => call('graph.reachable_paths', fromJSON({}), 1)).toThrow('graph.reachable_paths: operand 2 must be one of {array, set} but got number');
  });
});
