import { computed, inject } from '@angular/core';
import { AuthService } from '../../core/auth/auth.service';

/**
 * Owners and admins do everything in Billing; members draft (create, edit and delete drafts) and
 * read. The server decides on every request; this only keeps people from buttons that can only fail.
 */
export function injectBillingRole() {
  const auth = inject(AuthService);
  const role = computed(() => auth.me()?.agencyRole ?? null);
  return {
    role,
    canManage: computed(() => role() === 'owner' || role() === 'admin'),
  };
}
