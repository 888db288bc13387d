import { WEB_PATHS } from '@atrium/shared';
import { actionEmail, EmailContent } from '../../core/mail/mail-templates';

/**
 * The authentication emails. Links always start with the configured public URL, never with the
 * Host header of the request that caused them.
 */
export class AuthEmails {
  constructor(private readonly appUrl: string) {}

  link(path: string, token: string): string {
    return `${this.appUrl}${path}?token=${encodeURIComponent(token)}`;
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
}
