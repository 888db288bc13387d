import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type {
  EntitySubscriberInterface,
  InsertEvent,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  UpdateEvent,
} from 'typeorm';
import { AuditLog } from '../../../core/audit/audit-log.entity';
import { Session } from '../../../core/tenancy/entities/session.entity';
import { TenantData } from '../../../core/tenancy/tenant-data';

/**
 * Audit actions that never change who may read what, so they re-check nobody's sockets. Anything
 * else (and any action added later) counts as a possible access change: removals, deactivations,
 * role changes, client permission changes and deletions, sign-outs, password changes, accepted
 * invitations, ... A miss here would cost a re-check, never a leak.
 */
const NOT_ACCESS_CHANGES = [
  'auth.login',
  'auth.signup',
  'auth.password_reset_requested',
  'auth.confirmation_resent',
  'auth.email_confirmed',
  'profile.email_change_requested',
  'invitation.sent',
  'invitation.resent',
  'magic_link.issued',
  'magic_link.emailed',
  'portal.viewed_as_client',
  'branding.',
  'media.',
  'post.',
  'contract.',
  'contract_template.',
  'social_account.',
  'connect_link.',
  'messages.',
  'message.',
  'conversation.',
];

export function changesAccess(action: string): boolean {
  return !NOT_ACCESS_CHANGES.some((prefix) => (prefix.endsWith('.') ? action.startsWith(prefix) : action === prefix));
}

export interface AccessChangeListener {
  /** Something about who may read what in these agencies changed (committed). */
  agencies(agencyIds: string[]): void;
  /** Some session(s) were revoked (committed); which ones is read back from the database. */
  sessionsRevoked(): void;
}

interface Pending {
  agencies: Set<string>;
  sessions: boolean;
}

/**
 * Tells the realtime gateway, once the transaction that made them has committed, about writes that
 * may take access away or change it, so open sockets are re-checked without every service having to
 * remember to. Built on what every access change already writes:
 * - an audit entry (AuditService: every removal, deactivation, role or permission change, client
 *   deletion and sign-out is audited with its agency), and
 * - a revoked session (SessionService: logout, sign-out everywhere on a password change or reset,
 *   refresh-token reuse, "access removed"), caught even where no audit entry says so.
 * Writes outside a transaction are signalled at once; rolled-back ones never.
 */
@Injectable()
export class AccessChanges implements EntitySubscriberInterface, OnModuleDestroy {
  private readonly logger = new Logger(AccessChanges.name);
  private readonly pending = new WeakMap<QueryRunner, Pending>();
  private readonly listeners = new Set<AccessChangeListener>();
  private readonly subscribers: EntitySubscriberInterface[];

  constructor(tenant: TenantData) {
    this.subscribers = tenant.unscoped(
      'realtime: watches the audit log and sessions of every agency to re-check open sockets',
    ).connection.subscribers;
    this.subscribers.push(this);
  }

  onModuleDestroy(): void {
    const index = this.subscribers.indexOf(this);
    if (index !== -1) this.subscribers.splice(index, 1);
    this.listeners.clear();
  }

  listen(listener: AccessChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  afterInsert(event: InsertEvent<unknown>): void {
    if (event.metadata.target !== AuditLog) return;
    const entry = event.entity as Partial<AuditLog> | undefined;
    if (!entry?.agencyId || !entry.action || !changesAccess(entry.action)) return;
    this.note(event.queryRunner, (pending) => pending.agencies.add(entry.agencyId as string));
  }

  afterUpdate(event: UpdateEvent<unknown>): void {
    if (event.metadata.target !== Session) return;
    // A query-builder update hands over the values it set: a revocation sets revokedAt.
    const values = event.entity as Partial<Session> | undefined;
    if (!values?.revokedAt) return;
    this.note(event.queryRunner, (pending) => (pending.sessions = true));
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // A savepoint released inside a transaction commits nothing yet.
    if (event.queryRunner.isTransactionActive) return;
    const pending = this.pending.get(event.queryRunner);
    if (!pending) return;
    this.pending.delete(event.queryRunner);
    this.signal(pending);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    // Only the outermost rollback undoes everything; a savepoint's keeps the rest (re-checking then is harmless).
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
  }

  private note(queryRunner: QueryRunner | undefined, add: (pending: Pending) => void): void {
    if (!queryRunner?.isTransactionActive) {
      const pending: Pending = { agencies: new Set(), sessions: false };
      add(pending);
      this.signal(pending);
      return;
    }
    let pending = this.pending.get(queryRunner);
    if (!pending) {
      pending = { agencies: new Set(), sessions: false };
      this.pending.set(queryRunner, pending);
    }
    add(pending);
  }

  private signal(pending: Pending): void {
    for (const listener of this.listeners) {
      try {
        if (pending.agencies.size > 0) listener.agencies([...pending.agencies]);
        if (pending.sessions) listener.sessionsRevoked();
      } catch (error) {
        this.logger.warn({ msg: 'An access change listener failed', error: String(error) });
      }
    }
  }
}
