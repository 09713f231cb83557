/** RBAC as it acts: each ServiceAccount's effective permissions, and what a change grants or revokes. */
export { describePermission, effectivePermissions, permissionKey, type Permission } from './effective-permissions';
export { permissionChanges, renderPermissionsMarkdown, type EnvironmentPermissionChange } from './review-section';
