import { BeforeInsert, BeforeUpdate, PrimaryColumn } from 'typeorm';
import { DateColumn, newId } from './columns';

/**
 * What every table has: a UUID made by the application and a creation time set by it (not by a
 * database default, so MySQL/MariaDB and SQLite store the same values). Subclasses put their own
 * insert-time defaults in `applyDefaults`.
 */
export abstract class RecordEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @DateColumn()
  createdAt!: Date;

  @BeforeInsert()
  protected beforeInsert(): void {
    this.id ??= newId();
    this.createdAt ??= new Date();
    this.applyDefaults();
  }

  protected applyDefaults(): void {
    // Nothing by default.
  }
}

/** A record that changes over its life and remembers when it last did. */
export abstract class MutableRecordEntity extends RecordEntity {
  @DateColumn()
  updatedAt!: Date;

  protected override beforeInsert(): void {
    super.beforeInsert();
    this.updatedAt ??= this.createdAt;
  }

  @BeforeUpdate()
  protected beforeUpdate(): void {
    this.updatedAt = new Date();
  }
}
