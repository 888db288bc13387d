import { Routes } from '@angular/router';

/** Settings > Branding, under /app/settings/branding (every agency role; members read only). */
export const BRANDING_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Branding',
    loadComponent: () => import('./pages/branding.page').then((m) => m.BrandingPage),
  },
];
