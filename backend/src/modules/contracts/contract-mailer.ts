import { Inject, Injectable } from '@nestjs/common';
import { WEB_PATHS } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { actionEmail, brandedActionEmail, type EmailMessage } from '../../core/mail/mail-templates';
import { MailService, type OutgoingEmail } from '../../core/mail/mail.service';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import type { TenantTransaction } from '../../core/tenancy/tenant-data';
import { agencyScope } from '../../core/tenancy/tenant-scope';
import { withToken } from '../auth/auth-emails';
import { OneTimeTokenService } from '../auth/one-time-token.service';
import { BrandingService, type EmailBrand } from '../branding/branding.service';
import { appendContractEvent } from './contract-events';
import type { ContractRecipient } from './entities/contract-recipient.entity';
import type { Contract } from './entities/contract.entity';

/** The contract emails (each says what happened and links straight to the contract). */
export type ContractEmailKind = 'to_sign' | 'reminder' | 'completed' | 'declined' | 'voided' | 'expired';

/** Someone the email goes to: a recipient, or an agency person following the contract. */
export interface ContractEmailTarget {
  name: string;
  email: string;
  userId: string | null;
  side: 'client' | 'agency';
  /** The recipient row, when the person is one (the trail records the email against it). */
  recipient?: ContractRecipient;
}

interface EmailFacts {
  /** Who declined, and why; why it was voided. */
  actorName?: string | null;
  reason?: string | null;
  /** "Reminder 2 of 5". */
  reminderNote?: string | null;
}

/**
 * Writes the contract emails into the outbox, in the caller's transaction (they go out only if it
 * commits), and records an `email_sent` event for each recipient. Client users get the agency's
 * brand and a one-click sign-in that opens the contract in the portal (a `contract_link`, good for
 * a week); agency people get a link into the workspace.
 */
@Injectable()
export class ContractMailer {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mail: MailService,
    private readonly tokens: OneTimeTokenService,
    private readonly branding: BrandingService,
  ) {}

  async queue(
    tx: TenantTransaction,
    contract: Contract,
    kind: ContractEmailKind,
    targets: readonly ContractEmailTarget[],
    facts: EmailFacts = {},
  ): Promise<string[]> {
    if (targets.length === 0) return [];
    const scope = agencyScope(contract.agencyId);
    const agency = await tx.findOwned(scope, Agency, contract.agencyId);
    let brand: EmailBrand | null = null;
    const emails: OutgoingEmail[] = [];
    for (const target of targets) {
      const message = messageFor(kind, contract, agency.name, target, facts);
      if (target.side === 'client' && target.userId) {
        brand ??= await this.branding.brandForEmails(contract.agencyId);
        const token = await this.tokens.issue(tx, target.userId, target.email, 'contract_link');
        const returnUrl = `${WEB_PATHS.portalContracts}/${contract.id}`;
        const url = `${brand.portalUrl}${withToken(WEB_PATHS.magicLink, token)}&returnUrl=${encodeURIComponent(returnUrl)}`;
        emails.push({
          to: target.email,
          agencyId: contract.agencyId,
          ...brandedActionEmail(brand, { ...message, action: { label: message.action.label, url } }),
        });
      } else {
        const url = `${this.config.appUrl}${WEB_PATHS.agencyContracts}/${contract.id}`;
        emails.push({
          to: target.email,
          agencyId: contract.agencyId,
          ...actionEmail({ ...message, brand: agency.name, action: { label: message.action.label, url } }),
        });
      }
    }
    const ids = await this.mail.queueMany(tx, emails);
    for (const target of targets) {
      if (!target.recipient) continue;
      await appendContractEvent(tx, scope, contract, {
        type: 'email_sent',
        recipientId: target.recipient.id,
        recipientName: target.recipient.name,
        detail: `${EMAIL_NAMES[kind]} email to ${target.email}`,
      });
    }
    return ids;
  }
}

const EMAIL_NAMES: Record<ContractEmailKind, string> = {
  to_sign: 'Signature request',
  reminder: 'Reminder',
  completed: 'Completed',
  declined: 'Declined',
  voided: 'Voided',
  expired: 'Expired',
};

function messageFor(
  kind: ContractEmailKind,
  contract: Contract,
  agencyName: string,
  target: ContractEmailTarget,
  facts: EmailFacts,
): EmailMessage {
  const title = `“${contract.title}”`;
  const greeting = `Hi ${target.name},`;
  const approver = target.recipient?.role === 'approver';
  const act = approver ? 'approve' : 'sign';
  const footer =
    target.side === 'client'
      ? 'The button signs you in for this contract; it works once, for 7 days. After that, sign in as usual.'
      : 'You get this because you follow this contract on Atrium.';
  switch (kind) {
    case 'to_sign':
      return {
        subject: `Please ${act}: ${contract.title}`,
        greeting,
        paragraphs: [
          `${agencyName} sent you ${title} to ${act}.`,
          ...(contract.message ? [contract.message] : []),
          ...(contract.expiresAt ? [`Please ${act} it before ${dateText(contract.expiresAt)}.`] : []),
        ],
        action: { label: approver ? 'Review and approve' : 'Review and sign', url: '' },
        footer,
      };
    case 'reminder':
      return {
        subject: `Reminder: please ${act} ${contract.title}`,
        greeting,
        paragraphs: [
          `${title} from ${agencyName} is still waiting for you to ${act} it.`,
          ...(contract.expiresAt ? [`It expires on ${dateText(contract.expiresAt)}.`] : []),
        ],
        action: { label: approver ? 'Review and approve' : 'Review and sign', url: '' },
        footer,
      };
    case 'completed':
      return {
        subject: `Completed: ${contract.title}`,
        greeting,
        paragraphs: [
          `Everyone has signed ${title}. The signed copy and its signing certificate are ready to download.`,
        ],
        action: { label: 'Download the signed copy', url: '' },
        footer,
      };
    case 'declined':
      return {
        subject: `Declined: ${contract.title}`,
        greeting,
        paragraphs: [
          `${facts.actorName ?? 'A recipient'} declined ${title}, so it will not be completed.`,
          `Their reason: “${facts.reason ?? ''}”`,
        ],
        action: { label: 'Open the contract', url: '' },
        footer,
      };
    case 'voided':
      return {
        subject: `Voided: ${contract.title}`,
        greeting,
        paragraphs: [
          `${agencyName} voided ${title}: it can no longer be signed, and nothing signed on it counts.`,
          `The reason given: “${facts.reason ?? ''}”`,
        ],
        action: { label: 'Open the contract', url: '' },
        footer,
      };
    case 'expired':
      return {
        subject: `Expired: ${contract.title}`,
        greeting,
        paragraphs: [`${title} expired on ${dateText(contract.expiresAt ?? new Date())} before everyone signed it.`],
        action: { label: 'Open the contract', url: '' },
        footer,
      };
  }
}

function dateText(at: Date): string {
  return `${new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(at)} UTC`;
}
