import { Injectable, NotFoundException } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { AuditService } from '../../../core/audit/audit.service';
import type { OperatorContext } from '../../../core/auth/request-context';
import { MailService } from '../../../core/mail/mail.service';
import { OutboxEmail, type OutboxEmailStatus } from '../../../core/mail/outbox-email.entity';
import { Agency } from '../../../core/tenancy/entities/agency.entity';
import { TenantData } from '../../../core/tenancy/tenant-data';
import { operatorAudit } from '../audit/operator-audit';

export interface OutboxSummary {
  pending: number;
  sending: number;
  failed: number;
  sent: number;
  captured: number;
  /** Seconds since the oldest email still waiting (pending or being sent) was queued; null when none waits. */
  oldestPendingAgeSeconds: number | null;
}

export interface FailedEmail {
  id: string;
  to: string;
  subject: string;
  agencyId: string | null;
  agencyName: string | null;
  lastError: string | null;
  attempts: number;
  createdAt: Date;
  lastAttemptAt: Date;
}

/** Emails given a retry per request; more failed ones wait for the next call. */
const RETRY_BATCH = 1000;

/** The email outbox as operators see it: its backlog, the emails given up on, and their retry. */
@Injectable()
export class OutboxAdminService {
  private readonly db: EntityManager;

  constructor(
    tenant: TenantData,
    private readonly mail: MailService,
    private readonly audit: AuditService,
  ) {
    this.db = tenant.unscoped('platform admin: the outbox of every agency, for its operator');
  }

  async summary(now = new Date()): Promise<OutboxSummary> {
    const rows = await this.db
      .getRepository(OutboxEmail)
      .createQueryBuilder('e')
      .select('e.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .groupBy('e.status')
      .getRawMany<{ status: OutboxEmailStatus; count: string | number }>();
    const count = (status: OutboxEmailStatus) => Number(rows.find((row) => row.status === status)?.count ?? 0);
    const oldest = await this.db.getRepository(OutboxEmail).findOne({
      select: { id: true, createdAt: true },
      where: { status: In(['pending', 'sending']) },
      order: { createdAt: 'ASC' },
    });
    return {
      pending: count('pending'),
      sending: count('sending'),
      failed: count('failed'),
      sent: count('sent'),
      captured: count('captured'),
      oldestPendingAgeSeconds: oldest
        ? Math.max(0, Math.floor((now.getTime() - oldest.createdAt.getTime()) / 1000))
        : null,
    };
  }

  /** The emails given up on, most recent first. */
  async failed(limit: number): Promise<FailedEmail[]> {
    const emails = await this.db.getRepository(OutboxEmail).find({
      select: {
        id: true,
        agencyId: true,
        toAddress: true,
        subject: true,
        lastError: true,
        attempts: true,
        createdAt: true,
        nextAttemptAt: true,
        claimedAt: true,
      },
      where: { status: 'failed' },
      order: { claimedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
    const agencyIds = [...new Set(emails.flatMap((email) => (email.agencyId ? [email.agencyId] : [])))];
    const agencies = agencyIds.length
      ? await this.db.getRepository(Agency).find({ select: { id: true, name: true }, where: { id: In(agencyIds) } })
      : [];
    const names = new Map(agencies.map((agency) => [agency.id, agency.name]));
    return emails.map((email) => ({
      id: email.id,
      to: email.toAddress,
      subject: email.subject,
      agencyId: email.agencyId,
      agencyName: email.agencyId ? (names.get(email.agencyId) ?? null) : null,
      lastError: email.lastError,
      attempts: email.attempts,
      createdAt: email.createdAt,
      lastAttemptAt: email.claimedAt ?? email.createdAt,
    }));
  }

  /**
   * Puts failed emails (one, or up to RETRY_BATCH) back to pending and enqueues their delivery.
   * Each gets one more attempt: the attempt count goes on, so the delivery job id is new and a
   * failure gives up again at once instead of starting a fresh series of retries.
   */
  async retry(operator: OperatorContext, emailId?: string): Promise<number> {
    const repository = this.db.getRepository(OutboxEmail);
    const failed = await repository.find({
      select: { id: true, attempts: true },
      where: { status: 'failed', ...(emailId ? { id: emailId } : {}) },
      order: { createdAt: 'ASC' },
      take: RETRY_BATCH,
    });
    if (emailId && failed.length === 0) throw new NotFoundException('No failed email has this id.');
    const retried = await this.db.transaction(async (tx) => {
      // Only rows still failed: another operator's retry meanwhile is not doubled.
      const still = failed.length
        ? await tx.getRepository(OutboxEmail).find({
            select: { id: true, attempts: true },
            where: { id: In(failed.map((row) => row.id)), status: 'failed' },
          })
        : [];
      if (still.length > 0) {
        await tx
          .getRepository(OutboxEmail)
          .update(
            { id: In(still.map((row) => row.id)), status: 'failed' },
            { status: 'pending', nextAttemptAt: new Date() },
          );
      }
      await this.audit.record(
        operatorAudit(operator, {
          action: 'platform_admin.failed_emails_retried',
          targetType: emailId ? 'outbox_email' : null,
          targetId: emailId ?? null,
          details: { count: still.length },
        }),
        tx,
      );
      return still;
    });
    if (retried.length > 0) await this.mail.dispatchDue(retried);
    return retried.length;
  }
}
