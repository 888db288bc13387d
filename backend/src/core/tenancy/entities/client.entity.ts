import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { ClientPermission } from '@atrium/shared';
import { IdColumn, NullableDateColumn, ShortText } from '../../database/columns';
import { Agency } from './agency.entity';
import { MutableRecordEntity } from '../../database/base-entities';
import { TenantOwned } from '../tenant-owned.decorator';

/** One of the agency's clients; its people see the portal scoped to it. */
@TenantOwned({ client: 'id' })
@Entity('clients')
export class Client extends MutableRecordEntity {
  @IdColumn()
  @Index('idx_clients_agency')
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agencyId' })
  agency?: Agency;

  @ShortText(120)
  name!: string;

  /**
   * Client-level permissions the agency enabled (SPEC §4). May hold a name the product no longer
   * offers (written before a migration cleared it): readers go through the current catalogue
   * (effectiveClientPermissions, isClientPermission).
   */
  @Column({ type: 'simple-json' })
  permissions!: ClientPermission[];

  /** Set when the agency deletes the client; its users are refused from then on. */
  @NullableDateColumn()
  deletedAt!: Date | null;

  protected override applyDefaults(): void {
    this.deletedAt ??= null;
  }
}
