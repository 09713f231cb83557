import { join } from 'node:path';
import { runDiff, type DiffIo } from '../../lib/cli/diff';
import { TempRepo } from '../review/support';
import { editObject, renderedDist } from './review-sides';

/** Runs `npm run diff` in-process in `repo`, with the repository's environments/ for the endpoints. */
function diff(repo: TempRepo, format: string): { code: number; stdout: string } {
  let stdout = '';
  const io: DiffIo = { stdout: (text) => (stdout += text), stderr: (text) => (stdout += text), isTty: false, env: {} };
  const code = runDiff(['--dist', join(repo.root, 'dist'), '--environments', join(repo.root, 'environments'), '--base', 'HEAD', '--format', format], io);
  return { code, stdout };
}

/** The list items of the markdown section under `heading` (up to the next heading). */
function sectionBullets(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(heading);
  if (start === -1) return [];
  const rest = markdown.slice(start + heading.length);
  const end = rest.search(/^#{1,4} /m);
  return (end === -1 ? rest : rest.slice(0, end)).match(/^- .*$/gm) ?? [];
}

describe('npm run diff -- --format markdown on behaviour changes', () => {
  const base = renderedDist();
  let repo: TempRepo;

  beforeEach(() => {
    repo = new TempRepo();
    repo.copyIn(join(__dirname, '../../environments'), 'environments');
    repo.writeDist(base);
    repo.commitAll('synthesize');
  });

  afterEach(() => repo.remove());

  it('shows exactly the network path a change opens', () => {
    repo.writeDist(openWebToRedis(base));
    const { code, stdout } = diff(repo, 'markdown');
    expect(code).toBe(0);
    expect(sectionBullets(stdout, '#### `staging`: network reachability')).toEqual(['- <code>web → redis:6379</code> now allowed']);
    expect(stdout).not.toContain(': RBAC');
  });

  it('shows exactly the permission a change adds, and nothing of it in text output', () => {
    repo.writeDist(editObject(base, 'development/role.rbac.authorization.k8s.io_api.yaml', (role) => role.rules[0].verbs.push('patch')));
    const markdown = diff(repo, 'markdown').stdout;
    expect(sectionBullets(markdown, '#### `development`: RBAC')).toEqual(['- api may now patch configmaps in video-app-dev']);
    expect(markdown).not.toContain('network reachability');
    expect(diff(repo, 'text').stdout).not.toContain('may now');
  });
});

/** A new NetworkPolicy letting the web pods of staging reach Redis. */
function openWebToRedis(files: ReadonlyMap<string, string>): Map<string, string> {
  return new Map(files).set(
    'staging/networkpolicy.networking.k8s.io_allow-web-to-redis.yaml',
    [
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata:',
      '  name: allow-web-to-redis',
      '  namespace: video-app-staging',
      'spec:',
      '  podSelector:',
      '    matchLabels:',
      '      app.kubernetes.io/name: web',
      '  policyTypes: [Egress]',
      '  egress:',
      '    - to:',
      '        - namespaceSelector:',
      '            matchLabels:',
      '              kubernetes.io/metadata.name: database',
      '      ports:',
      '        - port: 6379',
      '          protocol: TCP',
      '',
    ].join('\n'),
  );
}
