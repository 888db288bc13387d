import { WEB_PATHS } from '@atrium/shared';
import {
  actionEmail,
  brandedActionEmail,
  type BrandedEmailContent,
  type EmailBrandLook,
  type EmailContent,
} from '../../core/mail/mail-templates';

interface InvitationFacts {
  name: string;
  agencyName: string;
  clientName: string | null;
  inviterName: string | null;
}

const FOOTER =
  'This invitation expires in 7 days and works once. If you were not expecting it, you can ignore this email.';

/** An invitation to the agency's team: Atrium's email, its link on APP_URL. */
export function invitationEmail(appUrl: string, invite: InvitationFacts & { token: string }): EmailContent {
  const place = invite.clientName ? `the ${invite.clientName} client portal` : `the ${invite.agencyName} team`;
  const by = invite.inviterName ? `${invite.inviterName} at ${invite.agencyName}` : invite.agencyName;
  return actionEmail({
    subject: `You're invited to ${place}`,
    brand: invite.agencyName,
    greeting: `Hi ${invite.name},`,
    paragraphs: [
      `${by} invited you to join ${place} on Atrium.`,
      'Accept the invitation to set your password and sign in.',
    ],
    action: {
      label: 'Accept invitation',
      url: `${appUrl}${WEB_PATHS.acceptInvitation}?token=${encodeURIComponent(invite.token)}`,
    },
    footer: FOOTER,
  });
}

/**
 * An invitation to a client's portal: in the agency's brand, its link (`url`) on the agency's
 * portal address, so it opens the branded sign-in; it never mentions Atrium.
 */
export function clientInvitationEmail(
  brand: EmailBrandLook,
  invite: InvitationFacts & { clientName: string; url: string },
): BrandedEmailContent {
  const place = `the ${invite.clientName} client portal`;
  const by = invite.inviterName ? `${invite.inviterName} at ${invite.agencyName}` : invite.agencyName;
  return brandedActionEmail(brand, {
    subject: `You're invited to ${place}`,
    greeting: `Hi ${invite.name},`,
    paragraphs: [`${by} invited you to join ${place}.`, 'Accept the invitation to set your password and sign in.'],
    action: { label: 'Accept invitation', url: invite.url },
    footer: FOOTER,
  });
}
