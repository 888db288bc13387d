import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { ContractEventType } from '@atrium/shared';
import { IdColumn, ShortText } from '../../../core/database/columns';
import { RecordEntity } from '../../../core/database/base-entities';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';
import { Contract } from './contract.entity';

/**
 * The contract's audit trail, append-only: rows are only ever inserted (ContractEvents is the one
 * writer). Each row carries the SHA-256 of the previous row's hash and its own content, so an edit
 * or removal anywhere breaks the chain that the certificate prints.
 */
@TenantOwned({ client: 'clientId' })
@Entity('contract_events')
@Index('idx_contract_events_contract', ['contractId', 'sequence'], { unique: true })
export class ContractEvent extends RecordEntity {
  @IdColumn()
  agencyId!: string;

  @IdColumn()
  clientId!: string;

  /**
   * The trail goes only with its contract: only drafts can be deleted (their one `created` event
   * with them), and agencies when their data is erased. A sent contract is never deleted.
   */
  @IdColumn()
  contractId!: string;

  @ManyToOne(() => Contract, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contractId' })
  contract?: Contract;

  /** 1, 2, 3… per contract; unique, so two writers cannot both append the same link of the chain. */
  @Column({ type: 'int' })
  sequence!: number;

  @ShortText(24)
  type!: ContractEventType;

  @IdColumn({ nullable: true })
  recipientId!: string | null;

  @ShortText(120, { nullable: true })
  recipientName!: string | null;

  @IdColumn({ nullable: true })
  actorUserId!: string | null;

  @ShortText(120, { nullable: true })
  actorName!: string | null;

  @ShortText(500, { nullable: true })
  detail!: string | null;

  @ShortText(64, { nullable: true })
  ip!: string | null;

  @ShortText(500, { nullable: true })
  userAgent!: string | null;

  @ShortText(64)
  hash!: string;

  protected override applyDefaults(): void {
    this.recipientId ??= null;
    this.recipientName ??= null;
    this.actorUserId ??= null;
    this.actorName ??= null;
    this.detail ??= null;
    this.ip ??= null;
    this.userAgent ??= null;
  }
}
