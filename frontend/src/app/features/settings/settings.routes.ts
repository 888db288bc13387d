import { Routes } from '@angular/router';

const page = () => import('./pages/settings.page').then((m) => m.SettingsPage);

/** /portal/settings: every client user. */
export const PORTAL_SETTINGS_ROUTES: Routes = [
  { path: '', pathMatch: 'full', title: 'Settings', data: { heading: 'Settings' }, loadComponent: page },
];

/** /app/settings/profile: every agency user, whatever their role. */
export const PROFILE_SETTINGS_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Profile settings',
    data: { heading: 'Profile settings' },
    loadComponent: page,
  },
];
