import { Inject, Injectable } from '@nestjs/common';
import { WEB_PATHS } from '@atrium/shared';
import type { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { actionEmail, brandedActionEmail, type EmailMessage } from '../../../core/mail/mail-templates';
import { MailService, type OutgoingEmail } from '../../../core/mail/mail.service';
import type { TenantTransaction } from '../../../core/tenancy/tenant-data';
import { withToken } from '../../auth/auth-emails';
import { OneTimeTokenService } from '../../auth/one-time-token.service';
import { BrandingService } from '../../branding/branding.service';
import { knownZone, localDateTime } from './local-time';
import type { ConversationParties, ConversationReader } from './message-readers';

/** Messages listed per conversation; the rest are counted ("and 4 more"). */
export const MESSAGES_LISTED = 20;
/** Characters of a message body shown in an email. */
const BODY_SHOWN = 600;

/** An unread message as an email lists it. */
export interface ListedMessage {
  authorName: string;
  createdAt: Date;
  /** Plain text; the email templates escape it in the HTML part. */
  body: string;
  files: number;
}

/** One conversation's unread messages for one person (the first MESSAGES_LISTED of `total`). */
export interface UnreadConversation extends ConversationParties {
  messages: ListedMessage[];
  total: number;
}

/**
 * Writes the emails about unread messages into the outbox, in the caller's transaction (they go out
 * only if it commits). Client users get the agency's brand and a one-click sign-in into the portal's
 * Messages (a `message_link`, good for a week); agency people a link into the inbox.
 */
@Injectable()
export class MessageMailer {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mail: MailService,
    private readonly tokens: OneTimeTokenService,
    private readonly branding: BrandingService,
  ) {}

  /** One email to `reader` about `conversations` (one: "every time"; any number: the daily digest). */
  async queue(
    tx: TenantTransaction,
    reader: ConversationReader,
    conversations: readonly UnreadConversation[],
    digest: boolean,
  ): Promise<string> {
    const first = conversations[0];
    const agencyId = first.agency.id;
    const content = emailFor(reader, conversations, digest);
    let email: OutgoingEmail;
    if (reader.kind === 'client') {
      const brand = await this.branding.brandForEmails(agencyId);
      const token = await this.tokens.issue(tx, reader.id, reader.email, 'message_link');
      const url = `${brand.portalUrl}${withToken(WEB_PATHS.magicLink, token)}&returnUrl=${encodeURIComponent(WEB_PATHS.portalMessages)}`;
      email = {
        to: reader.email,
        agencyId,
        ...brandedActionEmail(brand, { ...content, action: { ...content.action, url } }),
      };
    } else {
      const path =
        conversations.length === 1 ? `${WEB_PATHS.agencyMessages}/${first.client.id}` : WEB_PATHS.agencyMessages;
      email = {
        to: reader.email,
        agencyId,
        ...actionEmail({
          ...content,
          brand: first.agency.name,
          action: { ...content.action, url: `${this.config.appUrl}${path}` },
        }),
      };
    }
    return this.mail.queue(tx, email);
  }
}

function emailFor(
  reader: ConversationReader,
  conversations: readonly UnreadConversation[],
  digest: boolean,
): EmailMessage {
  const zone = knownZone(reader.timezone);
  const total = conversations.reduce((sum, c) => sum + c.total, 0);
  const count = `${total} unread message${total === 1 ? '' : 's'}`;
  const client = reader.kind === 'client';
  const agencyName = conversations[0].agency.name;
  const from = client
    ? agencyName
    : conversations.length === 1
      ? conversations[0].client.name
      : `${conversations.length} clients`;
  const paragraphs: string[] = [];
  if (client) {
    paragraphs.push(
      digest
        ? `Your daily summary: messages from ${agencyName} you have not read yet.`
        : `${agencyName} wrote to you, and you have not read it yet.`,
    );
  } else {
    paragraphs.push(
      digest
        ? `Your daily summary: client messages you have not read yet.`
        : `${conversations[0].client.name} wrote to your agency, and you have not read it yet.`,
    );
  }
  for (const conversation of conversations) {
    // A client user sees one conversation per client; the agency's digest may span several clients.
    if (!client && conversations.length > 1) {
      paragraphs.push(`${conversation.client.name} (${conversation.total} unread):`);
    }
    for (const message of conversation.messages) paragraphs.push(line(message, zone));
    const more = conversation.total - conversation.messages.length;
    if (more > 0) paragraphs.push(`…and ${more} more unread message${more === 1 ? '' : 's'}.`);
  }
  paragraphs.push(`Times are in your time zone (${zone}).`);
  return {
    subject: digest ? `Daily summary: ${count} from ${from}` : `${count} from ${from}`,
    greeting: `Hi ${reader.name},`,
    paragraphs,
    action: { label: conversations.length === 1 ? 'Open the conversation' : 'Open your messages', url: '' },
    footer: client
      ? 'The button signs you in and opens your messages; it works once, for 7 days. After that, sign in as usual. You choose how often these emails come in your portal settings.'
      : 'You get this because a client’s message waits for you in Atrium. You choose how often these emails come in your profile settings.',
  };
}

/** "Ann Smith, 3 Mar 2026, 14:05: Can we move the shoot? (+2 files)". */
function line(message: ListedMessage, zone: string): string {
  const text = message.body.replace(/\s+/g, ' ').trim();
  const body = text.length > BODY_SHOWN ? `${text.slice(0, BODY_SHOWN - 1)}…` : text;
  const files = message.files === 0 ? '' : `${message.files} file${message.files === 1 ? '' : 's'}`;
  const what = body && files ? `${body} (+${files})` : body || `sent ${files}`;
  return `${message.authorName}, ${localDateTime(message.createdAt, zone)}: ${what}`;
}
