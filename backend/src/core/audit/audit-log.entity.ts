import { Column, Entity, Index } from 'typeorm';
import { IdColumn, ShortText } from '../database/columns';
import { RecordEntity } from '../database/base-entities';

/** Who did what to which target, when and from where. Append-only. */
@Entity('audit_logs')
@Index('idx_audit_logs_agency_created', ['agencyId', 'createdAt'])
export class AuditLog extends RecordEntity {
  @IdColumn({ nullable: true })
  agencyId!: string | null;

  @IdColumn({ nullable: true })
  @Index('idx_audit_logs_actor')
  actorUserId!: string | null;

  @ShortText(64)
  action!: string;

  @ShortText(32, { nullable: true })
  targetType!: string | null;

  @ShortText(36, { nullable: true })
  targetId!: string | null;

  @ShortText(64, { nullable: true })
  ip!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  details!: Record<string, unknown> | null;
}
