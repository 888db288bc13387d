import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { PDFDocument } from '@cantoo/pdf-lib';
import { Contract } from '../../src/modules/contracts/entities/contract.entity';
import { ContractField } from '../../src/modules/contracts/entities/contract-field.entity';
import { ContractRecipient } from '../../src/modules/contracts/entities/contract-recipient.entity';
import { ContractTemplate } from '../../src/modules/contracts/entities/contract-template.entity';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '../../src/core/auth/jwt.strategy';
import { hashToken } from '../../src/modules/auth/token-hash';
import { Agency } from '../../src/core/tenancy/entities/agency.entity';
import { Client } from '../../src/core/tenancy/entities/client.entity';
import { ClientMembership } from '../../src/core/tenancy/entities/client-membership.entity';
import { Invitation } from '../../src/modules/invitations/entities/invitation.entity';
import { User } from '../../src/core/tenancy/entities/user.entity';
import { ConnectLink } from '../../src/modules/social/entities/connect-link.entity';
import { SocialAccount } from '../../src/modules/social/entities/social-account.entity';
import { Post } from '../../src/modules/posts/entities/post.entity';
import { MediaAsset } from '../../src/modules/media/entities/media-asset.entity';
import { FileStorage } from '../../src/core/storage/file-storage';
import { Readable } from 'node:stream';
import { PostTarget } from '../../src/modules/posts/entities/post-target.entity';
import { Conversation } from '../../src/modules/messages/entities/conversation.entity';
import { Message } from '../../src/modules/messages/entities/message.entity';
import { Invoice } from '../../src/modules/billing/entities/invoice.entity';
import { InvoiceLine } from '../../src/modules/billing/entities/invoice-line.entity';
import { RecurringInvoice } from '../../src/modules/billing/entities/recurring-invoice.entity';
import { CLIENT_PERMISSIONS } from '@atrium/shared';
import { Factory, uniqueEmail } from './factories';
import { operatorSession } from './operator-session';
import type { TestApp } from './test-app';

/** Everyone the authorization matrix asks about (SPEC §8, issue: isolation proven). */
export const ACTORS = [
  'agencyOwner',
  'agencyAdmin',
  'agencyMember',
  'clientAdmin',
  'clientMember',
  'otherAgency',
  'otherClient',
  /** A platform operator (password + TOTP): the admin API only. */
  'operator',
  'removedUser',
  'expiredToken',
  'anonymous',
] as const;
export type Actor = (typeof ACTORS)[number];

/**
 * Agency A with its team, client A1 (the target of every request), client A2 of the same agency,
 * and agency B. Requests target A's and A1's data; each actor's token is real.
 */
export class MatrixWorld {
  readonly factory: Factory;
  agencyA!: Agency;
  agencyB!: Agency;
  clientA1!: Client;
  clientA2!: Client;
  tokens = {} as Record<Exclude<Actor, 'anonymous'>, string>;
  userIds = {} as Record<Exclude<Actor, 'anonymous' | 'expiredToken' | 'operator'>, string>;

  constructor(readonly t: TestApp) {
    this.factory = new Factory(t);
  }

  async build(): Promise<this> {
    const f = this.factory;
    this.agencyA = await f.agency('Agency A');
    this.agencyB = await f.agency('Agency B');
    this.clientA1 = await f.client(this.agencyA, [...CLIENT_PERMISSIONS], 'Client A1');
    this.clientA2 = await f.client(this.agencyA, [...CLIENT_PERMISSIONS], 'Client A2');
    const clientB1 = await f.client(this.agencyB, [...CLIENT_PERMISSIONS], 'Client B1');

    const owner = await f.agencyUser(this.agencyA, 'owner');
    const people: Record<Exclude<Actor, 'anonymous' | 'expiredToken' | 'operator'>, User> = {
      agencyOwner: owner,
      agencyAdmin: await f.agencyUser(this.agencyA, 'admin'),
      agencyMember: await f.agencyUser(this.agencyA, 'member'),
      clientAdmin: await f.clientUser(this.clientA1, 'admin'),
      clientMember: await f.clientUser(this.clientA1, 'member'),
      otherAgency: await f.agencyUser(this.agencyB, 'owner'),
      otherClient: await f.clientUser(this.clientA2, 'admin'),
      removedUser: await f.clientUser(this.clientA1, 'admin'),
    };
    await f.clientUser(clientB1, 'admin');
    for (const [actor, user] of Object.entries(people)) {
      this.userIds[actor as keyof typeof people] = user.id;
      this.tokens[actor as keyof typeof people] = (await f.signIn(user.email)).accessToken;
    }
    this.tokens.operator = await this.freshOperatorToken();
    await this.t.db
      .getRepository(ClientMembership)
      .update({ userId: people.removedUser.id }, { status: 'deactivated' });

    // A correctly signed token for a live session, already past its expiry.
    const ownerSession = JSON.parse(Buffer.from(this.tokens.agencyOwner.split('.')[1], 'base64url').toString()) as {
      sid: string;
    };
    this.tokens.expiredToken = new JwtService().sign(
      { sub: owner.id, sid: ownerSession.sid, exp: Math.floor(Date.now() / 1000) - 60 },
      {
        secret: this.t.config.jwtSecret,
        algorithm: 'HS256',
        audience: ACCESS_TOKEN_AUDIENCE,
        issuer: ACCESS_TOKEN_ISSUER,
      },
    );
    return this;
  }

  /** A new operator's token, signed in with password and TOTP. */
  async freshOperatorToken(): Promise<string> {
    return (await operatorSession(this.t)).token;
  }

  /** A GET as one of the actors, with their real token. */
  get(actor: Exclude<Actor, 'anonymous'>, path: string): ReturnType<ReturnType<TestApp['http']>['get']> {
    return this.t.http().get(path).set('Authorization', `Bearer ${this.tokens[actor]}`);
  }

  /** Fresh targets, so that one actor's successful change never affects the next actor's call. */
  async freshClient(): Promise<Client> {
    return this.factory.client(this.agencyA, [...CLIENT_PERMISSIONS], `Target ${randomBytes(3).toString('hex')}`);
  }

  async freshClientUser(client: Client = this.clientA1): Promise<User> {
    return this.factory.clientUser(client, 'member');
  }

  async freshTeamMember(): Promise<User> {
    return this.factory.agencyUser(this.agencyA, 'member');
  }

  /** A connected (sandbox) account of agency A, assigned to a client or not. */
  async freshAccount(clientId: string | null = this.clientA1.id, agencyId = this.agencyA.id): Promise<SocialAccount> {
    const repository = this.t.db.getRepository(SocialAccount);
    return repository.save(
      repository.create({
        agencyId,
        clientId,
        provider: 'local',
        externalId: randomBytes(8).toString('hex'),
        displayName: `Matrix account ${randomBytes(2).toString('hex')}`,
        status: 'active',
        accessTokenSealed: null,
        scopes: [],
        connectedVia: 'agency',
        connectedAt: new Date(),
      }),
    );
  }

  /** A post of client A1 on a fresh account: a draft, or scheduled an hour from now. */
  async freshPost(status: 'draft' | 'scheduled' = 'draft', clientId = this.clientA1.id): Promise<Post> {
    const account = await this.freshAccount(clientId);
    const scheduledAt = status === 'scheduled' ? new Date(Date.now() + 3600_000) : null;
    const posts = this.t.db.getRepository(Post);
    const post = await posts.save(
      posts.create({
        agencyId: this.agencyA.id,
        clientId,
        text: `Matrix post ${randomBytes(2).toString('hex')}`,
        status,
        scheduledAt,
      }),
    );
    const targets = this.t.db.getRepository(PostTarget);
    await targets.save(
      targets.create({
        postId: post.id,
        agencyId: this.agencyA.id,
        clientId,
        socialAccountId: account.id,
        state: status === 'draft' ? 'draft' : 'pending',
        scheduledAt,
      }),
    );
    return post;
  }

  /** A scheduled post of client A1 that waits for the client's approval (its target held). */
  async freshReviewPost(): Promise<Post> {
    const post = await this.freshPost('scheduled');
    await this.t.db.getRepository(Post).update({ id: post.id }, { approvalRequired: true, approvalState: 'pending' });
    await this.t.db.getRepository(PostTarget).update({ postId: post.id }, { state: 'held' });
    return post;
  }

  /**
   * A contract of client A1 whose recipients are A1's admin and member (both in step 1, as `role`),
   * each with a signature field; sent unless asked for a draft. Its PDF is real, in storage.
   */
  async freshContract(status: 'draft' | 'sent' = 'sent', role: 'signer' | 'approver' = 'signer'): Promise<Contract> {
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]);
    const bytes = Buffer.from(await doc.save());
    const id = randomUUID();
    const key = `contracts/${this.agencyA.id}/${id}/original-matrix.pdf`;
    await this.t.app.get(FileStorage).put(key, Readable.from([bytes]), 'application/pdf');
    const contracts = this.t.db.getRepository(Contract);
    const contract = await contracts.save(
      contracts.create({
        id,
        agencyId: this.agencyA.id,
        clientId: this.clientA1.id,
        title: 'Matrix contract',
        status,
        currentStep: status === 'sent' ? 1 : null,
        sentAt: status === 'sent' ? new Date() : null,
        originalKey: key,
        originalSha256: createHash('sha256').update(bytes).digest('hex'),
        pageCount: 1,
        pageSizes: JSON.stringify([{ width: 595, height: 842 }]),
      }),
    );
    const recipients = this.t.db.getRepository(ContractRecipient);
    const fields = this.t.db.getRepository(ContractField);
    for (const [position, actor] of (['clientAdmin', 'clientMember'] as const).entries()) {
      const recipient = await recipients.save(
        recipients.create({
          agencyId: this.agencyA.id,
          clientId: this.clientA1.id,
          contractId: id,
          position,
          userId: this.userIds[actor],
          name: actor,
          email: `${actor}@matrix.test`,
          role,
          side: 'client',
          step: 1,
          status: status === 'sent' ? 'sent' : 'waiting',
          sentAt: status === 'sent' ? new Date() : null,
        }),
      );
      if (role === 'signer') {
        await fields.save(
          fields.create({
            agencyId: this.agencyA.id,
            clientId: this.clientA1.id,
            contractId: id,
            recipientId: recipient.id,
            kind: 'signature',
            page: 0,
            x: 0.1,
            y: 0.1 + position * 0.2,
            width: 0.3,
            height: 0.06,
            required: true,
          }),
        );
      }
    }
    return contract;
  }

  /** A contract template of agency A, with its PDF in storage. */
  async freshContractTemplate(): Promise<ContractTemplate> {
    const contract = await this.freshContract('draft');
    const templates = this.t.db.getRepository(ContractTemplate);
    return templates.save(
      templates.create({
        agencyId: this.agencyA.id,
        name: 'Matrix template',
        fileKey: contract.originalKey,
        sha256: contract.originalSha256,
        pageCount: 1,
        pageSizes: contract.pageSizes,
        layout: JSON.stringify({ slots: [{ role: 'signer', step: 1 }], fields: [], reminders: null }),
        recipientSlots: 1,
      }),
    );
  }

  /** A library file of client A1 (a portal upload by default), with real bytes in storage. */
  async freshMedia(
    source: 'portal' | 'agency' = 'portal',
    clientId: string | null = this.clientA1.id,
  ): Promise<MediaAsset> {
    const key = `agencies/${this.agencyA.id}/matrix/${randomBytes(8).toString('hex')}.png`;
    await this.t.app.get(FileStorage).put(key, Readable.from([Buffer.from('\x89PNG matrix')]), 'image/png');
    const repository = this.t.db.getRepository(MediaAsset);
    return repository.save(
      repository.create({
        agencyId: this.agencyA.id,
        clientId,
        purpose: 'library',
        source,
        uploadedByUserId: null,
        filename: 'matrix.png',
        mimeType: 'image/png',
        kind: 'image',
        size: 12,
        storageKey: key,
        status: 'ready',
      }),
    );
  }

  /**
   * A message just written in client A1's conversation by one of the actors (the conversation is
   * made when missing; its counters move as the service would move them).
   */
  async freshMessage(author: Exclude<Actor, 'anonymous' | 'expiredToken' | 'operator'>): Promise<Message> {
    const conversations = this.t.db.getRepository(Conversation);
    const conversation =
      (await conversations.findOneBy({ clientId: this.clientA1.id })) ??
      (await conversations.save(conversations.create({ agencyId: this.agencyA.id, clientId: this.clientA1.id })));
    const seq = conversation.lastSeq + 1;
    const change = conversation.lastChange + 1;
    await conversations.update(
      { id: conversation.id },
      { lastSeq: seq, lastChange: change, lastMessageAt: new Date() },
    );
    const side = author.startsWith('agency') || author === 'otherAgency' ? 'agency' : 'client';
    const messages = this.t.db.getRepository(Message);
    return messages.save(
      messages.create({
        agencyId: this.agencyA.id,
        clientId: this.clientA1.id,
        conversationId: conversation.id,
        seq,
        change,
        kind: 'message',
        authorUserId: this.userIds[author],
        authorSide: side,
        authorName: author,
        body: `Matrix message ${seq}`,
      }),
    );
  }

  /** An invoice of client A1 with one taxed line: a draft, or sent (numbered, parties frozen). */
  async freshInvoice(status: 'draft' | 'sent' = 'sent', clientId = this.clientA1.id): Promise<Invoice> {
    const invoices = this.t.db.getRepository(Invoice);
    const sent = status === 'sent';
    const seq = sent ? Math.floor(Math.random() * 1_000_000_000) : null;
    const invoice = await invoices.save(
      invoices.create({
        agencyId: this.agencyA.id,
        clientId,
        status,
        numberSeq: seq,
        number: sent ? `MX-${seq}` : null,
        currency: 'USD',
        issueDate: '2026-12-01',
        dueDate: '2026-12-15',
        subtotal: 10000,
        discountTotal: 0,
        taxes: JSON.stringify([{ rate: 8.875, taxable: 10000, tax: 888 }]),
        taxTotal: 888,
        total: 10888,
        billTo: sent ? JSON.stringify({ name: 'Client A1', email: '', address: {}, taxId: '' }) : null,
        issuer: sent ? JSON.stringify({ name: 'Agency A', logoUrl: null, primaryColor: null }) : null,
        sentAt: sent ? new Date() : null,
      }),
    );
    const lines = this.t.db.getRepository(InvoiceLine);
    await lines.save(
      lines.create({
        agencyId: this.agencyA.id,
        clientId,
        invoiceId: invoice.id,
        position: 0,
        description: 'Matrix work',
        quantityMilli: 1000,
        unitPrice: 10000,
        taxRateMilli: 8875,
        amount: 10000,
      }),
    );
    return invoice;
  }

  /** A monthly recurring invoice of client A1 starting next month: active or paused. */
  async freshRecurring(status: 'active' | 'paused' = 'active'): Promise<RecurringInvoice> {
    const repository = this.t.db.getRepository(RecurringInvoice);
    const next = new Date(Date.now() + 40 * 86400_000).toISOString().slice(0, 10);
    return repository.save(
      repository.create({
        agencyId: this.agencyA.id,
        clientId: this.clientA1.id,
        status,
        interval: 'month',
        startsOn: next,
        occurrence: 0,
        nextIssueOn: next,
        currency: 'USD',
        template: JSON.stringify({
          lines: [{ description: 'Matrix retainer', quantity: 1, unitPrice: 10000, taxRate: 0 }],
          discount: { kind: 'none', value: 0 },
          notes: '',
          terms: '',
        }),
        dueInDays: 14,
        total: 10000,
      }),
    );
  }

  /** A sent invoice of client A1 with agency A taking payments online (the sandbox provider). */
  async payableInvoice(): Promise<Invoice> {
    const connected = await this.t
      .http()
      .put('/api/v1/billing/settings/sandbox')
      .set('Authorization', `Bearer ${this.tokens.agencyOwner}`);
    if (connected.status !== 200) throw new Error(`Connecting the sandbox failed: ${connected.status}`);
    return this.freshInvoice('sent');
  }

  async freshConnectLink(): Promise<ConnectLink> {
    const repository = this.t.db.getRepository(ConnectLink);
    return repository.save(
      repository.create({
        agencyId: this.agencyA.id,
        clientId: this.clientA1.id,
        tokenHash: hashToken(randomBytes(32).toString('base64url')),
        tokenSealed: 'v1.unused.unused.unused',
        expiresAt: new Date(Date.now() + 86400_000),
      }),
    );
  }

  async freshInvitation(clientId: string | null): Promise<Invitation> {
    const repository = this.t.db.getRepository(Invitation);
    return repository.save(
      repository.create({
        agencyId: this.agencyA.id,
        clientId,
        audience: clientId ? 'client' : 'agency',
        email: uniqueEmail('matrix-invite'),
        name: 'Matrix Invitee',
        role: 'member',
        tokenHash: hashToken(randomBytes(32).toString('base64url')),
        expiresAt: new Date(Date.now() + 7 * 24 * 3600_000),
        invitedByUserId: null,
      }),
    );
  }
}
