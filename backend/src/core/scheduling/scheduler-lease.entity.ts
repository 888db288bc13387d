import { Entity, PrimaryColumn } from 'typeorm';
import { DateColumn, ShortText } from '../database/columns';

/**
 * A named lease: among several backend instances, only the holder of an unexpired lease runs a
 * scheduled task, so schedules fire once per period however many instances run.
 */
@Entity('scheduler_leases')
export class SchedulerLease {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @ShortText(64)
  holder!: string;

  @DateColumn()
  leasedUntil!: Date;
}
