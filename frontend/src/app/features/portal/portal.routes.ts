import { Routes } from '@angular/router';

export const PORTAL_DASHBOARD_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Home',
    loadComponent: () => import('./pages/portal-dashboard.page').then((m) => m.PortalDashboardPage),
  },
];
