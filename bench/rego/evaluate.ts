/**
 * One run of the Rego micro-benchmark, in its own process: compiles bench/rego/kubernetes.rego once,
 * evaluates `data.bench.kubernetes.deny` against each of `--objects` generated Deployments (one object
 * per evaluation), checks every finding against what the generator planted, and prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '../../lib/rego';
import { cpuMs } from './cpu-time';
import { allowedRegistries, generateDeployments, ruleOfMessage } from './generate-deployments';

/** What one run prints. */
export interface RegoRun {
  objects: number;
  compileMs: number;
  evaluateMs: number;
  /** CPU time of the evaluation loop: less sensitive than wall time to other work on the machine. */
  evaluateCpuMs: number;
  objectsPerSecond: number;
  findings: number;
}

/** Evaluates the policy set against `count` generated Deployments; throws on any unexpected finding. */
export function runRegoBenchmark(count: number): RegoRun {
  const source = { path: join(__dirname, 'kubernetes.rego'), text: readFileSync(join(__dirname, 'kubernetes.rego'), 'utf8') };
  const { objects, planted } = generateDeployments(count);

  const compileStarted = process.hrtime.bigint();
  const policy = compile([source], { data: { bench: { allowedRegistries } } });
  const compileMs = Number(process.hrtime.bigint() - compileStarted) / 1e6;

  const results: unknown[] = new Array(objects.length);
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  for (let i = 0; i < objects.length; i++) results[i] = policy.evaluate('data.bench.kubernetes.deny', objects[i]);
  const evaluateMs = Number(process.hrtime.bigint() - started) / 1e6;
  const evaluateCpuMs = cpuMs(process.cpuUsage(cpuStarted));

  let findings = 0;
  results.forEach((result, i) => {
    const messages = (result ?? []) as string[];
    const expected = planted[i] === null ? [] : [planted[i]];
    const rules = messages.map(ruleOfMessage);
    if (rules.length !== expected.length || rules.some((rule, k) => rule !== expected[k])) {
      throw new Error(`object ${i}: expected findings [${expected.join(', ')}], got ${JSON.stringify(messages)}`);
    }
    findings += messages.length;
  });
  return { objects: objects.length, compileMs, evaluateMs, evaluateCpuMs, objectsPerSecond: (objects.length / evaluateMs) * 1000, findings };
}

if (require.main === module) {
  const flag = process.argv.indexOf('--objects');
  const count = flag === -1 ? 10_000 : Number(process.argv[flag + 1]);
  process.stdout.write(`${JSON.stringify(runRegoBenchmark(count))}\n`);
}
