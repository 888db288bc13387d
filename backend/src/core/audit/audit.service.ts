import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { insertRows } from '../database/insert-rows';
import type { RequestMeta } from '../auth/request-context';
import { managerOf, TenantData, Transactional } from '../tenancy/tenant-data';
import type { Actor } from '../tenancy/tenant-scope';
import { AuditLog } from './audit-log.entity';

export interface AuditEntry {
  action: string;
  agencyId?: string | null;
  actorUserId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  meta?: RequestMeta;
  details?: Record<string, unknown>;
}

/** What an actor did: the agency, the user and the request meta come from the actor. */
export type ActorAuditEntry = Omit<AuditEntry, 'agencyId' | 'actorUserId' | 'meta'>;

/** Writes the audit trail. Pass the transaction so the entry commits with the change. */
@Injectable()
export class AuditService {
  private readonly db: EntityManager;

  constructor(tenant: TenantData) {
    this.db = tenant.unscoped('audit log: a platform table; each entry names its own agency');
  }

  async record(entry: AuditEntry, into: Transactional = this.db): Promise<void> {
    const repository = managerOf(into).getRepository(AuditLog);
    await repository.save(repository.create(auditRow(entry)));
  }

  /** Records what `actor` did within its tenant. */
  async recordFor(actor: Actor, entry: ActorAuditEntry, into: Transactional = this.db): Promise<void> {
    await this.record(byActor(actor, entry), into);
  }

  /** Records many things `actor` did at once (a bulk action, one entry per target), set-based. */
  async recordManyFor(actor: Actor, entries: readonly ActorAuditEntry[], into: Transactional = this.db): Promise<void> {
    await insertRows(
      managerOf(into),
      AuditLog,
      entries.map((entry) => auditRow(byActor(actor, entry))),
    );
  }
}

function byActor(actor: Actor, entry: ActorAuditEntry): AuditEntry {
  return {
    ...entry,
    agencyId: actor.scope.agencyId,
    actorUserId: actor.userId,
    meta: { ip: actor.ip, userAgent: actor.userAgent },
  };
}

function auditRow(entry: AuditEntry): Partial<AuditLog> {
  return {
    action: entry.action,
    agencyId: entry.agencyId ?? null,
    actorUserId: entry.actorUserId ?? null,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    ip: entry.meta?.ip ?? null,
    details: entry.details ?? null,
  };
}
