import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { Audience } from '@atrium/shared';
import { IdColumn, NullableDateColumn, ShortText } from '../../database/columns';
import { Agency } from './agency.entity';
import { MutableRecordEntity } from '../../database/base-entities';
import { TenantOwned } from '../tenant-owned.decorator';

export type UserStatus = 'active' | 'deactivated';

/**
 * A person who signs in. `kind` fixes the audience for the user's lifetime: an agency user never
 * holds client memberships and a client user never holds an agency membership.
 */
@TenantOwned({ client: null })
@Entity('users')
export class User extends MutableRecordEntity {
  @IdColumn()
  @Index('idx_users_agency')
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agencyId' })
  agency?: Agency;

  @ShortText(16)
  kind!: Audience;

  /** Lower-cased; unique across the installation because it is the sign-in identifier. */
  @ShortText(254)
  @Index('uq_users_email', { unique: true })
  email!: string;

  @ShortText(120)
  name!: string;

  /** argon2id hash; null until the user sets a password (e.g. a pending invitation). */
  @ShortText(255, { nullable: true })
  passwordHash!: string | null;

  @NullableDateColumn()
  emailConfirmedAt!: Date | null;

  @ShortText(16, { default: 'active' })
  status!: UserStatus;

  @ShortText(64, { default: 'UTC' })
  timezone!: string;

  @NullableDateColumn()
  lastLoginAt!: Date | null;

  /** The profile picture (a media asset with purpose `avatar`). */
  @IdColumn({ nullable: true })
  avatarAssetId!: string | null;

  /** An email change waiting for the link sent to the new address. */
  @ShortText(254, { nullable: true })
  pendingEmail!: string | null;

  protected override applyDefaults(): void {
    this.status ??= 'active';
    this.timezone ??= 'UTC';
    this.avatarAssetId ??= null;
    this.pendingEmail ??= null;
  }
}
