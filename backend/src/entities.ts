import { AuditLog } from './core/audit/audit-log.entity';
import { OutboxEmail } from './core/mail/outbox-email.entity';
import { SchedulerLease } from './core/scheduling/scheduler-lease.entity';
import { Agency } from './core/tenancy/entities/agency.entity';
import { OneTimeToken } from './modules/auth/entities/one-time-token.entity';
import { Session } from './core/tenancy/entities/session.entity';
import { Client } from './core/tenancy/entities/client.entity';
import { ClientMembership } from './core/tenancy/entities/client-membership.entity';
import { Invitation } from './modules/invitations/entities/invitation.entity';
import { AgencyMembership } from './core/tenancy/entities/agency-membership.entity';
import { User } from './core/tenancy/entities/user.entity';
import { SocialAccount } from './modules/social/entities/social-account.entity';
import { OAuthConnectState } from './modules/social/entities/oauth-connect-state.entity';
import { ConnectLink } from './modules/social/entities/connect-link.entity';
import { Post } from './modules/posts/entities/post.entity';
import { PostTarget } from './modules/posts/entities/post-target.entity';
import { PostMedia } from './modules/posts/entities/post-media.entity';
import { PostComment } from './modules/posts/entities/post-comment.entity';
import { PostNote } from './modules/posts/entities/post-note.entity';
import { MediaAsset } from './modules/media/entities/media-asset.entity';
import { Branding } from './modules/branding/entities/branding.entity';
import { CustomDomain } from './modules/domains/entities/custom-domain.entity';
import { Contract } from './modules/contracts/entities/contract.entity';
import { ContractRecipient } from './modules/contracts/entities/contract-recipient.entity';
import { ContractField } from './modules/contracts/entities/contract-field.entity';
import { ContractEvent } from './modules/contracts/entities/contract-event.entity';
import { ContractTemplate } from './modules/contracts/entities/contract-template.entity';
import {
  SandboxAccount,
  SandboxGrant,
  SandboxPost,
  SandboxToken,
} from './modules/local-oauth/entities/local-oauth.entities';

/** Every entity, listed explicitly: the bundled backend cannot discover them with globs. */
import { Conversation } from './modules/messages/entities/conversation.entity';
import { ConversationRead } from './modules/messages/entities/conversation-read.entity';
import { Message } from './modules/messages/entities/message.entity';
import { MessageAttachment } from './modules/messages/entities/message-attachment.entity';
import { MessageEmailDue } from './modules/messages/entities/message-email-due.entity';
import { MessageEmailSetting } from './modules/messages/entities/message-email-setting.entity';
import { BillingProfile } from './modules/billing/entities/billing-profile.entity';
import { BillingSettings } from './modules/billing/entities/billing-settings.entity';
import { Invoice } from './modules/billing/entities/invoice.entity';
import { InvoiceLine } from './modules/billing/entities/invoice-line.entity';
import { InvoicePayment } from './modules/billing/entities/invoice-payment.entity';
import { InvoiceReminder } from './modules/billing/entities/invoice-reminder.entity';
import { PaymentSession } from './modules/billing/entities/payment-session.entity';
import { PaymentWebhookEvent } from './modules/billing/entities/payment-webhook-event.entity';
import { RecurringInvoice } from './modules/billing/entities/recurring-invoice.entity';
import {
  SandboxPayAccount,
  SandboxPayEvent,
  SandboxPaySession,
} from './modules/local-payments/entities/sandbox-payments.entities';
import { TwoFactorCredential } from './modules/two-factor/entities/two-factor-credential.entity';
import { TwoFactorRecoveryCode } from './modules/two-factor/entities/two-factor-recovery-code.entity';
import { PlatformOperator } from './modules/platform-admin/operators/entities/platform-operator.entity';
import { OperatorRecoveryCode } from './modules/platform-admin/operators/entities/operator-recovery-code.entity';
import { OperatorSession } from './modules/platform-admin/operators/entities/operator-session.entity';

export const ENTITIES = [
  Agency,
  User,
  AgencyMembership,
  Client,
  ClientMembership,
  Session,
  OneTimeToken,
  Invitation,
  OutboxEmail,
  AuditLog,
  SchedulerLease,
  SocialAccount,
  OAuthConnectState,
  ConnectLink,
  Post,
  PostTarget,
  SandboxAccount,
  SandboxGrant,
  SandboxToken,
  SandboxPost,
  MediaAsset,
  PostMedia,
  PostComment,
  PostNote,
  Branding,
  CustomDomain,
  Contract,
  ContractRecipient,
  ContractField,
  ContractEvent,
  ContractTemplate,
  Conversation,
  Message,
  MessageAttachment,
  ConversationRead,
  MessageEmailDue,
  MessageEmailSetting,
  BillingSettings,
  BillingProfile,
  Invoice,
  InvoiceLine,
  InvoicePayment,
  InvoiceReminder,
  PaymentSession,
  PaymentWebhookEvent,
  RecurringInvoice,
  SandboxPayAccount,
  SandboxPaySession,
  SandboxPayEvent,
  TwoFactorCredential,
  TwoFactorRecoveryCode,
  PlatformOperator,
  OperatorRecoveryCode,
  OperatorSession,
];
