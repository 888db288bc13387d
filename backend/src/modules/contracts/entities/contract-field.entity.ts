import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { ContractFieldKind } from '@atrium/shared';
import { IdColumn, NullableDateColumn, ShortText } from '../../../core/database/columns';
import { RecordEntity } from '../../../core/database/base-entities';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';
import { Contract } from './contract.entity';

/**
 * A field on a contract's page for one recipient. Position and size are fractions (0–1) of the
 * displayed page from its top-left corner. Signatures and initials take the recipient's picture;
 * the others keep their value as text.
 */
@TenantOwned({ client: 'clientId' })
@Entity('contract_fields')
@Index('idx_contract_fields_contract', ['contractId', 'page'])
export class ContractField extends RecordEntity {
  @IdColumn()
  agencyId!: string;

  @IdColumn()
  clientId!: string;

  @IdColumn()
  contractId!: string;

  @ManyToOne(() => Contract, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contractId' })
  contract?: Contract;

  @IdColumn()
  recipientId!: string;

  @ShortText(12)
  kind!: ContractFieldKind;

  @Column({ type: 'int' })
  page!: number;

  @Column({ type: 'double' })
  x!: number;

  @Column({ type: 'double' })
  y!: number;

  @Column({ type: 'double' })
  width!: number;

  @Column({ type: 'double' })
  height!: number;

  @Column({ type: 'boolean' })
  required!: boolean;

  @ShortText(120, { nullable: true })
  label!: string | null;

  @ShortText(1000, { nullable: true })
  value!: string | null;

  @NullableDateColumn()
  filledAt!: Date | null;

  protected override applyDefaults(): void {
    this.label ??= null;
    this.value ??= null;
    this.filledAt ??= null;
  }
}
