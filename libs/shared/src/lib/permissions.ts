/**
 * Client-level permissions (SPEC §4). The agency enables them per client; inside the client,
 * members never get the admin-only ones. Only permissions that open a built area are listed: each
 * area (contracts, billing, …) adds its own when it lands, so nobody is offered a switch that
 * leads nowhere.
 */
export const CLIENT_PERMISSIONS = [
  'calendar.view',
  'media.upload',
  'accounts.manage',
  'users.manage',
  'posts.approve',
  'contracts.sign',
  'messages.use',
  'billing.manage',
] as const;
export type ClientPermission = (typeof CLIENT_PERMISSIONS)[number];

/** Permissions a client member never receives, whatever the client allows. */
export const CLIENT_ADMIN_ONLY_PERMISSIONS: readonly ClientPermission[] = ['users.manage', 'billing.manage'];

export function isClientPermission(value: unknown): value is ClientPermission {
  return (CLIENT_PERMISSIONS as readonly unknown[]).includes(value);
}

/** The permissions a client user effectively holds: the client's, narrowed by the user's role. */
export function effectiveClientPermissions(
  clientPermissions: readonly ClientPermission[],
  role: 'admin' | 'member',
): ClientPermission[] {
  return CLIENT_PERMISSIONS.filter(
    (permission) =>
      clientPermissions.includes(permission) &&
      (role === 'admin' || !CLIENT_ADMIN_ONLY_PERMISSIONS.includes(permission)),
  );
}
