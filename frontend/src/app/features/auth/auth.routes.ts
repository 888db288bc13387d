import { MAT_FORM_FIELD_DEFAULT_OPTIONS } from '@angular/material/form-field';
import { Route, Routes } from '@angular/router';
import { WEB_PATHS } from '@atrium/shared';
import { guestGuard } from '../../core/auth/auth.guards';
import { AuthLayoutComponent } from './components/auth-layout.component';

const path = (webPath: string) => webPath.slice(1);

const login: Route = {
  path: path(WEB_PATHS.login),
  title: 'Sign in',
  canMatch: [guestGuard],
  loadComponent: () => import('./pages/login.page').then((m) => m.LoginPage),
};
const forgotPassword: Route = {
  path: path(WEB_PATHS.forgotPassword),
  title: 'Reset your password',
  loadComponent: () => import('./pages/forgot-password.page').then((m) => m.ForgotPasswordPage),
};
const resetPassword: Route = {
  path: path(WEB_PATHS.resetPassword),
  title: 'Choose a new password',
  loadComponent: () => import('./pages/reset-password.page').then((m) => m.ResetPasswordPage),
};
const acceptInvitation: Route = {
  // Open to everyone: someone signed in may still accept an invitation for another account.
  path: path(WEB_PATHS.acceptInvitation),
  title: 'Accept invitation',
  loadComponent: () => import('./pages/accept-invitation.page').then((m) => m.AcceptInvitationPage),
};
const magicLink: Route = {
  path: path(WEB_PATHS.magicLink),
  title: 'Sign in with a link',
  loadComponent: () => import('./pages/magic-link.page').then((m) => m.MagicLinkPage),
};

/**
 * Sign-in pages. Only /login and /signup are for guests: the confirm, email-change, reset,
 * invitation and magic links from emails must also work for someone who is already signed in.
 */
export const AUTH_ROUTES: Routes = [
  {
    path: '',
    component: AuthLayoutComponent,
    // Provided here rather than app-wide so the form-field code stays out of the initial bundle.
    providers: [{ provide: MAT_FORM_FIELD_DEFAULT_OPTIONS, useValue: { appearance: 'outline' } }],
    children: [
      login,
      {
        path: path(WEB_PATHS.signup),
        title: 'Create your agency',
        canMatch: [guestGuard],
        loadComponent: () => import('./pages/signup.page').then((m) => m.SignupPage),
      },
      {
        path: path(WEB_PATHS.confirmEmail),
        title: 'Confirm your email',
        loadComponent: () => import('./pages/confirm-email.page').then((m) => m.ConfirmEmailPage),
      },
      {
        // Open to everyone: the link to a new address may be opened signed out, or elsewhere.
        path: path(WEB_PATHS.confirmEmailChange),
        title: 'Confirm your new email',
        loadComponent: () => import('./pages/confirm-email-change.page').then((m) => m.ConfirmEmailChangePage),
      },
      forgotPassword,
      resetPassword,
      acceptInvitation,
      magicLink,
    ],
  },
];

/**
 * An agency's own sign-in address on the installation, `/a/<slug>/...` (under `a/:slug` in
 * app.routes.ts): the client-facing sign-in pages, wearing the agency's brand. Agency sign-up and
 * the confirm-email pages are Atrium's and stay at the root.
 */
export const BRANDED_AUTH_ROUTES: Routes = [
  {
    path: '',
    component: AuthLayoutComponent,
    providers: [{ provide: MAT_FORM_FIELD_DEFAULT_OPTIONS, useValue: { appearance: 'outline' } }],
    children: [
      { path: '', pathMatch: 'full', redirectTo: path(WEB_PATHS.login) },
      login,
      forgotPassword,
      resetPassword,
      acceptInvitation,
      magicLink,
      {
        // A Client Connect Link, in the agency's brand (the link the agency hands out is this one).
        path: path(WEB_PATHS.connectLink),
        title: 'Connect your accounts',
        loadComponent: () => import('../social/pages/connect-link.page').then((m) => m.ConnectLinkPage),
      },
      {
        // A client user's email-change link is on their agency's portal address (PortalAddressService).
        path: path(WEB_PATHS.confirmEmailChange),
        title: 'Confirm your new email',
        loadComponent: () => import('./pages/confirm-email-change.page').then((m) => m.ConfirmEmailChangePage),
      },
    ],
  },
];
