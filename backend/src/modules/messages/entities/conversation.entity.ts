import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, NullableDateColumn } from '../../../core/database/columns';
import { MutableRecordEntity } from '../../../core/database/base-entities';
import { Client } from '../../../core/tenancy/entities/client.entity';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';

/**
 * The one conversation between a client's people and the agency, made the first time either side
 * opens it. It hands out the counters of its messages (see MessageView): `lastSeq` for each new
 * message, `lastChange` for every write, edit or deletion, both taken under this row's lock.
 */
@TenantOwned({ client: 'clientId' })
@Entity('conversations')
@Index('idx_conversations_agency_last', ['agencyId', 'lastMessageAt'])
export class Conversation extends MutableRecordEntity {
  @IdColumn()
  agencyId!: string;

  @IdColumn()
  @Index('idx_conversations_client', { unique: true })
  clientId!: string;

  @ManyToOne(() => Client, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'clientId' })
  client?: Client;

  /** The agency person looking after it; null = nobody in particular. */
  @IdColumn({ nullable: true })
  assigneeUserId!: string | null;

  @Column({ type: 'int', default: 0 })
  lastSeq!: number;

  @Column({ type: 'int', default: 0 })
  lastChange!: number;

  /** When the latest message (not note) was written; null while there is none. */
  @NullableDateColumn()
  lastMessageAt!: Date | null;

  protected override applyDefaults(): void {
    this.assigneeUserId ??= null;
    this.lastSeq ??= 0;
    this.lastChange ??= 0;
    this.lastMessageAt ??= null;
  }
}
