import type { MessageKind, MessageSide } from '@atrium/shared';
import type { AgencyContext, ClientContext } from '../../core/auth/request-context';
import type { Actor, AgencyScope, TenantScope } from '../../core/tenancy/tenant-scope';

/**
 * Someone taking part in one client's conversation: an agency user (agency scope, any client of
 * the agency) or a client user (client scope, their client). Every messages service method takes
 * one first; the scope bounds each query, `side` decides whether internal notes exist for them.
 */
export interface Participant extends Actor {
  readonly scope: TenantScope;
  readonly userId: string;
  readonly name: string;
  readonly side: MessageSide;
  /** The conversation's key: the client whose conversation it is. */
  readonly clientId: string;
  /** A "View as client" session: it reads and leaves no trace (not even a conversation made on opening). */
  readonly readOnly: boolean;
}

/** A client user in their client's conversation (the one X-Atrium-Client chose). */
export function clientParticipant(ctx: ClientContext): Participant {
  return {
    scope: ctx.scope,
    userId: ctx.userId,
    name: ctx.profile.name,
    side: 'client',
    clientId: ctx.scope.clientId,
    readOnly: ctx.readOnly === true,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
  };
}

/** An agency user in one client's conversation (whether the client is live is checked on opening). */
export function agencyParticipant(ctx: AgencyContext, clientId: string): Participant & { scope: AgencyScope } {
  return {
    scope: ctx.scope,
    userId: ctx.userId,
    name: ctx.profile.name,
    side: 'agency',
    clientId,
    readOnly: ctx.readOnly === true,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
  };
}

/** The kinds of message a participant may ever receive: internal notes are the agency's alone. */
export function visibleKinds(p: Pick<Participant, 'side'>): MessageKind[] {
  return p.side === 'agency' ? ['message', 'note'] : ['message'];
}
