import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshBundle } from '../../lib/launch/bundle-cache';

const projectRoot = join(__dirname, '..', '..');

const SOURCES = ['entry.ts', 'lib/message.ts', 'lib/asset.ts'];
const AN_HOUR_AGO = new Date(Date.now() - 3_600_000);

/** A tiny project: an entry that prints a message from another module and an asset beside it. */
function scratchProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'launch-'));
  mkdirSync(join(root, 'lib', 'assets'), { recursive: true });
  writeFileSync(join(root, 'lib', 'message.ts'), "export const message: string = 'first';\n");
  writeFileSync(join(root, 'lib', 'assets', 'note.txt'), 'asset beside the source');
  writeFileSync(
    join(root, 'lib', 'asset.ts'),
    "import { readFileSync } from 'node:fs';\nimport { join } from 'node:path';\nexport const asset = readFileSync(join(__dirname, 'assets', 'note.txt'), 'utf8');\n",
  );
  writeFileSync(
    join(root, 'entry.ts'),
    "import { message } from './lib/message';\nimport { asset } from './lib/asset';\nconsole.log(JSON.stringify({ message, asset, args: process.argv.slice(2) }));\n",
  );
  // Written a while ago: a source saved during (or just before) a build would not let it be reused.
  for (const file of SOURCES) utimesSync(join(root, file), AN_HOUR_AGO, AN_HOUR_AGO);
  return root;
}

function runBundle(file: string, ...args: string[]): { message: string; asset: string; args: string[] } {
  const child = spawnSync(process.execPath, [file, ...args], { encoding: 'utf8' });
  expect(child.stderr).toBe('');
  return JSON.parse(child.stdout);
}

describe('freshBundle', () => {
  let root: string;
  beforeEach(() => {
    root = scratchProject();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('builds a bundle once and reuses it while no input changed', async () => {
    const first = await freshBundle(root, 'entry.ts');
    expect(first.built).toBe(true);
    expect(runBundle(first.file).message).toBe('first');
    const second = await freshBundle(root, 'entry.ts');
    expect(second).toEqual({ file: first.file, built: false });
  });

  it('rebuilds when an imported source file changes', async () => {
    await freshBundle(root, 'entry.ts');
    writeFileSync(join(root, 'lib', 'message.ts'), "export const message: string = 'second edit';\n");
    const rebuilt = await freshBundle(root, 'entry.ts');
    expect(rebuilt.built).toBe(true);
    expect(runBundle(rebuilt.file).message).toBe('second edit');
  });

  it('does not vouch for a bundle whose sources changed while it was built', async () => {
    utimesSync(join(root, 'lib', 'message.ts'), new Date(), new Date());
    expect((await freshBundle(root, 'entry.ts')).built).toBe(true);
    expect((await freshBundle(root, 'entry.ts')).built).toBe(true);
    utimesSync(join(root, 'lib', 'message.ts'), AN_HOUR_AGO, AN_HOUR_AGO);
    expect((await freshBundle(root, 'entry.ts')).built).toBe(true);
    expect((await freshBundle(root, 'entry.ts')).built).toBe(false);
  });

  it('rebuilds after a new npm install', async () => {
    await freshBundle(root, 'entry.ts');
    mkdirSync(join(root, 'node_modules'), { recursive: true });
    writeFileSync(join(root, 'node_modules', '.package-lock.json'), '{}');
    expect((await freshBundle(root, 'entry.ts')).built).toBe(true);
  });

  it('rebuilds for another checkout that shares the cache, even with identical files', async () => {
    const cache = join(root, 'shared-cache');
    const clone = mkdtempSync(join(tmpdir(), 'launch-clone-'));
    try {
      cpSync(join(root, 'lib'), join(clone, 'lib'), { recursive: true });
      cpSync(join(root, 'entry.ts'), join(clone, 'entry.ts'));
      writeFileSync(join(clone, 'lib', 'assets', 'note.txt'), "the clone's asset");
      // Same sizes and modification times in both checkouts: only their place tells them apart.
      for (const file of SOURCES) utimesSync(join(clone, file), AN_HOUR_AGO, AN_HOUR_AGO);
      await freshBundle(root, 'entry.ts', cache);
      const rebuilt = await freshBundle(clone, 'entry.ts', cache);
      expect(rebuilt.built).toBe(true);
      expect(runBundle(rebuilt.file).asset).toBe("the clone's asset");
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it('keeps __dirname of project sources pointing at their source folder', async () => {
    const { file } = await freshBundle(root, 'entry.ts');
    expect(runBundle(file).asset).toBe('asset beside the source');
  });

  it('keeps bundles in node_modules/.cache/launch unless told otherwise', async () => {
    const { file } = await freshBundle(root, 'entry.ts');
    expect(file).toBe(join(root, 'node_modules', '.cache', 'launch', 'entry.cjs'));
  });
});

describe('lib/launch/run.js', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [join(projectRoot, 'lib', 'launch', 'run.js'), ...args], { encoding: 'utf8', cwd: projectRoot });

  it('runs a command-line entry point as the main module, with its arguments', () => {
    const child = run('lib/cli/rego.ts', 'eval', 'x := 1 + 1');
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout).result[0].bindings).toEqual({ x: 2 });
  });

  it.each(['release', 'promote', 'rollback'])('runs only its own step from lib/cli/%s.ts (one bundle holds every module)', (step) => {
    const child = run(`lib/cli/${step}.ts`, '--help');
    expect(child.status).toBe(0);
    expect(child.stdout.split('\n')[0]).toBe(`Usage: ${step} [options] <environment> <service>${step === 'release' ? ' <image>' : ''}`);
  });

  it('explains its usage when no entry point is given', () => {
    const child = run();
    expect(child.status).toBe(2);
    expect(child.stderr).toMatch(/usage: node lib\/launch\/run\.js <entry\.ts>/);
  });
});
