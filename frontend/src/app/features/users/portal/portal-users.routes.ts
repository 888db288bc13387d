import { Routes } from '@angular/router';

/** /portal/settings: every client user. The same page as the agency's profile settings. */
export const PORTAL_SETTINGS_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Settings',
    data: { heading: 'Settings' },
    loadComponent: () => import('../pages/settings.page').then((m) => m.SettingsPage),
  },
];
