import { Column, Entity, Index } from 'typeorm';
import { DateColumn, IdColumn, NullableDateColumn, ShortText } from '../../../core/database/columns';
import { RecordEntity } from '../../../core/database/base-entities';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';

/**
 * A Client Connect Link: whoever holds it can connect accounts that land on the client, without
 * an Atrium login, until it expires or is revoked. Looked up by the token's hash; the token itself
 * is also kept sealed so the agency can copy the link again.
 */
@TenantOwned({ client: 'clientId' })
@Entity('connect_links')
export class ConnectLink extends RecordEntity {
  @IdColumn()
  agencyId!: string;

  @IdColumn()
  @Index('idx_connect_links_client')
  clientId!: string;

  @ShortText(64)
  @Index('uq_connect_links_token', { unique: true })
  tokenHash!: string;

  @Column({ type: 'text' })
  tokenSealed!: string;

  @IdColumn({ nullable: true })
  createdByUserId!: string | null;

  @DateColumn()
  expiresAt!: Date;

  @NullableDateColumn()
  revokedAt!: Date | null;

  protected override applyDefaults(): void {
    this.revokedAt ??= null;
  }
}
