import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { RecipientRole, RecipientStatus, SignatureFont, SignatureMethod } from '@atrium/shared';
import { IdColumn, NullableDateColumn, ShortText } from '../../../core/database/columns';
import { MutableRecordEntity } from '../../../core/database/base-entities';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';
import { Contract } from './contract.entity';

/**
 * One person a contract goes to: a client user of the contract's client, or an agency user who
 * countersigns. Name and email are kept as they were when it was sent (the certificate prints
 * them), and what they did is recorded with the request's IP, user agent and time zone.
 */
@TenantOwned({ client: 'clientId' })
@Entity('contract_recipients')
@Index('idx_contract_recipients_contract', ['contractId', 'step'])
@Index('idx_contract_recipients_user', ['agencyId', 'userId', 'status'])
export class ContractRecipient extends MutableRecordEntity {
  @IdColumn()
  agencyId!: string;

  @IdColumn()
  clientId!: string;

  @IdColumn()
  contractId!: string;

  @ManyToOne(() => Contract, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contractId' })
  contract?: Contract;

  /** Position in the editor's list (fields refer to recipients by it while a draft is saved). */
  @Column({ type: 'int' })
  position!: number;

  /** Null once the person's account is gone; the name and email stay. */
  @IdColumn({ nullable: true })
  userId!: string | null;

  @ShortText(120)
  name!: string;

  @ShortText(254)
  email!: string;

  @ShortText(12)
  role!: RecipientRole;

  @ShortText(8)
  side!: 'client' | 'agency';

  @Column({ type: 'int' })
  step!: number;

  @ShortText(12)
  status!: RecipientStatus;

  @NullableDateColumn()
  sentAt!: Date | null;

  @NullableDateColumn()
  viewedAt!: Date | null;

  /** When they signed, approved or declined. */
  @NullableDateColumn()
  actedAt!: Date | null;

  @ShortText(1000, { nullable: true })
  declineReason!: string | null;

  @ShortText(12, { nullable: true })
  signatureMethod!: SignatureMethod | null;

  @ShortText(120, { nullable: true })
  typedText!: string | null;

  @ShortText(40, { nullable: true })
  signatureFont!: SignatureFont | null;

  @ShortText(300, { nullable: true })
  signatureKey!: string | null;

  @ShortText(300, { nullable: true })
  initialsKey!: string | null;

  @ShortText(64, { nullable: true })
  ip!: string | null;

  @ShortText(500, { nullable: true })
  userAgent!: string | null;

  @ShortText(64, { nullable: true })
  timeZone!: string | null;

  @Column({ type: 'int', default: 0 })
  remindersSent!: number;

  @NullableDateColumn()
  lastRemindedAt!: Date | null;

  protected override applyDefaults(): void {
    this.userId ??= null;
    this.sentAt ??= null;
    this.viewedAt ??= null;
    this.actedAt ??= null;
    this.declineReason ??= null;
    this.signatureMethod ??= null;
    this.typedText ??= null;
    this.signatureFont ??= null;
    this.signatureKey ??= null;
    this.initialsKey ??= null;
    this.ip ??= null;
    this.userAgent ??= null;
    this.timeZone ??= null;
    this.remindersSent ??= 0;
    this.lastRemindedAt ??= null;
  }
}
