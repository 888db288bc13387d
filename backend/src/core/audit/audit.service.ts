import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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
    await repository.save(
      repository.create({
        action: entry.action,
        agencyId: entry.agencyId ?? null,
        actorUserId: entry.actorUserId ?? null,
        targetType: entry.targetType ?? null,
        targetId: entry.targetId ?? null,
        ip: entry.meta?.ip ?? null,
        details: entry.details ?? null,
      }),
    );
  }

  /** Records what `actor` did within its tenant. */
  async recordFor(actor: Actor, entry: ActorAuditEntry, into: Transactional = this.db): Promise<void> {
    await this.record(
      {
        ...entry,
        agencyId: actor.scope.agencyId,
        actorUserId: actor.userId,
        meta: { ip: actor.ip, userAgent: actor.userAgent },
      },
      into,
    );
  }
}
