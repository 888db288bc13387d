import type { MessageEmailMode } from '@atrium/shared';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, ShortText } from '../../../core/database/columns';
import { MutableRecordEntity } from '../../../core/database/base-entities';
import { User } from '../../../core/tenancy/entities/user.entity';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';

/** A person's choice of message emails; without a row: `every`. */
@TenantOwned({ client: null })
@Entity('message_email_settings')
export class MessageEmailSetting extends MutableRecordEntity {
  @IdColumn()
  agencyId!: string;

  @IdColumn()
  @Index('idx_message_email_settings_user', { unique: true })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @ShortText(16)
  mode!: MessageEmailMode;

  /** Daily digests: when the last one went out (none twice in a day). */
  @ShortText(10, { nullable: true })
  lastDigestDay!: string | null;

  protected override applyDefaults(): void {
    this.lastDigestDay ??= null;
  }
}
