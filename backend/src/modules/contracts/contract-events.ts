import { createHash } from 'node:crypto';
import type { ContractEventType, ContractEventView } from '@atrium/shared';
import type { RequestMeta } from '../../core/auth/request-context';
import type { TenantDataAccess } from '../../core/tenancy/tenant-data';
import type { TenantScope } from '../../core/tenancy/tenant-scope';
import { ContractEvent } from './entities/contract-event.entity';
import type { Contract } from './entities/contract.entity';

/** What happened, by whom, from where. */
export interface ContractEventInput {
  type: ContractEventType;
  recipientId?: string | null;
  recipientName?: string | null;
  actorUserId?: string | null;
  actorName?: string | null;
  detail?: string | null;
  meta?: RequestMeta | null;
  at?: Date;
}

/** The hash the chain starts from (no previous event). */
const CHAIN_START = '0'.repeat(64);

/**
 * Appends one event to a contract's trail, linked to the one before by hash. Callers hold the
 * contract's row lock (every change of a contract does), so the sequence read here is the last;
 * the unique (contractId, sequence) index refuses a second writer that did not.
 */
export async function appendContractEvent(
  tx: TenantDataAccess,
  scope: TenantScope,
  contract: Pick<Contract, 'id' | 'clientId'>,
  input: ContractEventInput,
): Promise<ContractEvent> {
  const [last] = await tx.listOwned(scope, ContractEvent, {
    where: { contractId: contract.id },
    order: { sequence: 'DESC' },
    take: 1,
    select: { sequence: true, hash: true },
  });
  const values = {
    contractId: contract.id,
    clientId: contract.clientId,
    sequence: (last?.sequence ?? 0) + 1,
    type: input.type,
    recipientId: input.recipientId ?? null,
    recipientName: input.recipientName?.slice(0, 120) ?? null,
    actorUserId: input.actorUserId ?? null,
    actorName: input.actorName?.slice(0, 120) ?? null,
    detail: input.detail?.slice(0, 500) ?? null,
    ip: input.meta?.ip?.slice(0, 64) ?? null,
    userAgent: input.meta?.userAgent?.slice(0, 500) ?? null,
    createdAt: input.at ?? new Date(),
  };
  return tx.insertOwned(scope, ContractEvent, {
    ...values,
    hash: chainHash(last?.hash ?? CHAIN_START, values),
  });
}

/** The link of the chain: SHA-256 over the previous hash and this event's content. */
export function chainHash(
  previous: string,
  event: Pick<
    ContractEvent,
    | 'contractId'
    | 'sequence'
    | 'type'
    | 'recipientId'
    | 'actorUserId'
    | 'actorName'
    | 'detail'
    | 'ip'
    | 'userAgent'
    | 'createdAt'
  >,
): string {
  const content = JSON.stringify([
    event.contractId,
    event.sequence,
    event.type,
    event.recipientId,
    event.actorUserId,
    event.actorName,
    event.detail,
    event.ip,
    event.userAgent,
    event.createdAt.toISOString(),
  ]);
  return createHash('sha256').update(previous).update(content).digest('hex');
}

/** Whether every event's hash follows from those before it (events in sequence order). */
export function chainIsIntact(events: readonly ContractEvent[]): boolean {
  let previous = CHAIN_START;
  for (const [index, event] of events.entries()) {
    if (event.sequence !== index + 1 || chainHash(previous, event) !== event.hash) return false;
    previous = event.hash;
  }
  return true;
}

export function eventView(event: ContractEvent, withMeta: boolean): ContractEventView {
  return {
    id: event.id,
    type: event.type,
    at: event.createdAt.toISOString(),
    actorName: event.actorName,
    recipientName: event.recipientName,
    detail: event.detail,
    ip: withMeta ? event.ip : null,
    userAgent: withMeta ? event.userAgent : null,
  };
}
