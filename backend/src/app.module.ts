import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { AuditModule } from './core/audit/audit.module';
import { AccessModule } from './core/auth/access.module';
import { DatabaseModule } from './core/database/database.module';
import { HealthModule } from './core/health/health.module';
import { JobsModule } from './core/jobs/jobs.module';
import { MailModule } from './core/mail/mail.module';
import { MetricsModule } from './core/metrics/metrics.module';
import { RateLimitModule } from './core/rate-limit/rate-limit.module';
import { RedisModule } from './core/redis/redis.module';
import { SchedulingModule } from './core/scheduling/scheduling.module';
import { AgenciesModule } from './modules/agencies/agencies.module';
import { AuthModule } from './modules/auth/auth.module';
import { ClientsModule } from './modules/clients/clients.module';
import { InvitationsModule } from './modules/invitations/invitations.module';
import { MagicLinksModule } from './modules/magic-links/magic-links.module';
import { TeamModule } from './modules/team/team.module';
import { PortalModule } from './modules/portal/portal.module';
import { UsersModule } from './modules/users/users.module';
import { LocalOAuthModule } from './modules/local-oauth/local-oauth.module';
import { LocalPaymentsModule } from './modules/local-payments/local-payments.module';
import { SocialModule } from './modules/social/social.module';
import { PostsModule } from './modules/posts/posts.module';
import { MediaModule } from './modules/media/media.module';
import { BrandingModule } from './modules/branding/branding.module';
import { DomainsModule } from './modules/domains/domains.module';
import { ViewAsModule } from './modules/view-as/view-as.module';
import { ContractsModule } from './modules/contracts/contracts.module';
import { MessagesModule } from './modules/messages/messages.module';
import { BillingModule } from './modules/billing/billing.module';
import { TwoFactorModule } from './modules/two-factor/two-factor.module';
import { PlatformAdminModule } from './modules/platform-admin/platform-admin.module';
import { StorageModule } from './core/storage/storage.module';
import { ENTITIES } from './entities';
import { TenancyModule } from './core/tenancy/tenancy.module';

@Module({})
export class AppModule {
  /** The application for a validated configuration (tests build it with their own). */
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(config, ENTITIES),
        RedisModule.forRoot(config),
        MetricsModule,
        JobsModule.forRoot(config),
        StorageModule.forRoot(config),
        ScheduleModule.forRoot(),
        SchedulingModule,
        TenancyModule,
        AuditModule,
        RateLimitModule,
        MailModule,
        AccessModule,
        HealthModule,
        UsersModule,
        AuthModule,
        AgenciesModule,
        InvitationsModule,
        ClientsModule,
        MagicLinksModule,
        TeamModule,
        PortalModule,
        LocalOAuthModule.register(config),
        LocalPaymentsModule.register(config),
        SocialModule,
        PostsModule,
        MediaModule,
        DomainsModule,
        BrandingModule,
        ViewAsModule,
        ContractsModule,
        MessagesModule,
        BillingModule,
        TwoFactorModule,
        PlatformAdminModule,
      ],
    };
  }
}
