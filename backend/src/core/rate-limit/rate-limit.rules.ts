import type { RateLimitRule } from './rate-limiter';

const MINUTE = 60;
const HOUR = 60 * MINUTE;

export const RATE_LIMITS = {
  // Wrong passwords per account are not limited by a window but slowed down: see LoginThrottle.
  loginPerIp: { name: 'login:ip', limit: 50, windowSeconds: 15 * MINUTE },
  forgotPerAccount: { name: 'forgot:account', limit: 5, windowSeconds: HOUR },
  forgotPerIp: { name: 'forgot:ip', limit: 30, windowSeconds: HOUR },
  resendPerAccount: { name: 'resend:account', limit: 5, windowSeconds: HOUR },
  resendPerIp: { name: 'resend:ip', limit: 30, windowSeconds: HOUR },
  /** Password changes from settings (the current password is checked: a guessing oracle otherwise). */
  passwordChangePerAccount: { name: 'password-change:account', limit: 10, windowSeconds: 15 * MINUTE },
  signupPerIp: { name: 'signup:ip', limit: 20, windowSeconds: HOUR },
  /**
   * Second-factor codes (sign-in challenges, and settings that ask for one): per user, a guesser of
   * a six-digit code gets a handful of tries per window; per IP, one address cannot work through
   * many users' challenges.
   */
  twoFactorPerUser: { name: 'two-factor:user', limit: 10, windowSeconds: 15 * MINUTE },
  twoFactorPerIp: { name: 'two-factor:ip', limit: 100, windowSeconds: 15 * MINUTE },
  tokenPerIp: { name: 'token:ip', limit: 60, windowSeconds: 15 * MINUTE },
  /**
   * Emails per recipient address, per kind, counted for every address whether or not it has an
   * account: beyond the limit nothing is sent, and the answer stays the same (no enumeration).
   */
  emailResetPerRecipient: { name: 'email:reset', limit: 3, windowSeconds: HOUR },
  emailConfirmationPerRecipient: { name: 'email:confirmation', limit: 5, windowSeconds: HOUR },
  emailSignInLinkPerRecipient: { name: 'email:sign-in-link', limit: 5, windowSeconds: HOUR },
  emailChangePerRecipient: { name: 'email:email-change', limit: 5, windowSeconds: HOUR },
  emailSignupAttemptPerRecipient: { name: 'email:signup-attempt', limit: 3, windowSeconds: HOUR },
  emailSecurityNoticePerRecipient: { name: 'email:security-notice', limit: 10, windowSeconds: HOUR },
  /** Invitation emails: no inbox gets flooded, and no agency becomes a mail cannon. */
  invitePerRecipient: { name: 'invite:recipient', limit: 5, windowSeconds: HOUR },
  invitePerAgency: { name: 'invite:agency', limit: 200, windowSeconds: HOUR },
  /** The public Client Connect Link endpoints: guessing tokens is hopeless, but make it slow too. */
  connectLinkPerIp: { name: 'connect-link:ip', limit: 60, windowSeconds: 15 * MINUTE },
  /**
   * The public brand of the sign-in pages and its images: every page view asks, so generous, but
   * enumerating slugs or hammering storage from one address is slowed down.
   */
  publicBrandPerIp: { name: 'public-brand:ip', limit: 300, windowSeconds: 15 * MINUTE },
  /** The public verification page: each check may hash a large PDF. */
  verifyDocumentPerIp: { name: 'verify-document:ip', limit: 60, windowSeconds: 15 * MINUTE },
  brandImagePerIp: { name: 'brand-image:ip', limit: 600, windowSeconds: 15 * MINUTE },
  /** "Check now" on a custom domain: real DNS queries, so a held-down button cannot flood the resolver. */
  domainCheckPerAgency: { name: 'domain-check:agency', limit: 60, windowSeconds: HOUR },
  /**
   * Messages (and notes) sent per person: far above anyone typing, but a script or a stuck
   * client cannot flood a conversation (and the other side's inboxes) with them.
   */
  messageSendPerUser: { name: 'message-send:user', limit: 30, windowSeconds: MINUTE },
} satisfies Record<string, RateLimitRule>;
