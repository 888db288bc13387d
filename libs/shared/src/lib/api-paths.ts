/** Route paths shared by the backend controllers and the frontend's API services. */
export const API_PREFIX = '/api';
export const API_V1 = '/api/v1';

export const AUTH_PATHS = {
  signup: `${API_V1}/auth/signup`,
  login: `${API_V1}/auth/login`,
  refresh: `${API_V1}/auth/refresh`,
  logout: `${API_V1}/auth/logout`,
  forgotPassword: `${API_V1}/auth/forgot-password`,
  resetPassword: `${API_V1}/auth/reset-password`,
  confirmEmail: `${API_V1}/auth/confirm-email`,
  resendConfirmation: `${API_V1}/auth/resend-confirmation`,
  me: `${API_V1}/me`,
  magicLink: `${API_V1}/auth/magic-link`,
} as const;

export const INVITATION_PATHS = {
  preview: `${API_V1}/invitations/preview`,
  accept: `${API_V1}/invitations/accept`,
} as const;

/** Front-end routes that emails link to; links are always built from the configured public URL. */
export const WEB_PATHS = {
  login: '/login',
  signup: '/signup',
  confirmEmail: '/confirm-email',
  forgotPassword: '/forgot',
  resetPassword: '/reset-password',
  agencyHome: '/app',
  portalHome: '/portal',
  devMailbox: '/dev/mailbox',
  acceptInvitation: '/invite',
  magicLink: '/magic-link',
  agencyClients: '/app/settings/clients',
  agencyTeam: '/app/settings/team',
  /** Settings > Branding (every agency role reads it; owners and admins change it). */
  agencyBranding: '/app/settings/branding',
  /** Settings > Security: who must use two-step verification (owners only). */
  agencySecurity: '/app/settings/security',
  portalTeam: '/portal/team',
  agencyAccounts: '/app/accounts',
  agencyCalendar: '/app/calendar',
  portalAccounts: '/portal/accounts',
  portalCalendar: '/portal/calendar',
  agencyMedia: '/app/media',
  portalMedia: '/portal/media',
  portalSettings: '/portal/settings',
  /** Posts that wait for the client's approval (posts.approve). */
  portalReviews: '/portal/reviews',
  /** Contracts sent to the client's people (contracts.sign). */
  portalContracts: '/portal/contracts',
  /** The agency's contracts (plan entitlement `contracts`). */
  agencyContracts: '/app/contracts',
  /** The client's conversation with the agency (messages.use). */
  portalMessages: '/portal/messages',
  /** The agency's inbox; `/app/messages/<clientId>` opens one client's conversation. */
  agencyMessages: '/app/messages',
  /** The agency's invoices; `/app/billing/invoices/<id>` opens one. */
  agencyBilling: '/app/billing',
  /** The client's billing profile and invoices (billing.manage, client admins only). */
  portalBilling: '/portal/billing',
  /** Public: is this PDF a completed contract of this installation? */
  verifyDocument: '/verify',
  /** Email-change confirmation links land here (`?token=`). */
  confirmEmailChange: '/confirm-email-change',
  /** Providers redirect here after consent; must match the redirect URI registered with each platform. */
  oauthCallback: '/oauth/callback',
  /** Client Connect Links: `/connect?token=...`, no sign-in needed. */
  connectLink: '/connect',
} as const;

/** Name of the httpOnly cookie that carries the refresh token (scoped to the auth routes). */
export const REFRESH_COOKIE = 'atrium_rt';
