import { Routes } from '@angular/router';

/** /app/settings/profile: every agency user, whatever their role. The portal mounts the same page. */
export const PROFILE_SETTINGS_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Profile settings',
    data: { heading: 'Profile settings' },
    loadComponent: () => import('./pages/settings.page').then((m) => m.SettingsPage),
  },
];
