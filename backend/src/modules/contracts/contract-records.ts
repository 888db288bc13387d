import { In } from 'typeorm';
import { Client } from '../../core/tenancy/entities/client.entity';
import type { TenantDataAccess } from '../../core/tenancy/tenant-data';
import type { TenantScope } from '../../core/tenancy/tenant-scope';
import { ContractField } from './entities/contract-field.entity';
import { ContractRecipient } from './entities/contract-recipient.entity';
import { Contract } from './entities/contract.entity';

/** A contract with everything its views and its flow need, read in the scope. */
export interface ContractRecord {
  contract: Contract;
  recipients: ContractRecipient[];
  fields: ContractField[];
  clientName: string;
}

/** The scope's contract (locked for the transaction when asked), or 404 like an unknown id. */
export function findContract(
  tx: TenantDataAccess,
  scope: TenantScope,
  contractId: string,
  options: { lock?: 'update' } = {},
): Promise<Contract> {
  return tx.findOwned(scope, Contract, contractId, { lock: options.lock, notFound: 'Contract not found' });
}

export async function loadRecord(
  tx: TenantDataAccess,
  scope: TenantScope,
  contract: Contract,
): Promise<ContractRecord> {
  const [recipients, fields, client] = await Promise.all([
    tx.listOwned(scope, ContractRecipient, { where: { contractId: contract.id }, order: { position: 'ASC' } }),
    tx.listOwned(scope, ContractField, { where: { contractId: contract.id }, order: { page: 'ASC', y: 'ASC' } }),
    tx.findOwnedOrNull(scope, Client, contract.clientId),
  ]);
  return { contract, recipients, fields, clientName: client?.name ?? 'Deleted client' };
}

/** Recipients of many contracts, by contract id, in one query. */
export async function recipientsByContract(
  tx: TenantDataAccess,
  scope: TenantScope,
  contractIds: readonly string[],
): Promise<Map<string, ContractRecipient[]>> {
  const byContract = new Map<string, ContractRecipient[]>();
  if (contractIds.length === 0) return byContract;
  const rows = await tx.listOwned(scope, ContractRecipient, {
    where: { contractId: In([...contractIds]) },
    order: { position: 'ASC' },
  });
  for (const row of rows) byContract.set(row.contractId, [...(byContract.get(row.contractId) ?? []), row]);
  return byContract;
}

/** Client names by id (deleted clients included: their contracts stay readable). */
export async function clientNames(
  tx: TenantDataAccess,
  scope: TenantScope,
  clientIds: readonly string[],
): Promise<Map<string, string>> {
  if (clientIds.length === 0) return new Map();
  const clients = await tx.listOwned(scope, Client, {
    where: { id: In([...new Set(clientIds)]) },
    select: { id: true, name: true },
  });
  return new Map(clients.map((client) => [client.id, client.name]));
}
