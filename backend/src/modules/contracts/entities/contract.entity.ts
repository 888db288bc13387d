import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { ContractStatus } from '@atrium/shared';
import { IdColumn, NullableDateColumn, ShortText } from '../../../core/database/columns';
import { MutableRecordEntity } from '../../../core/database/base-entities';
import { Agency } from '../../../core/tenancy/entities/agency.entity';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';

/** Where the sealed copy stands: made by a job after the last signature. */
export type SealState = 'none' | 'sealing' | 'sealed' | 'failed';

/**
 * A PDF sent to one client's people for signature (SPEC §2 Contracts). Its recipients act in steps
 * (`currentStep`); `status` sums up where it stands for lists. Files live in storage under keys the
 * server made: the upload (`originalKey`), and once complete the sealed copy and its certificate.
 */
@TenantOwned({ client: 'clientId' })
@Entity('contracts')
@Index('idx_contracts_agency_updated', ['agencyId', 'updatedAt'])
@Index('idx_contracts_client_status', ['agencyId', 'clientId', 'status'])
@Index('idx_contracts_final_sha', ['finalSha256'])
export class Contract extends MutableRecordEntity {
  @IdColumn()
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agencyId' })
  agency?: Agency;

  @IdColumn()
  clientId!: string;

  @ShortText(200)
  title!: string;

  @Column({ type: 'text', nullable: true })
  message!: string | null;

  @ShortText(24)
  status!: ContractStatus;

  /** The step whose recipients act now; null while a draft and once final. */
  @Column({ type: 'int', nullable: true })
  currentStep!: number | null;

  @NullableDateColumn()
  expiresAt!: Date | null;

  /** Automatic reminders; null = off. */
  @Column({ type: 'int', nullable: true })
  reminderFirstAfterDays!: number | null;

  @Column({ type: 'int', nullable: true })
  reminderEveryDays!: number | null;

  @Column({ type: 'int', nullable: true })
  reminderMaxCount!: number | null;

  @ShortText(300)
  originalKey!: string;

  @ShortText(64)
  originalSha256!: string;

  @Column({ type: 'int' })
  pageCount!: number;

  /** Page sizes in points as displayed, JSON `[{width,height}]`. */
  @Column({ type: 'text' })
  pageSizes!: string;

  @ShortText(16)
  sealState!: SealState;

  @ShortText(300, { nullable: true })
  finalKey!: string | null;

  /** SHA-256 of the sealed file handed out; the public verification page looks it up. */
  @ShortText(64, { nullable: true })
  finalSha256!: string | null;

  @ShortText(300, { nullable: true })
  certificateKey!: string | null;

  /** The voided copy (each page stamped VOID), made when the contract is voided. */
  @ShortText(300, { nullable: true })
  voidedKey!: string | null;

  @NullableDateColumn()
  sentAt!: Date | null;

  @NullableDateColumn()
  completedAt!: Date | null;

  @NullableDateColumn()
  voidedAt!: Date | null;

  @ShortText(1000, { nullable: true })
  voidReason!: string | null;

  @NullableDateColumn()
  declinedAt!: Date | null;

  @ShortText(1000, { nullable: true })
  declineReason!: string | null;

  @ShortText(120, { nullable: true })
  declinedByName!: string | null;

  @IdColumn({ nullable: true })
  templateId!: string | null;

  @IdColumn({ nullable: true })
  createdByUserId!: string | null;

  protected override applyDefaults(): void {
    this.message ??= null;
    this.currentStep ??= null;
    this.expiresAt ??= null;
    this.reminderFirstAfterDays ??= null;
    this.reminderEveryDays ??= null;
    this.reminderMaxCount ??= null;
    this.sealState ??= 'none';
    this.finalKey ??= null;
    this.finalSha256 ??= null;
    this.certificateKey ??= null;
    this.voidedKey ??= null;
    this.sentAt ??= null;
    this.completedAt ??= null;
    this.voidedAt ??= null;
    this.voidReason ??= null;
    this.declinedAt ??= null;
    this.declineReason ??= null;
    this.declinedByName ??= null;
    this.templateId ??= null;
    this.createdByUserId ??= null;
  }
}
