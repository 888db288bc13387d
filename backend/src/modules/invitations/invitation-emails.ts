import { WEB_PATHS } from '@atrium/shared';
import { actionEmail, EmailContent } from '../../core/mail/mail-templates';

export function invitationEmail(
  appUrl: string,
  invite: { name: string; agencyName: string; clientName: string | null; inviterName: string | null; token: string },
): EmailContent {
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
    footer: `This invitation expires in 7 days and works once. If you were not expecting it, you can ignore this email.`,
  });
}
