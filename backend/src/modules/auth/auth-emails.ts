import { WEB_PATHS } from '@atrium/shared';
import {
  actionEmail,
  brandedActionEmail,
  type BrandedEmailContent,
  type EmailBrandLook,
  type EmailContent,
} from '../../core/mail/mail-templates';

/** `path?token=…`: the path of a link that carries a one-time token. */
export function withToken(path: string, token: string): string {
  return `${path}?token=${encodeURIComponent(token)}`;
}

/**
 * The authentication emails. Links always start with the configured public URL (agency users) or
 * the agency's portal address (client users, PortalAddressService), never with the Host header of
 * the request that caused them. Emails to client users carry their agency's brand, not Atrium's.
 */
export class AuthEmails {
  constructor(private readonly appUrl: string) {}

  link(path: string, token: string): string {
    return `${this.appUrl}${withToken(path, token)}`;
  }

  confirmEmail(name: string, agencyName: string, token: string): EmailContent {
    return actionEmail({
      subject: 'Confirm your email for Atrium',
      brand: agencyName,
      greeting: `Hi ${name},`,
      paragraphs: [
        `Welcome to Atrium. Please confirm your email address to finish setting up ${agencyName}.`,
        'Confirming unlocks inviting your clients to their portal.',
      ],
      action: {
        label: 'Confirm my email',
        url: this.link(WEB_PATHS.confirmEmail, token),
      },
      footer: 'This link works once and expires in 48 hours. If you did not sign up, you can ignore this email.',
    });
  }

  signupAttemptForExistingAccount(name: string): EmailContent {
    return actionEmail({
      subject: 'Someone tried to sign up with your email',
      brand: 'Atrium',
      greeting: `Hi ${name},`,
      paragraphs: [
        'Someone (perhaps you) tried to create a new Atrium agency with this email address, which already has an account.',
        'If it was you, sign in instead, or reset your password if you have forgotten it.',
      ],
      action: { label: 'Sign in', url: `${this.appUrl}${WEB_PATHS.login}` },
      footer: 'If it was not you, no action is needed: nothing was changed.',
    });
  }

  resetPassword(name: string, token: string): EmailContent {
    return actionEmail({
      subject: 'Reset your Atrium password',
      brand: 'Atrium',
      greeting: `Hi ${name},`,
      paragraphs: ['We received a request to reset your password. Choose a new one with the button below.'],
      action: {
        label: 'Reset my password',
        url: this.link(WEB_PATHS.resetPassword, token),
      },
      footer: 'This link works once and expires in 1 hour. If you did not ask for it, you can ignore this email.',
    });
  }

  /** The sign-up heads-up to a client user: their portal's sign-in page, in its brand. */
  clientSignupAttempt(brand: EmailBrandLook, name: string, signInUrl: string): BrandedEmailContent {
    return brandedActionEmail(brand, {
      subject: 'Someone tried to sign up with your email',
      greeting: `Hi ${name},`,
      paragraphs: [
        `Someone (perhaps you) tried to create a new account with this email address, which already has an account for ${brand.portalName}.`,
        'If it was you, sign in instead, or reset your password if you have forgotten it.',
      ],
      action: { label: 'Sign in', url: signInUrl },
      footer: 'If it was not you, no action is needed: nothing was changed.',
    });
  }

  /** A client user's password reset, in their agency's brand; `url` is on its portal address. */
  clientResetPassword(brand: EmailBrandLook, name: string, url: string): BrandedEmailContent {
    return brandedActionEmail(brand, {
      subject: `Reset your password for ${brand.portalName}`,
      greeting: `Hi ${name},`,
      paragraphs: [
        `We received a request to reset your password for ${brand.portalName}. Choose a new one with the button below.`,
      ],
      action: { label: 'Reset my password', url },
      footer: 'This link works once and expires in 1 hour. If you did not ask for it, you can ignore this email.',
    });
  }
}
