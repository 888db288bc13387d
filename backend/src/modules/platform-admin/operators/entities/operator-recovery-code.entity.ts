import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, NullableDateColumn, ShortText } from '../../../../core/database/columns';
import { RecordEntity } from '../../../../core/database/base-entities';
import { PlatformOperator } from './platform-operator.entity';

/** One recovery code of an operator, stored as its SHA-256 hash; spent once. */
@Entity('platform_operator_recovery_codes')
@Index('idx_operator_recovery_codes_operator', ['operatorId', 'usedAt'])
export class OperatorRecoveryCode extends RecordEntity {
  @IdColumn()
  operatorId!: string;

  @ManyToOne(() => PlatformOperator, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'operatorId' })
  operator?: PlatformOperator;

  @ShortText(64)
  codeHash!: string;

  @NullableDateColumn()
  usedAt!: Date | null;

  protected override applyDefaults(): void {
    this.usedAt ??= null;
  }
}
