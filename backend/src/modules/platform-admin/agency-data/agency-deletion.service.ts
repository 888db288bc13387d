import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../../core/audit/audit.service';
import type { OperatorContext } from '../../../core/auth/request-context';
import { FileStorage } from '../../../core/storage/file-storage';
import { Agency } from '../../../core/tenancy/entities/agency.entity';
import { Session } from '../../../core/tenancy/entities/session.entity';
import { TenantData } from '../../../core/tenancy/tenant-data';
import { operatorAudit } from '../audit/operator-audit';
import { agencyStoragePrefixes } from './agency-files';
import { agencyCondition } from './agency-rows';
import { agencyTables } from './agency-tables';

export interface AgencyDeletion {
  agencyId: string;
  rows: Record<string, number>;
  files: number;
}

/**
 * Deletes an agency for good, for data-protection requests: every row of it in every table, in
 * one transaction and in foreign-key order (not every table cascades from agencies), then every
 * file. Its users' sessions are revoked in the same transaction first, so open realtime sockets
 * are dropped when it commits. The audit entry of the deletion names no agency (it outlives it)
 * and keeps the agency's id, name and slug in its details.
 */
@Injectable()
export class AgencyDeletionService {
  private readonly db: EntityManager;

  constructor(
    tenant: TenantData,
    private readonly storage: FileStorage,
    private readonly audit: AuditService,
  ) {
    this.db = tenant.unscoped('platform admin: deletes every table of one agency for its operator');
  }

  async delete(agencyId: string, confirm: string, operator: OperatorContext): Promise<AgencyDeletion> {
    const rows = await this.db.transaction(async (tx) => {
      const agency = await tx.getRepository(Agency).findOneBy({ id: agencyId });
      if (!agency) throw new NotFoundException('No agency has this id.');
      if (confirm !== agency.slug) {
        throw new BadRequestException(
          `To delete this agency, send confirm with its slug exactly (${agency.slug}); nothing was deleted.`,
        );
      }
      // A revocation (not just a delete) is what tells the realtime gateway to drop open sockets.
      const tables = agencyTables(tx.connection);
      const sessions = tables.find((table) => table.metadata.target === Session);
      if (!sessions) throw new Error('The sessions table is not among the agency tables');
      await tx
        .createQueryBuilder()
        .update(Session)
        .set({ revokedAt: new Date(), revokedReason: 'agency_deleted' })
        .where(`${agencyCondition(tx, sessions, null)} AND revokedAt IS NULL`, { agencyId })
        .execute();
      const deleted: Record<string, number> = {};
      for (const table of tables) {
        const result = await tx
          .createQueryBuilder()
          .delete()
          .from(table.metadata.target)
          .where(agencyCondition(tx, table, null), { agencyId })
          .execute();
        deleted[table.table] = result.affected ?? 0;
      }
      await this.audit.record(
        operatorAudit(operator, {
          action: 'platform_admin.agency_deleted',
          agencyId: null,
          targetType: 'agency',
          targetId: agency.id,
          details: { agencyId: agency.id, agencyName: agency.name, agencySlug: agency.slug, rows: deleted },
        }),
        tx,
      );
      return deleted;
    });
    let files = 0;
    for (const prefix of agencyStoragePrefixes(agencyId)) files += await this.storage.deletePrefix(prefix);
    return { agencyId, rows, files };
  }
}
