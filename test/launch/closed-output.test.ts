import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs a command-line entry through the launcher and closes its output after the first chunk. */
function runAndCloseOutput(entry: string, args: string[]): Promise<{ code: number | null; stderr: string; firstChunk: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['lib/launch/run.js', entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let firstChunk = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', (chunk: Buffer) => {
      firstChunk = chunk.toString();
      child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, firstChunk }));
  });
}

describe('a command whose reader stops reading (`npm run validate | head`)', () => {
  it('stops as a Go command line does on SIGPIPE: exit 141 and no stack trace', async () => {
    // Far more output than a pipe holds (64 KiB), so writing cannot finish before the pipe closes.
    const folder = mkdtempSync(join(tmpdir(), 'closed-output-'));
    const configMaps = Array.from({ length: 5000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings-${i}, namespace: video-app}\ndata: {mode: fast}\n`);
    writeFileSync(join(folder, 'config-maps.yaml'), configMaps.join('---\n'));
    const { code, stderr, firstChunk } = await runAndCloseOutput('lib/cli/validate.ts', ['-verbose', folder]);
    expect(firstChunk).toMatch(/ is valid/);
    expect(stderr).toBe('');
    expect(code).toBe(141);
  }, 60_000);
});
