import { Module } from '@nestjs/common';
import { CustomDomainController } from './custom-domain.controller';
import { CustomDomainsService } from './custom-domains.service';
import { DnsChecker } from './dns-checker';
import { DomainChecksService } from './domain-checks.service';
import { DomainRecheckScheduler } from './domain-recheck.scheduler';
import { PortalAddressService } from './portal-address.service';
import { PortalHostsService } from './portal-hosts.service';
import { TlsAskController } from './tls-ask.controller';

/**
 * Custom domains of agencies: claiming and verifying them against real DNS, the periodic re-check,
 * which portal a request's host is, the TLS proxy's question, and the portal address built from them.
 */
@Module({
  controllers: [CustomDomainController, TlsAskController],
  providers: [
    PortalAddressService,
    PortalHostsService,
    CustomDomainsService,
    DnsChecker,
    DomainChecksService,
    DomainRecheckScheduler,
  ],
  exports: [PortalAddressService, PortalHostsService],
})
export class DomainsModule {}
