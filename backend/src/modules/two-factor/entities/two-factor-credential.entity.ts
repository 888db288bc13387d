import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, NullableDateColumn } from '../../../core/database/columns';
import { MutableRecordEntity } from '../../../core/database/base-entities';
import { Agency } from '../../../core/tenancy/entities/agency.entity';
import { User } from '../../../core/tenancy/entities/user.entity';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';

/**
 * A user's TOTP second factor. Made (with `enabledAt` null) when setup starts, enabled once the
 * first code from the app has been checked; one per user.
 */
@TenantOwned({ client: null })
@Entity('two_factor_credentials')
export class TwoFactorCredential extends MutableRecordEntity {
  @IdColumn()
  @Index('uq_two_factor_credentials_user', { unique: true })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @IdColumn()
  @Index('idx_two_factor_credentials_agency')
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agencyId' })
  agency?: Agency;

  /** The base32 secret, sealed by SecretBox with context `two_factor:<userId>`. */
  @Column({ type: 'text' })
  secretSealed!: string;

  /** Null while setup waits for its first code. */
  @NullableDateColumn()
  enabledAt!: Date | null;

  /** The last accepted code's time step: a code of this step or older is refused (no replay). */
  @Column({ type: 'int', nullable: true })
  lastUsedTimeStep!: number | null;

  protected override applyDefaults(): void {
    this.enabledAt ??= null;
    this.lastUsedTimeStep ??= null;
  }
}
