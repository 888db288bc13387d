import { Injectable } from '@nestjs/common';
import { isClientPermission } from '@atrium/shared';
import { TenantData } from '../../core/tenancy/tenant-data';
import type { TenantScope } from '../../core/tenancy/tenant-scope';

/** Whether a client's people may sign in the portal: the client has `contracts.sign` on. */
@Injectable()
export class ClientsAccess {
  constructor(private readonly tenant: TenantData) {}

  async allowsSigning(scope: TenantScope, clientId: string): Promise<boolean> {
    const client = await this.tenant.liveClient(scope, clientId);
    return client.permissions.filter(isClientPermission).includes('contracts.sign');
  }
}
