import { Entity } from 'typeorm';
import { ShortText } from '../../database/columns';
import { MutableRecordEntity } from '../../database/base-entities';
import { TenantOwned } from '../tenant-owned.decorator';

export type AgencyStatus = 'active' | 'suspended';

/** The tenant. Every piece of agency data hangs off an agency id. */
@TenantOwned({ agency: 'id', client: null })
@Entity('agencies')
export class Agency extends MutableRecordEntity {
  @ShortText(120)
  name!: string;

  @ShortText(32)
  plan!: string;

  @ShortText(16, { default: 'active' })
  status!: AgencyStatus;
}
