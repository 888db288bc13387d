import { Global, Module } from '@nestjs/common';
import { OperatorAuthenticator } from '../../core/auth/operator-authenticator';
import { SecretBox } from '../../core/crypto/secret-box';
import { AuthModule } from '../auth/auth.module';
import { AdminAgenciesController } from './agencies/admin-agencies.controller';
import { AdminAgenciesService } from './agencies/admin-agencies.service';
import { AuditSearchController } from './audit/audit-search.controller';
import { AuditSearchService } from './audit/audit-search.service';
import { AgencyDataController } from './agency-data/agency-data.controller';
import { AgencyDeletionService } from './agency-data/agency-deletion.service';
import { AgencyExportService } from './agency-data/agency-export.service';
import { OperatorAuthController } from './auth/operator-auth.controller';
import { OperatorSessionAuthenticator } from './auth/operator-session-authenticator.service';
import { OperatorSignInService } from './auth/operator-sign-in.service';
import { OperatorTokens } from './auth/operator-tokens';
import { OperatorAccounts } from './operators/operator-accounts.service';
import { OutboxAdminService } from './queues/outbox-admin.service';
import { OutboxController } from './queues/outbox.controller';
import { QueueAdminService } from './queues/queue-admin.service';
import { QueuesController } from './queues/queues.controller';

/**
 * The platform operators' API (`/api/v1/admin`). Global only to hand the access guard its
 * OperatorAuthenticator: core never imports this feature.
 */
@Global()
@Module({
  imports: [AuthModule],
  controllers: [
    OperatorAuthController,
    AdminAgenciesController,
    AgencyDataController,
    QueuesController,
    OutboxController,
    AuditSearchController,
  ],
  providers: [
    SecretBox,
    OperatorTokens,
    OperatorAccounts,
    OperatorSignInService,
    AdminAgenciesService,
    AgencyExportService,
    AgencyDeletionService,
    QueueAdminService,
    OutboxAdminService,
    AuditSearchService,
    { provide: OperatorAuthenticator, useClass: OperatorSessionAuthenticator },
  ],
  exports: [OperatorAuthenticator],
})
export class PlatformAdminModule {}
