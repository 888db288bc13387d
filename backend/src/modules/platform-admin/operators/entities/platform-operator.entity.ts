import { Column, Entity, Index } from 'typeorm';
import { NullableDateColumn, ShortText } from '../../../../core/database/columns';
import { MutableRecordEntity } from '../../../../core/database/base-entities';

/**
 * A platform operator: runs the installation through `/api/v1/admin`. Belongs to no agency, is
 * made and removed only by the CLI (`cli.js platform-admin add|remove EMAIL`), and must use TOTP.
 */
@Entity('platform_operators')
export class PlatformOperator extends MutableRecordEntity {
  /** Lower-cased; unique among operators (an agency or client user may have the same address). */
  @ShortText(254)
  @Index('uq_platform_operators_email', { unique: true })
  email!: string;

  @ShortText(120)
  name!: string;

  /** argon2id hash. */
  @ShortText(255)
  passwordHash!: string;

  /** The base32 TOTP secret, sealed by SecretBox with context `platform_operator:<id>:totp`. */
  @Column({ type: 'text', nullable: true })
  totpSecretSealed!: string | null;

  /** Null until the operator's first code has been checked: admin routes need it set. */
  @NullableDateColumn()
  totpEnabledAt!: Date | null;

  @Column({ type: 'int', nullable: true })
  totpLastUsedTimeStep!: number | null;

  @NullableDateColumn()
  lastLoginAt!: Date | null;

  protected override applyDefaults(): void {
    this.totpSecretSealed ??= null;
    this.totpEnabledAt ??= null;
    this.totpLastUsedTimeStep ??= null;
    this.lastLoginAt ??= null;
  }
}
