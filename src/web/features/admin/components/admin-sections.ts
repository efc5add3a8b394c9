/**
 * The administration's sections (apart from its page, so the `/admin` redirect does not pull in
 * the screens' code).
 */
/** The sections of the administration an actor's permissions open. */
export function adminSections(permissions: readonly string[]): { to: string; key: string }[] {
  const can = (p: string) => permissions.includes(p);
  return [
    can('users.manage') ? { to: '/admin/users', key: 'users' } : null,
    can('executors.manage') ? { to: '/admin/organisations', key: 'organisations' } : null,
    can('classifier.manage') ? { to: '/admin/classifier', key: 'classifier' } : null,
    can('executors.manage') ? { to: '/admin/routing', key: 'routing' } : null,
    can('settings.manage') ? { to: '/admin/settings', key: 'settings' } : null,
    can('settings.manage') ? { to: '/admin/templates', key: 'templates' } : null,
    can('open311.keys.manage') ? { to: '/admin/open311-keys', key: 'open311' } : null,
    can('audit.read') ? { to: '/admin/audit', key: 'audit' } : null,
  ].filter((s): s is { to: string; key: string } => s !== null);
}
