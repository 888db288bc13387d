import { Routes } from '@angular/router';

/** Settings > Security, under /app/settings/security (owners only: app.routes.ts guards it). */
export const AGENCY_SECURITY_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Security',
    loadComponent: () => import('./pages/agency-security.page').then((m) => m.AgencySecurityPage),
  },
];
