import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, ShortText } from '../../../core/database/columns';
import { MutableRecordEntity } from '../../../core/database/base-entities';
import { Client } from '../../../core/tenancy/entities/client.entity';
import { TenantOwned } from '../../../core/tenancy/tenant-owned.decorator';

/** Who a client's invoices are made out to; one per client, made when first saved. */
@TenantOwned({ client: 'clientId' })
@Entity('billing_profiles')
export class BillingProfile extends MutableRecordEntity {
  @IdColumn()
  @Index('idx_billing_profiles_agency')
  agencyId!: string;

  @IdColumn()
  @Index('uq_billing_profiles_client', { unique: true })
  clientId!: string;

  @ManyToOne(() => Client, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'clientId' })
  client?: Client;

  @ShortText(200)
  legalName!: string;

  @ShortText(254)
  email!: string;

  @ShortText(200)
  addressLine1!: string;

  @ShortText(200)
  addressLine2!: string;

  @ShortText(120)
  city!: string;

  @ShortText(32)
  postalCode!: string;

  @ShortText(120)
  region!: string;

  /** ISO 3166-1 alpha-2, or ''. */
  @ShortText(2)
  country!: string;

  @ShortText(64)
  taxId!: string;

  @ShortText(3)
  currency!: string;

  @Column({ type: 'int' })
  paymentTermsDays!: number;
}
