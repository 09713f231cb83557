import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot as root, runCommand } from '../run-command';

jest.setTimeout(120_000);

const check = (...args: string[]) => runCommand('lib/cli/check.ts', args);

describe('npm run check', () => {
  it('exits 0 with one summary line on the committed tree', () => {
    const result = check();
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^check passed: \d+ files for development, production, staging · schemas: \d+ valid, 0 invalid, 0 errors · policies: .* 0 failures, .* · dist\/: up to date$/)]);
  });

  it('exits 1 and lists the files of a stale dist/', () => {
    const dist = join(mkdtempSync(join(tmpdir(), 'check-')), 'dist');
    cpSync(join(root, 'dist'), dist, { recursive: true });
    rmSync(join(dist, 'staging/service_web.yaml'));
    const result = check('--dist', dist);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`missing   ${dist}/staging/service_web.yaml`);
    expect(result.stdout).toMatch(/^check FAILED: .* 1 file differs$/m);
  });
});
