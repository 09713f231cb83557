import { permissionChanges, renderPermissionsMarkdown } from '../../lib/review/rbac';
import { editObject, renderedDist, reviewOf } from './review-sides';

const apiRole = 'production/role.rbac.authorization.k8s.io_api.yaml';

describe('RBAC in the review diff', () => {
  const base = renderedDist();
  const markdownFor = (after: ReadonlyMap<string, string>) => {
    const { diff, sides } = reviewOf(base, after);
    return renderPermissionsMarkdown(permissionChanges(diff, sides));
  };

  it('shows exactly the one permission an added verb grants, and the table of effective permissions', () => {
    const markdown = markdownFor(editObject(base, apiRole, (role) => role.rules[0].verbs.push('delete')));
    expect(markdown.match(/^- .*$/gm)).toEqual(['- api may now delete configmaps in video-app']);
    expect(markdown).toContain('| <code>video-app/api</code> | delete, get, list, watch configmaps in video-app |');
    expect(markdown).toContain('#### `production`: RBAC');
  });

  it('shows what a binding to a new subject grants and what a removed verb revokes', () => {
    const bound = editObject(base, 'production/rolebinding.rbac.authorization.k8s.io_api.yaml', (binding) => binding.subjects.push({ kind: 'ServiceAccount', name: 'worker', namespace: 'video-app' }));
    expect(markdownFor(bound).match(/^- .*$/gm)).toEqual(['- worker may now get configmaps in video-app', '- worker may now list configmaps in video-app', '- worker may now watch configmaps in video-app']);
    const narrowed = editObject(base, apiRole, (role) => (role.rules[0].verbs = ['get']));
    expect(markdownFor(narrowed).match(/^- .*$/gm)).toEqual(['- api may no longer list configmaps in video-app', '- api may no longer watch configmaps in video-app']);
  });

  it('adds nothing when no RBAC object changed', () => {
    expect(markdownFor(editObject(base, 'production/service_web.yaml', (service) => (service.metadata.labels.team = 'video')))).toBe('');
  });
});
