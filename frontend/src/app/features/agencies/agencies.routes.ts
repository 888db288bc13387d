import { Routes } from '@angular/router';

export const AGENCY_DASHBOARD_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Dashboard',
    loadComponent: () => import('./pages/agency-dashboard.page').then((m) => m.AgencyDashboardPage),
  },
];
