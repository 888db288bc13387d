import { Entity } from 'typeorm';
import { ShortText } from '../../../core/database/columns';
import { MutableRecordEntity } from '../../../core/database/base-entities';

export type AgencyStatus = 'active' | 'suspended';

/** The tenant. Every piece of agency data hangs off an agency id. */
@Entity('agencies')
export class Agency extends MutableRecordEntity {
  @ShortText(120)
  name!: string;

  @ShortText(32)
  plan!: string;

  @ShortText(16, { default: 'active' })
  status!: AgencyStatus;
}
