/**
 * Where the time of a `node --cpu-prof` profile goes: self time per package (or project folder) and
 * per function, largest first. Usage: `npx tsx bench/profile.ts <file.cpuprofile> [--top N]`.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time in ms by where the code lives and by function, each sorted from the largest. */
export function selfTimes(profile: CpuProfile): { byPlace: [string, number][]; byFunction: [string, number][] } {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id)?.callFrame;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    if (!frame) return;
    const place = placeOf(frame.url, frame.functionName);
    byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
    const fn = `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  });
  const sorted = (map: Map<string, number>) => [...map].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  return { byPlace: sorted(byPlace), byFunction: sorted(byFunction) };
}

/** `…/node_modules/cdk8s-plus-27/lib/x.js` → `cdk8s-plus-27`; project files → their folder. */
function placeOf(url: string, functionName: string): string {
  if (url === '') return `(${functionName || 'native'})`;
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  if (url.startsWith('node:')) return 'node internals';
  const project = /\/(lib\/[^/]+|bench|main\.ts)/.exec(url);
  return project ? project[1] : shortUrl(url);
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '').replace(/^.*\/(lib|bench)\//, '$1/');
}

if (require.main === module) {
  const [file] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const topFlag = process.argv.indexOf('--top');
  const top = topFlag === -1 ? 15 : Number(process.argv[topFlag + 1]);
  if (!file) {
    process.stderr.write('usage: tsx bench/profile.ts <file.cpuprofile> [--top N]\n');
    process.exitCode = 2;
  } else {
    const { byPlace, byFunction } = selfTimes(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
    const total = byPlace.reduce((sum, [, ms]) => sum + ms, 0);
    const print = (title: string, rows: [string, number][]) => {
      process.stdout.write(`${title}\n`);
      for (const [name, ms] of rows.slice(0, top)) process.stdout.write(`${ms.toFixed(0).padStart(8)} ms ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${name}\n`);
    };
    print(`self time by place (total ${total.toFixed(0)} ms)`, byPlace);
    print('\nself time by function', byFunction);
  }
}
