import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { RequestMeta } from '../auth/request-context';
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

/** Writes the audit trail. Pass the transaction's manager so the entry commits with the change. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(entry: AuditEntry, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.getRepository(AuditLog).save(
      manager.getRepository(AuditLog).create({
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
}
