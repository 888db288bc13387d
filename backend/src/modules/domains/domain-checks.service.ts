import { Inject, Injectable, Logger } from '@nestjs/common';
import { In, IsNull, MoreThanOrEqual, Not } from 'typeorm';
import { challengeRecordName } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditService } from '../../core/audit/audit.service';
import { isUniqueViolation } from '../../core/database/errors';
import { MailService } from '../../core/mail/mail.service';
import { AgencyMembership } from '../../core/tenancy/entities/agency-membership.entity';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { TenantData, type TenantTransaction } from '../../core/tenancy/tenant-data';
import { agencyScope, systemActor } from '../../core/tenancy/tenant-scope';
import { DnsChecker, type DnsFindings } from './dns-checker';
import { DomainEmails, readableTime } from './domain-emails';
import { CustomDomain } from './entities/custom-domain.entity';

/** What a check changes, and the event it is (for the audit log, the owners' email, the claims). */
interface Step {
  patch: Partial<CustomDomain>;
  event: 'proved' | 'failing' | 'released' | null;
}

/** How long the schedule keeps looking for the records of a claim that was never proved. */
export const PENDING_RECHECK_DAYS = 14;

/** Domains looked at side by side during the periodic re-check. */
const RECHECK_CONCURRENCY = 4;

/**
 * A custom domain's life, driven by real DNS answers: pending → verified (the TXT record holds the
 * token) → active (routed here too). A domain whose TXT record disappears is failing: its owners
 * get one email saying what to fix, it keeps serving for the grace period, and then it stops
 * (pending again, its hostname free for whoever proves it next). A DNS lookup that fails changes
 * nothing but the note shown to the agency.
 */
@Injectable()
export class DomainChecksService {
  private readonly logger = new Logger(DomainChecksService.name);
  private readonly emails: DomainEmails;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantData,
    private readonly dns: DnsChecker,
    private readonly mail: MailService,
    private readonly audit: AuditService,
  ) {
    this.emails = new DomainEmails(config.appUrl);
  }

  /**
   * Looks at the domain's records now and moves it along. Returns the domain as it now is, or null
   * when its claim was dropped because another agency proved the hostname first.
   */
  async check(domain: CustomDomain, now = new Date()): Promise<CustomDomain | null> {
    return this.apply(domain, await this.dns.check(domain.hostname, domain.challengeToken), now);
  }

  /**
   * Every agency's domain, as the schedule does it; `now` lets a test stand later in time. A claim
   * never proved is looked at for PENDING_RECHECK_DAYS after it was made; after that only "Check
   * now" looks (an abandoned claim should not cost DNS queries forever).
   */
  async recheckAll(now = new Date()): Promise<number> {
    const claimedSince = new Date(now.getTime() - PENDING_RECHECK_DAYS * 86_400_000);
    const domains = await this.tenant
      .unscoped("custom-domain checks: every agency's domain is looked at on one schedule")
      .getRepository(CustomDomain)
      .find({
        where: [{ status: Not('pending') }, { status: 'pending', createdAt: MoreThanOrEqual(claimedSince) }],
        order: { lastCheckedAt: 'ASC' },
      });
    let next = 0;
    const worker = async () => {
      while (next < domains.length) {
        const domain = domains[next++];
        await this.check(domain, now).catch((error: unknown) =>
          this.logger.warn({ msg: 'Custom domain check failed', domainId: domain.id, error: String(error) }),
        );
      }
    };
    await Promise.all(Array.from({ length: RECHECK_CONCURRENCY }, worker));
    return domains.length;
  }

  private async apply(domain: CustomDomain, found: DnsFindings, now: Date): Promise<CustomDomain | null> {
    const scope = agencyScope(domain.agencyId);
    const step = this.step(domain, found, now);
    if (step.patch.problem) step.patch.problem = clip(step.patch.problem);
    const emailIds: string[] = [];
    try {
      await this.tenant.transaction(async (tx) => {
        // Conditional on the status read: of two checks at once (the schedule and "Check now") one
        // moves the domain, so its owners are emailed once.
        const moved = await tx.updateOwned(scope, CustomDomain, { id: domain.id, status: domain.status }, step.patch);
        if (moved !== 1 || !step.event) return;
        if (step.event === 'proved') {
          await tx
            .unscoped("one agency per hostname: the first to prove it drops other agencies' unproved claims")
            .getRepository(CustomDomain)
            .delete({ hostname: domain.hostname, verifiedHostname: IsNull(), agencyId: Not(domain.agencyId) });
        }
        if (step.event === 'failing') emailIds.push(...(await this.queueOwnerEmails(tx, domain, now)));
        await this.audit.recordFor(
          systemActor(scope),
          { action: `custom_domain.${step.event}`, targetType: 'custom_domain', targetId: domain.id },
          tx,
        );
      });
    } catch (error) {
      if (step.event !== 'proved' || !isUniqueViolation(error)) throw error;
      // Another agency proved this hostname first (its TXT record holds both tokens): this claim goes.
      await this.tenant.deleteOwned(scope, CustomDomain, { id: domain.id });
      return null;
    }
    await this.mail.dispatch(emailIds);
    return this.tenant.findOwnedOrNull(scope, CustomDomain, domain.id);
  }

  /** The next state from what DNS said; pure, so every rule is in one place. */
  private step(domain: CustomDomain, found: DnsFindings, now: Date): Step {
    const patch: Partial<CustomDomain> = { lastCheckedAt: now };
    if (found.routing !== 'unknown') patch.routingFound = found.routing === 'found';
    const routed = patch.routingFound ?? domain.routingFound;
    const record = challengeRecordName(domain.hostname);

    if (found.txt === 'unknown') {
      return {
        patch: { ...patch, problem: 'We could not reach DNS to look at the records just now. We will try again.' },
        event: null,
      };
    }
    if (found.txt === 'found') {
      return {
        patch: {
          ...patch,
          status: routed ? 'active' : 'verified',
          verifiedHostname: domain.hostname,
          verifiedAt: domain.verifiedAt ?? now,
          failingSince: null,
          problem: routed
            ? null
            : `The TXT record proves the domain is yours. Now create the CNAME record pointing to ${this.config.customDomains.cnameTarget} so your clients reach the portal there.`,
        },
        event: domain.verifiedHostname === null ? 'proved' : null,
      };
    }

    const missing =
      found.txt === 'wrong'
        ? `The TXT record ${record} holds another value than the one shown here`
        : `We could not find the TXT record ${record}`;
    if (domain.status === 'pending') {
      return {
        patch: {
          ...patch,
          problem: `${missing}. DNS changes can take a while to show: we look again regularly for ${PENDING_RECHECK_DAYS} days after the domain was added, and whenever you press Check now.`,
        },
        event: null,
      };
    }
    const since = domain.status === 'failing' && domain.failingSince ? domain.failingSince : now;
    const stopsAt = new Date(since.getTime() + this.config.customDomains.graceMs);
    if (now.getTime() >= stopsAt.getTime()) {
      const hours = Math.round(this.config.customDomains.graceMs / 3_600_000);
      return {
        patch: {
          ...patch,
          status: 'pending',
          verifiedHostname: null,
          verifiedAt: null,
          failingSince: null,
          problem: `The TXT record ${record} was missing for more than ${hours} hours, so this domain is no longer used for your portal. Publish the record again, then press Check now.`,
        },
        event: 'released',
      };
    }
    return {
      patch: {
        ...patch,
        status: 'failing',
        failingSince: since,
        problem: `${missing}. Put it back before ${readableTime(stopsAt)}, or this domain stops being used for your portal.`,
      },
      event: domain.status === 'failing' ? null : 'failing',
    };
  }

  private async queueOwnerEmails(tx: TenantTransaction, domain: CustomDomain, now: Date): Promise<string[]> {
    const scope = agencyScope(domain.agencyId);
    const agency = await tx.findOwned(scope, Agency, domain.agencyId);
    const owners = await tx.listOwned(scope, AgencyMembership, { where: { role: 'owner', status: 'active' } });
    if (owners.length === 0) return [];
    const users = await tx.listOwned(scope, User, {
      where: { id: In(owners.map((owner) => owner.userId)), status: 'active' },
    });
    const ids: string[] = [];
    for (const user of users) {
      ids.push(
        await this.mail.queue(tx, {
          to: user.email,
          agencyId: agency.id,
          ...this.emails.recordMissing({
            ownerName: user.name,
            agencyName: agency.name,
            hostname: domain.hostname,
            token: domain.challengeToken,
            stopsServingAt: new Date(now.getTime() + this.config.customDomains.graceMs),
          }),
        }),
      );
    }
    return ids;
  }
}

/** Notes are stored in 255 characters; a very long hostname shortens the note, not the save. */
function clip(text: string): string {
  return text.length <= 255 ? text : `${text.slice(0, 254)}…`;
}
