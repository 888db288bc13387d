import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, NullableDateColumn, ShortText } from '../../../core/database/columns';
import { RecordEntity } from '../../../core/database/base-entities';
import { Agency } from '../../../core/tenancy/entities/agency.entity';
import { User } from '../../../core/tenancy/entities/user.entity';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';

/** One recovery code of a user, stored as its SHA-256 hash; spent once (`usedAt`). */
@TenantOwned({ client: null })
@Entity('two_factor_recovery_codes')
@Index('idx_two_factor_recovery_codes_user', ['userId', 'usedAt'])
export class TwoFactorRecoveryCode extends RecordEntity {
  @IdColumn()
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @IdColumn()
  @Index('idx_two_factor_recovery_codes_agency')
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agencyId' })
  agency?: Agency;

  @ShortText(64)
  codeHash!: string;

  @NullableDateColumn()
  usedAt!: Date | null;

  protected override applyDefaults(): void {
    this.usedAt ??= null;
  }
}
