import { Routes } from '@angular/router';

export const SOCIAL_ACCOUNTS_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Social accounts',
    loadComponent: () => import('./pages/social-accounts.page').then((m) => m.SocialAccountsPage),
  },
];
