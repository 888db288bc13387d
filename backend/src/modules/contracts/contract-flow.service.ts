import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { In, LessThanOrEqual } from 'typeorm';
import { isFinalContractStatus, type SignContractInput } from '@atrium/shared';
import { AuditService } from '../../core/audit/audit.service';
import type { RequestMeta } from '../../core/auth/request-context';
import { ValidationFailedException } from '../../core/http/api-error.filter';
import { JobQueue, JOBS } from '../../core/jobs/job-queue';
import { MailService } from '../../core/mail/mail.service';
import { FileStorage } from '../../core/storage/file-storage';
import { AgencyMembership } from '../../core/tenancy/entities/agency-membership.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { TenantData, type TenantTransaction } from '../../core/tenancy/tenant-data';
import { agencyScope, type Actor, type TenantScope } from '../../core/tenancy/tenant-scope';
import { appendContractEvent } from './contract-events';
import { contractFileKey, decodeSignaturePicture, store } from './contract-files';
import { ContractMailer, type ContractEmailTarget } from './contract-mailer';
import { findContract } from './contract-records';
import {
  acts,
  hasActed,
  isPending,
  knownTimeZone,
  nextActingStep,
  reminderDue,
  signedDateText,
  stepComplete,
} from './contract-rules';
import { awaits } from './contract-views';
import { ContractEvent } from './entities/contract-event.entity';
import { ContractField } from './entities/contract-field.entity';
import { ContractRecipient } from './entities/contract-recipient.entity';
import { Contract } from './entities/contract.entity';

/** The person acting: their account, name and where the request came from. */
export interface ContractActor extends Actor {
  readonly userId: string;
  readonly name: string;
  readonly meta: RequestMeta;
}

const ACTIVE_STATUSES = ['sent', 'viewed', 'partially_signed'] as const;
/** "Opened" is recorded at most this often per recipient (each page load would flood the trail). */
const OPENED_EVERY_MS = 10 * 60_000;
const TICK_BATCH = 100;

/**
 * A contract's life once it is ready to go: send, open, sign, approve, decline, void, remind,
 * expire, complete. Every change takes the contract's row lock first, checks where it stands,
 * changes the rows, appends to the trail and queues the emails in the same transaction; emails
 * and the sealing job leave only after the commit.
 */
@Injectable()
export class ContractFlowService {
  private readonly logger = new Logger(ContractFlowService.name);

  constructor(
    private readonly tenant: TenantData,
    private readonly storage: FileStorage,
    private readonly mailer: ContractMailer,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
  ) {}

  // ---- The agency -------------------------------------------------------------------------

  async send(actor: ContractActor, contractId: string, clientAllowsSigning: (clientId: string) => Promise<boolean>) {
    const scope = actor.scope;
    const emailIds = await this.tenant.transaction(async (tx) => {
      const contract = await findContract(tx, scope, contractId, { lock: 'update' });
      if (contract.status !== 'draft') throw new ConflictException('This contract was already sent.');
      const recipients = await this.recipients(tx, scope, contractId);
      const fields = await tx.listOwned(scope, ContractField, { where: { contractId } });
      const problems = sendProblems(contract, recipients, fields);
      if (recipients.some((r) => r.side === 'client') && !(await clientAllowsSigning(contract.clientId))) {
        problems.push('Turn on Contracts in this client’s permissions first, so its people can sign in the portal.');
      }
      if (problems.length) throw new ValidationFailedException([{ field: 'contract', messages: problems }]);
      const now = new Date();
      const step = nextActingStep(recipients, 0) as number;
      await tx.updateOwned(
        scope,
        Contract,
        { id: contractId },
        { status: 'sent', sentAt: now, currentStep: step, updatedAt: now },
      );
      Object.assign(contract, { status: 'sent', sentAt: now, currentStep: step });
      await appendContractEvent(tx, scope, contract, {
        type: 'sent',
        actorUserId: actor.userId,
        actorName: actor.name,
        meta: actor.meta,
        detail: `Sent to ${recipients.length} recipient${recipients.length === 1 ? '' : 's'}`,
      });
      await this.audit.recordFor(actor, { action: 'contract.sent', targetType: 'contract', targetId: contractId }, tx);
      return this.openStep(tx, contract, recipients, step, now);
    });
    await this.mail.dispatch(emailIds);
  }

  async void(
    actor: ContractActor,
    contractId: string,
    reason: string,
  ): Promise<{ contract: Contract; notify: boolean }> {
    const scope = actor.scope;
    const text = cleanReason(reason);
    let voided!: Contract;
    const emailIds = await this.tenant.transaction(async (tx) => {
      const contract = await findContract(tx, scope, contractId, { lock: 'update' });
      if (contract.status === 'draft') throw new ConflictException('A draft cannot be voided; delete it instead.');
      if (isFinalContractStatus(contract.status)) {
        throw new ConflictException(`This contract is ${contract.status} and can no longer be voided.`);
      }
      const now = new Date();
      const patch = { status: 'voided' as const, voidedAt: now, voidReason: text, currentStep: null, updatedAt: now };
      await tx.updateOwned(scope, Contract, { id: contractId }, patch);
      voided = Object.assign(contract, patch);
      await appendContractEvent(tx, scope, contract, {
        type: 'voided',
        actorUserId: actor.userId,
        actorName: actor.name,
        meta: actor.meta,
        detail: `Reason: ${text}`,
      });
      await this.audit.recordFor(
        actor,
        { action: 'contract.voided', targetType: 'contract', targetId: contractId },
        tx,
      );
      const recipients = await this.recipients(tx, scope, contractId);
      // Everyone it reached is told; people whose turn never came never heard of it.
      const told = recipients.filter((r) => r.sentAt !== null).map(recipientTarget);
      return this.mailer.queue(tx, contract, 'voided', told, { reason: text });
    });
    await this.mail.dispatch(emailIds);
    return { contract: voided, notify: emailIds.length > 0 };
  }

  /** Emails those whose turn it is again (or one of them). */
  async remind(actor: ContractActor, contractId: string, recipientId?: string): Promise<number> {
    const scope = actor.scope;
    const emailIds = await this.tenant.transaction(async (tx) => {
      const contract = await findContract(tx, scope, contractId, { lock: 'update' });
      if (!ACTIVE_STATUSES.includes(contract.status as (typeof ACTIVE_STATUSES)[number])) {
        throw new ConflictException('Only a contract that waits for signatures can be sent again.');
      }
      const recipients = await this.recipients(tx, scope, contractId);
      const due = recipients.filter((r) => awaits(contract, r) && (!recipientId || r.id === recipientId));
      if (recipientId && due.length === 0) {
        if (!recipients.some((r) => r.id === recipientId)) throw new NotFoundException('Recipient not found');
        throw new ConflictException('It is not this recipient’s turn: there is nothing to send them now.');
      }
      const now = new Date();
      for (const recipient of due) {
        await tx.updateOwned(scope, ContractRecipient, { id: recipient.id }, { lastRemindedAt: now });
        await appendContractEvent(tx, scope, contract, {
          type: 'reminded',
          recipientId: recipient.id,
          recipientName: recipient.name,
          actorUserId: actor.userId,
          actorName: actor.name,
          meta: actor.meta,
          detail: 'Sent again by hand',
        });
      }
      return this.mailer.queue(tx, contract, 'reminder', due.map(recipientTarget));
    });
    await this.mail.dispatch(emailIds);
    return emailIds.length;
  }

  // ---- Recipients -------------------------------------------------------------------------

  /**
   * The recipient opened the contract: their first look marks it viewed; later looks are "opened"
   * events, at most one per 10 minutes. Copy-only and waiting recipients leave no trace.
   */
  async opened(actor: ContractActor, contractId: string): Promise<void> {
    const scope = actor.scope;
    const now = new Date();
    await this.tenant.transaction(async (tx) => {
      const contract = await findContract(tx, scope, contractId, { lock: 'update' });
      const recipient = (await this.recipients(tx, scope, contractId)).find((r) => r.userId === actor.userId);
      if (!recipient || recipient.status === 'waiting' || isFinalContractStatus(contract.status)) return;
      const event = {
        recipientId: recipient.id,
        recipientName: recipient.name,
        actorUserId: actor.userId,
        actorName: actor.name,
        meta: actor.meta,
      };
      if (recipient.status === 'sent') {
        await tx.updateOwned(scope, ContractRecipient, { id: recipient.id }, { status: 'viewed', viewedAt: now });
        if (contract.status === 'sent') {
          await tx.updateOwned(scope, Contract, { id: contract.id }, { status: 'viewed', updatedAt: now });
        }
        await appendContractEvent(tx, scope, contract, { ...event, type: 'viewed' });
        return;
      }
      const [last] = await tx.listOwned(scope, ContractEvent, {
        where: { contractId, recipientId: recipient.id, type: In(['opened', 'viewed']) },
        order: { sequence: 'DESC' },
        take: 1,
      });
      if (!last || now.getTime() - last.createdAt.getTime() >= OPENED_EVERY_MS) {
        await appendContractEvent(tx, scope, contract, { ...event, type: 'opened' });
      }
    });
  }

  /**
   * Signs for the recipient who is the actor: their own fields only, only while it is their turn.
   * Signing again once signed changes nothing (a double submit is harmless).
   */
  async sign(actor: ContractActor, contractId: string, input: SignContractInput): Promise<void> {
    const scope = actor.scope;
    const pictures: string[] = [];
    try {
      const emailIds = await this.tenant.transaction(async (tx) => {
        const { contract, recipient, recipients } = await this.turnOf(tx, actor, contractId, 'signer');
        if (!recipient) return [];
        const fields = await tx.listOwned(scope, ContractField, { where: { contractId } });
        const mine = fields.filter((f) => f.recipientId === recipient.id);
        const foreign = Object.keys(input.values ?? {}).filter((id) => !mine.some((f) => f.id === id));
        if (foreign.length) {
          throw new ValidationFailedException([{ field: 'values', messages: ['you can only fill your own fields'] }]);
        }
        const now = new Date();
        const timeZone = knownTimeZone(input.timeZone);
        const signature = mine.some((f) => f.kind === 'signature')
          ? await this.keepPicture(contract, recipient, 'signature', input.signature, pictures)
          : null;
        const initials = mine.some((f) => f.kind === 'initials')
          ? await this.keepPicture(contract, recipient, 'initials', input.initials, pictures)
          : null;
        const values = filledValues(mine, input.values ?? {}, recipient.name, signedDateText(now, timeZone));
        for (const field of mine) {
          const value = values.get(field.id) ?? null;
          const filled = field.kind === 'signature' || field.kind === 'initials' || value !== null;
          await tx.updateOwned(scope, ContractField, { id: field.id }, { value, filledAt: filled ? now : null });
          if (filled) {
            await appendContractEvent(tx, scope, contract, {
              type: 'field_filled',
              recipientId: recipient.id,
              recipientName: recipient.name,
              actorUserId: actor.userId,
              actorName: actor.name,
              meta: actor.meta,
              detail: `${FIELD_NAMES[field.kind]}${field.label ? ` “${field.label}”` : ''} on page ${field.page + 1}`,
              at: now,
            });
          }
        }
        const method = input.signature?.method ?? null;
        await tx.updateOwned(
          scope,
          ContractRecipient,
          { id: recipient.id },
          {
            status: 'signed',
            actedAt: now,
            viewedAt: recipient.viewedAt ?? now,
            signatureMethod: signature ? method : null,
            typedText: signature && method === 'typed' ? (input.signature?.typedText?.slice(0, 120) ?? null) : null,
            signatureFont: signature && method === 'typed' ? (input.signature?.font ?? null) : null,
            signatureKey: signature,
            initialsKey: initials,
            ip: actor.meta.ip,
            userAgent: actor.meta.userAgent?.slice(0, 500) ?? null,
            timeZone,
          },
        );
        recipient.status = 'signed';
        await appendContractEvent(tx, scope, contract, {
          type: 'signed',
          recipientId: recipient.id,
          recipientName: recipient.name,
          actorUserId: actor.userId,
          actorName: actor.name,
          meta: actor.meta,
          detail: signature ? `Signed by ${METHOD_WORDS[method ?? 'drawn']}` : 'Signed',
          at: now,
        });
        return this.advance(tx, contract, recipients, now);
      });
      pictures.length = 0;
      await this.afterAct(scope, contractId, emailIds);
    } finally {
      // Pictures of a signature that did not commit belong to nobody.
      for (const key of pictures) await this.storage.delete(key).catch(() => undefined);
    }
  }

  async approve(actor: ContractActor, contractId: string): Promise<void> {
    const scope = actor.scope;
    const emailIds = await this.tenant.transaction(async (tx) => {
      const { contract, recipient, recipients } = await this.turnOf(tx, actor, contractId, 'approver');
      if (!recipient) return [];
      const now = new Date();
      await tx.updateOwned(
        scope,
        ContractRecipient,
        { id: recipient.id },
        {
          status: 'approved',
          actedAt: now,
          viewedAt: recipient.viewedAt ?? now,
          ip: actor.meta.ip,
          userAgent: actor.meta.userAgent?.slice(0, 500) ?? null,
        },
      );
      recipient.status = 'approved';
      await appendContractEvent(tx, scope, contract, {
        type: 'approved',
        recipientId: recipient.id,
        recipientName: recipient.name,
        actorUserId: actor.userId,
        actorName: actor.name,
        meta: actor.meta,
        at: now,
      });
      return this.advance(tx, contract, recipients, now);
    });
    await this.afterAct(scope, contractId, emailIds);
  }

  async decline(actor: ContractActor, contractId: string, reason: string): Promise<void> {
    const scope = actor.scope;
    const text = cleanReason(reason);
    const emailIds = await this.tenant.transaction(async (tx) => {
      const { contract, recipient, recipients } = await this.turnOf(tx, actor, contractId, null);
      if (!recipient) throw new ConflictException('You already signed this contract; it can no longer be declined.');
      const now = new Date();
      await tx.updateOwned(
        scope,
        ContractRecipient,
        { id: recipient.id },
        {
          status: 'declined',
          actedAt: now,
          declineReason: text,
          ip: actor.meta.ip,
          userAgent: actor.meta.userAgent?.slice(0, 500) ?? null,
        },
      );
      const patch = {
        status: 'declined' as const,
        declinedAt: now,
        declineReason: text,
        declinedByName: recipient.name,
        currentStep: null,
        updatedAt: now,
      };
      await tx.updateOwned(scope, Contract, { id: contract.id }, patch);
      Object.assign(contract, patch);
      await appendContractEvent(tx, scope, contract, {
        type: 'declined',
        recipientId: recipient.id,
        recipientName: recipient.name,
        actorUserId: actor.userId,
        actorName: actor.name,
        meta: actor.meta,
        detail: `Reason: ${text}`,
        at: now,
      });
      const others = recipients.filter((r) => r.id !== recipient.id && r.sentAt !== null).map(recipientTarget);
      const followers = await this.followers(tx, contract, recipients);
      return this.mailer.queue(tx, contract, 'declined', [...others, ...followers], {
        actorName: recipient.name,
        reason: text,
      });
    });
    await this.mail.dispatch(emailIds);
  }

  /** Records a download in the trail. */
  async downloaded(actor: ContractActor, contract: Contract, what: string): Promise<void> {
    await this.tenant.transaction(async (tx) => {
      const locked = await findContract(tx, actor.scope, contract.id, { lock: 'update' });
      await appendContractEvent(tx, actor.scope, locked, {
        type: 'downloaded',
        actorUserId: actor.userId,
        actorName: actor.name,
        meta: actor.meta,
        detail: what,
      });
    });
  }

  // ---- Time passing -----------------------------------------------------------------------

  /** Contracts whose expiry passed: expired, and everyone involved told. Returns how many. */
  async expireDue(now = new Date()): Promise<number> {
    const due = await this.tenant
      .unscoped('contract expiry: contracts of every agency past their date; each is then changed in its own scope')
      .getRepository(Contract)
      .find({
        select: { id: true, agencyId: true },
        where: { status: In([...ACTIVE_STATUSES]), expiresAt: LessThanOrEqual(now) },
        take: TICK_BATCH,
      });
    let expired = 0;
    for (const { id, agencyId } of due) {
      const scope = agencyScope(agencyId);
      const emailIds = await this.tenant.transaction(async (tx) => {
        const contract = await findContract(tx, scope, id, { lock: 'update' });
        if (!ACTIVE_STATUSES.includes(contract.status as (typeof ACTIVE_STATUSES)[number])) return [];
        if (!contract.expiresAt || contract.expiresAt > now) return [];
        await tx.updateOwned(scope, Contract, { id }, { status: 'expired', currentStep: null, updatedAt: now });
        contract.status = 'expired';
        await appendContractEvent(tx, scope, contract, { type: 'expired', at: now });
        const recipients = await this.recipients(tx, scope, id);
        const told = recipients.filter((r) => r.sentAt !== null && !hasActed(r)).map(recipientTarget);
        expired++;
        return this.mailer.queue(tx, contract, 'expired', [
          ...told,
          ...(await this.followers(tx, contract, recipients)),
        ]);
      });
      await this.mail.dispatch(emailIds);
    }
    return expired;
  }

  /** Automatic reminders that are due. Returns how many were sent. */
  async remindDue(now = new Date()): Promise<number> {
    const waiting = await this.tenant
      .unscoped('contract reminders: recipients of every agency whose turn it is; each is then handled in its scope')
      .getRepository(ContractRecipient)
      .createQueryBuilder('r')
      .innerJoin(Contract, 'c', 'c.id = r.contractId AND c.agencyId = r.agencyId')
      .select(['r.id AS id', 'r.agencyId AS agencyId', 'r.contractId AS contractId'])
      .where('c.status IN (:...active)', { active: [...ACTIVE_STATUSES] })
      .andWhere('c.reminderMaxCount IS NOT NULL')
      .andWhere('r.step = c.currentStep')
      .andWhere('r.status IN (:...pending)', { pending: ['sent', 'viewed'] })
      .andWhere('r.remindersSent < c.reminderMaxCount')
      .limit(TICK_BATCH * 5)
      .getRawMany<{ id: string; agencyId: string; contractId: string }>();
    let sent = 0;
    for (const row of waiting) {
      const scope = agencyScope(row.agencyId);
      const emailIds = await this.tenant.transaction(async (tx) => {
        const contract = await findContract(tx, scope, row.contractId, { lock: 'update' });
        const recipient = await tx.findOwnedOrNull(scope, ContractRecipient, row.id);
        if (!recipient || !awaits(contract, recipient) || !contract.reminderMaxCount) return [];
        const settings = {
          firstAfterDays: contract.reminderFirstAfterDays ?? 3,
          everyDays: contract.reminderEveryDays ?? 3,
          maxCount: contract.reminderMaxCount,
        };
        if (!reminderDue(recipient, settings, now)) return [];
        const count = recipient.remindersSent + 1;
        await tx.updateOwned(
          scope,
          ContractRecipient,
          { id: recipient.id },
          { remindersSent: count, lastRemindedAt: now },
        );
        await appendContractEvent(tx, scope, contract, {
          type: 'reminded',
          recipientId: recipient.id,
          recipientName: recipient.name,
          detail: `Automatic reminder ${count} of ${settings.maxCount}`,
          at: now,
        });
        sent++;
        return this.mailer.queue(tx, contract, 'reminder', [recipientTarget(recipient)]);
      });
      await this.mail.dispatch(emailIds);
    }
    return sent;
  }

  /**
   * Enqueues sealing when the contract just completed. The job is enqueued only after the commit,
   * so it never reads the contract before its last signature; a lost enqueue is retried by the
   * sealing sweep (ContractSealingService).
   */
  async enqueueSealing(contractId: string): Promise<void> {
    await this.jobs.enqueue(
      JOBS.sealContract,
      { contractId },
      { jobId: `seal-${contractId}-${Date.now()}`, attempts: 3 },
    );
  }

  // ---- Inside -------------------------------------------------------------------------------

  private async afterAct(scope: TenantScope, contractId: string, emailIds: string[]): Promise<void> {
    await this.mail.dispatch(emailIds);
    const contract = await this.tenant.findOwnedOrNull(scope, Contract, contractId, {
      select: { id: true, sealState: true, status: true },
    });
    if (contract?.status === 'completed' && contract.sealState === 'sealing') await this.enqueueSealing(contractId);
  }

  private recipients(tx: TenantTransaction, scope: TenantScope, contractId: string): Promise<ContractRecipient[]> {
    return tx.listOwned(scope, ContractRecipient, { where: { contractId }, order: { position: 'ASC' } });
  }

  /**
   * The actor's recipient row if it is their turn to act in `role` (null = any acting role), after
   * locking the contract. Already acted (in that role): null, so a second submit does nothing.
   * Not a recipient at all: 404 (like an unknown contract). Not their turn, or the contract is
   * over: 409 saying why.
   */
  private async turnOf(
    tx: TenantTransaction,
    actor: ContractActor,
    contractId: string,
    role: 'signer' | 'approver' | null,
  ): Promise<{ contract: Contract; recipient: ContractRecipient | null; recipients: ContractRecipient[] }> {
    const contract = await findContract(tx, actor.scope, contractId, { lock: 'update' });
    const recipients = await this.recipients(tx, actor.scope, contractId);
    const recipient = recipients.find((r) => r.userId === actor.userId && acts(r) && (!role || r.role === role));
    if (!recipient || contract.status === 'draft') throw new NotFoundException('Contract not found');
    if (hasActed(recipient)) return { contract, recipient: null, recipients };
    if (isFinalContractStatus(contract.status)) {
      throw new ConflictException(`This contract is ${contract.status}: it can no longer be signed.`);
    }
    if (contract.expiresAt && contract.expiresAt <= new Date()) {
      throw new ConflictException('This contract has expired: it can no longer be signed.');
    }
    if (!isPending(recipient) || recipient.step !== contract.currentStep) {
      throw new ConflictException('It is not your turn yet: others sign before you. You will get an email when it is.');
    }
    return { contract, recipient, recipients };
  }

  /** After someone acted: the next step opens, or the contract is complete and goes to be sealed. */
  private async advance(
    tx: TenantTransaction,
    contract: Contract,
    recipients: ContractRecipient[],
    now: Date,
  ): Promise<string[]> {
    const scope = agencyScope(contract.agencyId);
    const step = contract.currentStep as number;
    if (!stepComplete(recipients, step)) {
      await tx.updateOwned(scope, Contract, { id: contract.id }, { status: 'partially_signed', updatedAt: now });
      return [];
    }
    const next = nextActingStep(recipients, step);
    if (next !== null) {
      await tx.updateOwned(
        scope,
        Contract,
        { id: contract.id },
        { status: 'partially_signed', currentStep: next, updatedAt: now },
      );
      contract.currentStep = next;
      return this.openStep(tx, contract, recipients, next, now);
    }
    await tx.updateOwned(
      scope,
      Contract,
      { id: contract.id },
      { status: 'completed', completedAt: now, currentStep: null, sealState: 'sealing', updatedAt: now },
    );
    Object.assign(contract, { status: 'completed', completedAt: now, currentStep: null, sealState: 'sealing' });
    await appendContractEvent(tx, scope, contract, { type: 'completed', detail: 'Everyone signed', at: now });
    return [];
  }

  /** Opens a step: its signers and approvers are sent the contract. */
  private async openStep(
    tx: TenantTransaction,
    contract: Contract,
    recipients: ContractRecipient[],
    step: number,
    now: Date,
  ): Promise<string[]> {
    const scope = agencyScope(contract.agencyId);
    const opening = recipients.filter((r) => acts(r) && r.step === step);
    for (const recipient of opening) {
      await tx.updateOwned(scope, ContractRecipient, { id: recipient.id }, { status: 'sent', sentAt: now });
      Object.assign(recipient, { status: 'sent', sentAt: now });
    }
    return this.mailer.queue(tx, contract, 'to_sign', opening.map(recipientTarget));
  }

  /** The agency people who follow a contract: whoever sent it, else the owners and admins; recipients are told apart. */
  async followers(
    tx: TenantTransaction,
    contract: Contract,
    recipients: readonly ContractRecipient[],
  ): Promise<ContractEmailTarget[]> {
    const scope = agencyScope(contract.agencyId);
    const active = await tx.listOwned(scope, AgencyMembership, { where: { status: 'active' } });
    const creator = active.find((m) => m.userId === contract.createdByUserId);
    const chosen = creator ? [creator] : active.filter((m) => m.role === 'owner' || m.role === 'admin');
    const already = new Set(recipients.map((r) => r.userId));
    const ids = chosen.map((m) => m.userId).filter((id) => !already.has(id));
    if (!ids.length) return [];
    const people = await tx.listOwned(scope, User, { where: { id: In(ids), status: 'active' } });
    return people.map((p) => ({ name: p.name, email: p.email, userId: p.id, side: 'agency' as const }));
  }

  private async keepPicture(
    contract: Contract,
    recipient: ContractRecipient,
    what: 'signature' | 'initials',
    input: SignContractInput['signature'],
    kept: string[],
  ): Promise<string> {
    if (!input?.image) {
      throw new ValidationFailedException([
        { field: what, messages: [what === 'signature' ? 'add your signature' : 'add your initials'] },
      ]);
    }
    const picture = decodeSignaturePicture(input.image, what);
    const key = contractFileKey(
      contract.agencyId,
      contract.id,
      `${what}-${recipient.id}`,
      picture.mimeType === 'image/png' ? 'png' : 'jpg',
    );
    await store(this.storage, key, picture.bytes, picture.mimeType);
    kept.push(key);
    return key;
  }

  /** Logs and swallows a failure of one background pass (the next pass tries again). */
  async safely(name: string, pass: () => Promise<unknown>): Promise<void> {
    try {
      await pass();
    } catch (error) {
      this.logger.warn({ msg: `Contract ${name} pass failed`, error: String(error) });
    }
  }
}

const FIELD_NAMES = {
  signature: 'Signature',
  initials: 'Initials',
  name: 'Full name',
  date: 'Date signed',
  text: 'Text',
  checkbox: 'Checkbox',
} as const;

const METHOD_WORDS = { typed: 'typing', drawn: 'drawing', uploaded: 'uploading a picture' } as const;

function recipientTarget(recipient: ContractRecipient): ContractEmailTarget {
  return { name: recipient.name, email: recipient.email, userId: recipient.userId, side: recipient.side, recipient };
}

function cleanReason(reason: string): string {
  const text = reason.replace(/\s+/g, ' ').trim();
  if (!text)
    throw new ValidationFailedException([{ field: 'reason', messages: ['say why, so everyone involved knows'] }]);
  return text.slice(0, 1000);
}

/**
 * The values of a signer's fields: name and date fill themselves; text and checkboxes come from the
 * request. A required field left empty (or a required checkbox left unticked) is a 400 naming it.
 */
function filledValues(
  fields: readonly ContractField[],
  values: Record<string, string>,
  name: string,
  date: string,
): Map<string, string | null> {
  const result = new Map<string, string | null>();
  const missing: string[] = [];
  for (const field of fields) {
    const given = typeof values[field.id] === 'string' ? values[field.id].trim() : '';
    switch (field.kind) {
      case 'name':
        result.set(field.id, name);
        break;
      case 'date':
        result.set(field.id, date);
        break;
      case 'text':
        if (given.length > 1000) {
          throw new ValidationFailedException([{ field: `values.${field.id}`, messages: ['at most 1000 characters'] }]);
        }
        if (!given && field.required) missing.push(field.label || `the text field on page ${field.page + 1}`);
        result.set(field.id, given || null);
        break;
      case 'checkbox': {
        const ticked = given === 'true';
        if (!ticked && field.required) missing.push(field.label || `the checkbox on page ${field.page + 1}`);
        result.set(field.id, ticked ? 'true' : 'false');
        break;
      }
      default:
        result.set(field.id, null);
    }
  }
  if (missing.length) {
    throw new ValidationFailedException([{ field: 'values', messages: [`fill in ${missing.join(', ')}`] }]);
  }
  return result;
}

/** What stops a draft from going out, in plain sentences (empty = ready). */
function sendProblems(
  contract: Contract,
  recipients: readonly ContractRecipient[],
  fields: readonly ContractField[],
): string[] {
  const problems: string[] = [];
  if (!recipients.some(acts)) problems.push('Add at least one signer or approver.');
  for (const signer of recipients.filter((r) => r.role === 'signer')) {
    if (!fields.some((f) => f.recipientId === signer.id && f.kind === 'signature')) {
      problems.push(`Place a signature field for ${signer.name}.`);
    }
  }
  if (contract.expiresAt && contract.expiresAt <= new Date()) problems.push('Pick an expiry date in the future.');
  return problems;
}
