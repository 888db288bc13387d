import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { DateColumn, IdColumn, NullableDateColumn, ShortText } from '../../../../core/database/columns';
import { RecordEntity } from '../../../../core/database/base-entities';
import { PlatformOperator } from './platform-operator.entity';

/**
 * An operator's signed-in API client, opened only after password and TOTP. Its bearer tokens carry
 * the admin audience, which no agency or portal route accepts (and the reverse).
 */
@Entity('operator_sessions')
export class OperatorSession extends RecordEntity {
  @IdColumn()
  @Index('idx_operator_sessions_operator')
  operatorId!: string;

  @ManyToOne(() => PlatformOperator, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'operatorId' })
  operator?: PlatformOperator;

  @DateColumn()
  expiresAt!: Date;

  @NullableDateColumn()
  revokedAt!: Date | null;

  @ShortText(64, { nullable: true })
  ip!: string | null;

  @ShortText(255, { nullable: true })
  userAgent!: string | null;

  protected override applyDefaults(): void {
    this.revokedAt ??= null;
    this.ip ??= null;
    this.userAgent ??= null;
  }
}
