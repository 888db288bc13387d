import type { MemberRow, MemberStatus } from '@atrium/shared';
import type { Invitation } from './entities/invitation.entity';

/** "Expired" is not stored: it is a pending invitation past its date (SPEC §2). */
export function invitationStatus(invitation: Invitation, now = Date.now()): MemberStatus {
  return invitation.expiresAt.getTime() <= now ? 'expired' : 'invited';
}

/** An open invitation as a row of a people list, beside the people who already joined. */
export function toInvitationRow(invitation: Invitation): MemberRow<string> {
  return {
    id: invitation.id,
    kind: 'invitation',
    name: invitation.name,
    email: invitation.email,
    role: invitation.role,
    status: invitationStatus(invitation),
    lastActiveAt: null,
    expiresAt: invitation.expiresAt.toISOString(),
  };
}
