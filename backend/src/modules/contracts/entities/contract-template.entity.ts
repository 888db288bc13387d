import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, ShortText } from '../../../core/database/columns';
import { MutableRecordEntity } from '../../../core/database/base-entities';
import { Agency } from '../../../core/tenancy/entities/agency.entity';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';

/**
 * A document with its fields laid out, saved to start new contracts from. It belongs to the agency
 * as a whole (no client sees templates); fields name recipient slots (0, 1, …) instead of people.
 */
@TenantOwned({ client: null })
@Entity('contract_templates')
@Index('idx_contract_templates_agency', ['agencyId', 'name'])
export class ContractTemplate extends MutableRecordEntity {
  @IdColumn()
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agencyId' })
  agency?: Agency;

  @ShortText(200)
  name!: string;

  @Column({ type: 'text', nullable: true })
  message!: string | null;

  @ShortText(300)
  fileKey!: string;

  @ShortText(64)
  sha256!: string;

  @Column({ type: 'int' })
  pageCount!: number;

  @Column({ type: 'text' })
  pageSizes!: string;

  /** JSON: the slots (role and step per slot) and the fields (ContractFieldInput with recipientIndex = slot). */
  @Column({ type: 'text' })
  layout!: string;

  @Column({ type: 'int' })
  recipientSlots!: number;

  @IdColumn({ nullable: true })
  createdByUserId!: string | null;

  protected override applyDefaults(): void {
    this.message ??= null;
    this.createdByUserId ??= null;
  }
}
