import { Routes } from '@angular/router';
import { AuthLayoutComponent } from '../auth/components/auth-layout.component';

/**
 * The two pages of an OAuth connection that live outside the shells, in the sign-in card:
 * `/oauth/callback` (every audience comes back here from the provider) and `/connect` (Client
 * Connect Links, no sign-in). Neither is guarded: each page decides what it can do.
 */
export const OAUTH_CALLBACK_ROUTES: Routes = [
  {
    path: '',
    component: AuthLayoutComponent,
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Connecting account',
        loadComponent: () => import('./pages/oauth-callback.page').then((m) => m.OAuthCallbackPage),
      },
    ],
  },
];

export const CONNECT_LINK_ROUTES: Routes = [
  {
    path: '',
    component: AuthLayoutComponent,
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Connect your accounts',
        loadComponent: () => import('./pages/connect-link.page').then((m) => m.ConnectLinkPage),
      },
    ],
  },
];
