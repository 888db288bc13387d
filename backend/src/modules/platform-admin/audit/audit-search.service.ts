import { BadRequestException, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditLog } from '../../../core/audit/audit-log.entity';
import { Agency } from '../../../core/tenancy/entities/agency.entity';
import { TenantData } from '../../../core/tenancy/tenant-data';

export interface AuditSearch {
  /** A user id (the entry's actor), or an operator's id or email (named in the entry's details). */
  actor?: string;
  /** An exact action, or a prefix when it ends with a dot (`auth.`). */
  action?: string;
  targetType?: string;
  targetId?: string;
  agencyId?: string;
  from?: Date;
  to?: Date;
  cursor?: string;
  limit: number;
}

export interface AuditEntryView {
  id: string;
  createdAt: Date;
  action: string;
  agencyId: string | null;
  agencyName: string | null;
  actorUserId: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: Record<string, unknown> | null;
}

export interface AuditPage {
  items: AuditEntryView[];
  nextCursor: string | null;
}

/** The audit log across agencies, for operators: filtered, newest first, a page at a time. */
@Injectable()
export class AuditSearchService {
  private readonly db: EntityManager;

  constructor(tenant: TenantData) {
    this.db = tenant.unscoped('platform admin: searches the audit log of every agency for its operator');
  }

  async search(search: AuditSearch): Promise<AuditPage> {
    const query = this.db
      .getRepository(AuditLog)
      .createQueryBuilder('l')
      .leftJoin(Agency, 'a', 'a.id = l.agencyId')
      .select('l')
      .addSelect('a.name', 'agencyName');
    if (search.actor) {
      // The operator's id and email are stored as JSON in `details`: matched as the JSON text they make.
      query.andWhere(
        "(l.actorUserId = :actor OR l.details LIKE :operatorId ESCAPE '!' OR l.details LIKE :operatorEmail ESCAPE '!')",
        {
          actor: search.actor,
          operatorId: `%${likeText(`"operatorId":${JSON.stringify(search.actor)}`)}%`,
          operatorEmail: `%${likeText(`"operatorEmail":${JSON.stringify(search.actor.toLowerCase())}`)}%`,
        },
      );
    }
    if (search.action?.endsWith('.')) {
      query.andWhere("l.action LIKE :action ESCAPE '!'", { action: `${likeText(search.action)}%` });
    } else if (search.action) {
      query.andWhere('l.action = :action', { action: search.action });
    }
    if (search.targetType) query.andWhere('l.targetType = :targetType', { targetType: search.targetType });
    if (search.targetId) query.andWhere('l.targetId = :targetId', { targetId: search.targetId });
    if (search.agencyId) query.andWhere('l.agencyId = :agencyId', { agencyId: search.agencyId });
    if (search.from) query.andWhere('l.createdAt >= :from', { from: search.from });
    if (search.to) query.andWhere('l.createdAt < :to', { to: search.to });
    if (search.cursor) {
      const after = decodeCursor(search.cursor);
      query.andWhere('(l.createdAt < :at OR (l.createdAt = :at AND l.id < :id))', { at: after.at, id: after.id });
    }
    const { entities, raw } = await query
      .orderBy('l.createdAt', 'DESC')
      .addOrderBy('l.id', 'DESC')
      .limit(search.limit + 1)
      .getRawAndEntities<{ agencyName: string | null }>();
    const items = entities.slice(0, search.limit).map((entry, i) => ({
      id: entry.id,
      createdAt: entry.createdAt,
      action: entry.action,
      agencyId: entry.agencyId,
      agencyName: raw[i]?.agencyName ?? null,
      actorUserId: entry.actorUserId,
      targetType: entry.targetType,
      targetId: entry.targetId,
      ip: entry.ip,
      details: entry.details,
    }));
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: entities.length > search.limit && last ? encodeCursor(last.createdAt, last.id) : null,
    };
  }
}

/** `text` for a LIKE pattern with `!` as the escape character: its wildcards match themselves. */
function likeText(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}

function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

/** A cursor from a previous page; anything unreadable is a 400 (it was not one of ours). */
function decodeCursor(text: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (!id || Number.isNaN(date.getTime())) {
    throw new BadRequestException('The cursor is not valid; start again from the first page.');
  }
  return { at: date, id };
}
