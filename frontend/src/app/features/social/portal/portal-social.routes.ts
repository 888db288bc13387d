import { Routes } from '@angular/router';

export const PORTAL_ACCOUNTS_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Accounts',
    loadComponent: () => import('./portal-accounts.page').then((m) => m.PortalAccountsPage),
  },
];
