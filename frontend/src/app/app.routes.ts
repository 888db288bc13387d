import { inject } from '@angular/core';
import { Route, Routes } from '@angular/router';
import { agencyGuard, agencyRoleGuard, clientPermissionGuard, portalGuard } from './core/auth/auth.guards';
import { AuthService } from './core/auth/auth.service';

/** Unknown pages under a shell keep the shell around them. */
const notFoundInShell: Route = {
  path: '**',
  title: 'Page not found',
  data: { embedded: true },
  loadComponent: () => import('./features/not-found/not-found.page').then((m) => m.NotFoundPage),
};

/**
 * Layouts are chosen by route: the agency shell under /app, the portal shell under /portal, the
 * auth card for the sign-in pages. Every feature is lazy; the guards use canMatch, so a visitor
 * who may not enter never downloads the code either.
 */
export const appRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: () => inject(AuthService).homeUrl() },
  {
    path: 'app',
    canMatch: [agencyGuard],
    loadComponent: () => import('./layouts/agency-shell/agency-shell.component').then((m) => m.AgencyShellComponent),
    children: [
      {
        path: '',
        loadChildren: () => import('./features/agencies/agencies.routes').then((m) => m.AGENCY_DASHBOARD_ROUTES),
      },
      {
        path: 'calendar',
        loadChildren: () => import('./features/posts/posts.routes').then((m) => m.CALENDAR_ROUTES),
      },
      {
        path: 'media',
        loadChildren: () => import('./features/media/media.routes').then((m) => m.MEDIA_LIBRARY_ROUTES),
      },
      {
        // Every agency role: the inbox of every client's conversation.
        path: 'messages',
        loadChildren: () => import('./features/messages/messages.routes').then((m) => m.AGENCY_MESSAGES_ROUTES),
      },
      {
        path: 'accounts',
        loadChildren: () => import('./features/social/social.routes').then((m) => m.SOCIAL_ACCOUNTS_ROUTES),
      },
      {
        // Every agency role: owners and admins do everything, members draft and read (the API decides).
        path: 'billing',
        loadChildren: () => import('./features/billing/billing.routes').then((m) => m.AGENCY_BILLING_ROUTES),
      },
      {
        path: 'contracts',
        canMatch: [() => inject(AuthService).me()?.agency.contracts === true],
        loadChildren: () => import('./features/contracts/contracts.routes').then((m) => m.CONTRACTS_ROUTES),
      },
      {
        path: 'settings/clients',
        loadChildren: () => import('./features/clients/clients.routes').then((m) => m.CLIENTS_ROUTES),
      },
      {
        path: 'settings/team',
        canMatch: [agencyRoleGuard('owner', 'admin')],
        loadChildren: () => import('./features/team/team.routes').then((m) => m.TEAM_ROUTES),
      },
      {
        // Every agency role reads the brand; owners and admins change it (members see it read-only).
        path: 'settings/branding',
        loadChildren: () => import('./features/branding/branding.routes').then((m) => m.BRANDING_ROUTES),
      },
      {
        // Owners only: who must use two-step verification (the API refuses everyone else).
        path: 'settings/security',
        canMatch: [agencyRoleGuard('owner')],
        loadChildren: () => import('./features/two-factor/two-factor.routes').then((m) => m.AGENCY_SECURITY_ROUTES),
      },
      {
        // The person's own profile (every role); linked from the user menu.
        path: 'settings/profile',
        loadChildren: () => import('./features/users/users.routes').then((m) => m.PROFILE_SETTINGS_ROUTES),
      },
      notFoundInShell,
    ],
  },
  {
    path: 'portal',
    canMatch: [portalGuard],
    loadComponent: () => import('./layouts/portal-shell/portal-shell.component').then((m) => m.PortalShellComponent),
    children: [
      {
        path: '',
        loadChildren: () => import('./features/portal/portal.routes').then((m) => m.PORTAL_DASHBOARD_ROUTES),
      },
      {
        path: 'calendar',
        canMatch: [clientPermissionGuard('calendar.view')],
        loadChildren: () => import('./features/posts/portal/portal-posts.routes').then((m) => m.PORTAL_CALENDAR_ROUTES),
      },
      {
        path: 'reviews',
        canMatch: [clientPermissionGuard('posts.approve')],
        loadChildren: () => import('./features/posts/portal/portal-posts.routes').then((m) => m.PORTAL_REVIEW_ROUTES),
      },
      {
        path: 'media',
        canMatch: [clientPermissionGuard('media.upload')],
        loadChildren: () => import('./features/media/portal/portal-media.routes').then((m) => m.PORTAL_MEDIA_ROUTES),
      },
      {
        path: 'accounts',
        canMatch: [clientPermissionGuard('accounts.manage')],
        loadChildren: () =>
          import('./features/social/portal/portal-social.routes').then((m) => m.PORTAL_ACCOUNTS_ROUTES),
      },
      {
        path: 'contracts',
        canMatch: [clientPermissionGuard('contracts.sign')],
        loadChildren: () =>
          import('./features/contracts/portal/portal-contracts.routes').then((m) => m.PORTAL_CONTRACTS_ROUTES),
      },
      {
        path: 'messages',
        canMatch: [clientPermissionGuard('messages.use')],
        loadChildren: () => import('./features/messages/messages.routes').then((m) => m.PORTAL_MESSAGES_ROUTES),
      },
      {
        // Client admins only (members never hold billing.manage: their effective permissions lack it).
        path: 'billing',
        canMatch: [clientPermissionGuard('billing.manage')],
        loadChildren: () => import('./features/billing/billing.routes').then((m) => m.PORTAL_BILLING_ROUTES),
      },
      {
        path: 'team',
        canMatch: [clientPermissionGuard('users.manage')],
        loadChildren: () => import('./features/clients/portal/portal-clients.routes').then((m) => m.PORTAL_TEAM_ROUTES),
      },
      {
        // Every client user, whatever the client's permissions.
        path: 'settings',
        loadChildren: () => import('./features/users/portal/portal-users.routes').then((m) => m.PORTAL_SETTINGS_ROUTES),
      },
      notFoundInShell,
    ],
  },
  {
    // Providers send every audience back here after consent; the page finishes what this tab began.
    path: 'oauth/callback',
    loadChildren: () => import('./features/social/social-public.routes').then((m) => m.OAUTH_CALLBACK_ROUTES),
  },
  {
    // Client Connect Links: no sign-in.
    path: 'connect',
    loadChildren: () => import('./features/social/social-public.routes').then((m) => m.CONNECT_LINK_ROUTES),
  },
  {
    // Is this PDF a completed contract of this installation? No sign-in.
    path: 'verify',
    loadChildren: () => import('./features/contracts/verify/verify.routes').then((m) => m.VERIFY_ROUTES),
  },
  {
    // A "View as client" tab once its view is closed or has run out (no sign-in needed).
    path: 'view-as',
    loadChildren: () => import('./features/view-as/view-as.routes').then((m) => m.VIEW_AS_ROUTES),
  },
  {
    path: 'dev/mailbox',
    loadChildren: () => import('./features/dev-mailbox/dev-mailbox.routes').then((m) => m.DEV_MAILBOX_ROUTES),
  },
  {
    // An agency's own sign-in address on the installation (/a/<slug>/login, /forgot, /reset-password,
    // /invite, /magic-link): the sign-in pages in the agency's brand.
    path: 'a/:slug',
    loadChildren: () => import('./features/auth/auth.routes').then((m) => m.BRANDED_AUTH_ROUTES),
  },
  {
    path: '',
    loadChildren: () => import('./features/auth/auth.routes').then((m) => m.AUTH_ROUTES),
  },
  {
    path: '**',
    title: 'Page not found',
    loadComponent: () => import('./features/not-found/not-found.page').then((m) => m.NotFoundPage),
  },
];
