import { BeforeInsert, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { ClientRole } from '@atrium/shared';
import { DateColumn, IdColumn, newId, ShortText } from '../../../core/database/columns';
import { User } from '../../users/entities/user.entity';
import type { MembershipStatus } from '../../users/entities/agency-membership.entity';
import { Client } from './client.entity';

@Entity('client_memberships')
@Index('uq_client_memberships_client_user', ['clientId', 'userId'], { unique: true })
export class ClientMembership {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** Denormalised from the client so tenant-scoped queries need no join. */
  @IdColumn()
  agencyId!: string;

  @IdColumn()
  clientId!: string;

  @ManyToOne(() => Client, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'clientId' })
  client?: Client;

  @IdColumn()
  @Index('idx_client_memberships_user')
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @ShortText(16)
  role!: ClientRole;

  @ShortText(16, { default: 'active' })
  status!: MembershipStatus;

  @DateColumn()
  createdAt!: Date;

  @BeforeInsert()
  protected beforeInsert(): void {
    this.id ??= newId();
    this.createdAt ??= new Date();
    this.status ??= 'active';
  }
}
