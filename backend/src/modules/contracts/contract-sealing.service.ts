import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { Between, IsNull, LessThan, MoreThan } from 'typeorm';
import { WEB_PATHS } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { JobQueue, JOBS } from '../../core/jobs/job-queue';
import { MailService } from '../../core/mail/mail.service';
import { LeaseService } from '../../core/scheduling/lease.service';
import { FileStorage } from '../../core/storage/file-storage';
import { TenantData } from '../../core/tenancy/tenant-data';
import { agencyScope } from '../../core/tenancy/tenant-scope';
import { BrandingService } from '../branding/branding.service';
import { appendContractEvent, chainIsIntact } from './contract-events';
import { contractFileKey, readStored, sha256Hex, store } from './contract-files';
import { ContractFlowService } from './contract-flow.service';
import { ContractMailer } from './contract-mailer';
import { findContract, loadRecord } from './contract-records';
import { ContractEvent } from './entities/contract-event.entity';
import { ContractRecipient } from './entities/contract-recipient.entity';
import { Contract } from './entities/contract.entity';
import { sealContract, stampVoid } from './pdf/seal-contract';
import { loadOrCreateSigningIdentity, type SigningIdentity } from './pdf/signing-identity';

/** A contract still `sealing` this long after completing lost its job: the sweep enqueues it again. */
const STUCK_AFTER_MS = 5 * 60_000;
/** How long a failed seal (or void stamp) is retried by itself before it waits for a person. */
const RETRY_FOR_MS = 24 * 60 * 60_000;

/**
 * The sealed copy (SPEC §2, issue 15): after the last signature a job writes the fields into the
 * PDF, adds the certificate and audit pages and signs the file with the installation's certificate;
 * then everyone gets the completed email. A voided contract gets a stamped copy the same way.
 * Sealing reads only stored bytes and our own values: the uploaded PDF is parsed, never rendered.
 */
@Injectable()
export class ContractSealingService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(ContractSealingService.name);
  private identity: Promise<SigningIdentity> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantData,
    private readonly storage: FileStorage,
    private readonly jobs: JobQueue,
    private readonly leases: LeaseService,
    private readonly flow: ContractFlowService,
    private readonly mailer: ContractMailer,
    private readonly mail: MailService,
    private readonly branding: BrandingService,
  ) {}

  onModuleInit(): void {
    this.jobs.register<{ contractId: string }>(JOBS.sealContract, (job) => this.seal(job.contractId), 1);
  }

  onApplicationBootstrap(): void {
    if (!this.config.runWorkers) return;
    // The self-signed identity is made on first start, not in the middle of someone's signature.
    void this.signingIdentity().catch((error: unknown) =>
      this.logger.error({ msg: 'The document signing certificate could not be loaded', error: String(error) }),
    );
    this.timer = setInterval(() => void this.tick(), this.config.contracts.pollMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  signingIdentity(): Promise<SigningIdentity> {
    this.identity ??= loadOrCreateSigningIdentity({
      p12Path: this.config.contracts.signingP12Path,
      passphrase: this.config.contracts.signingP12Password,
      dataDir: this.config.contracts.signingDir,
      organisation: 'Atrium',
    }).catch((error: unknown) => {
      this.identity = null;
      throw error;
    });
    return this.identity;
  }

  /** One background pass: expiries, reminders, and sealing that lost its job. */
  async tick(now = new Date()): Promise<void> {
    if (
      !(await this.leases
        .tryAcquire('contracts-tick', Math.max(this.config.contracts.pollMs - 100, 100))
        .catch(() => false))
    ) {
      return;
    }
    await this.flow.safely('expiry', () => this.flow.expireDue(now));
    await this.flow.safely('reminder', () => this.flow.remindDue(now));
    await this.flow.safely('sealing sweep', () => this.sweep(now));
  }

  /**
   * Sealing that lost its job is enqueued again; sealing that failed (a time-stamping authority or
   * the storage briefly away) is tried again every few minutes for a day, then waits for the
   * agency's Try again. A voided copy whose stamping failed is made again the same way.
   */
  async sweep(now = new Date()): Promise<number> {
    const contracts = this.tenant
      .unscoped('sealing sweep: completed or voided contracts of every agency whose copy is missing')
      .getRepository(Contract);
    const before = new Date(now.getTime() - STUCK_AFTER_MS);
    const dayAgo = new Date(now.getTime() - RETRY_FOR_MS);
    const stuck = await contracts.find({
      select: { id: true },
      where: { status: 'completed', sealState: 'sealing', completedAt: LessThan(before) },
      take: 20,
    });
    const failed = await contracts.find({
      select: { id: true, agencyId: true },
      where: { status: 'completed', sealState: 'failed', updatedAt: LessThan(before), completedAt: MoreThan(dayAgo) },
      take: 20,
    });
    for (const { id } of stuck) await this.flow.enqueueSealing(id);
    for (const { id, agencyId } of failed) await this.retry(agencyScope(agencyId), id);
    const unstamped = await contracts.find({
      where: { status: 'voided', voidedKey: IsNull(), voidedAt: Between(dayAgo, before) },
      take: 20,
    });
    for (const contract of unstamped) await this.stampVoided(contract);
    return stuck.length + failed.length + unstamped.length;
  }

  /** The job: seal one completed contract (nothing to do for anything else), then send the completed emails. */
  async seal(contractId: string): Promise<void> {
    const found = await this.tenant
      .unscoped('sealing job: the job names only the contract; its agency comes from the row')
      .getRepository(Contract)
      .findOne({ select: { id: true, agencyId: true }, where: { id: contractId } });
    if (!found) return;
    const scope = agencyScope(found.agencyId);
    const contract = await findContract(this.tenant, scope, contractId);
    if (contract.status !== 'completed' || contract.sealState !== 'sealing') return;
    const record = await loadRecord(this.tenant, scope, contract);
    const events = await this.tenant.listOwned(scope, ContractEvent, {
      where: { contractId },
      order: { sequence: 'ASC' },
    });
    const pictures = new Map<string, Buffer>();
    const picture = async (key: string | null) => {
      if (!key) return null;
      if (!pictures.has(key)) pictures.set(key, await readStored(this.storage, key));
      return pictures.get(key) ?? null;
    };
    const byId = new Map(record.recipients.map((r) => [r.id, r]));
    const brand = await this.branding.brandForEmails(contract.agencyId);
    const original = await readStored(this.storage, contract.originalKey);
    try {
      const sealed = await sealContract({
        original,
        contractId,
        title: contract.title,
        brandName: brand.portalName,
        verificationUrl: `${this.config.appUrl}${WEB_PATHS.verifyDocument}`,
        originalSha256: contract.originalSha256,
        completedAt: contract.completedAt ?? new Date(),
        fields: await Promise.all(
          record.fields.map(async (field) => {
            const owner = byId.get(field.recipientId);
            const key =
              field.kind === 'signature' ? owner?.signatureKey : field.kind === 'initials' ? owner?.initialsKey : null;
            return {
              page: field.page,
              x: field.x,
              y: field.y,
              width: field.width,
              height: field.height,
              kind: field.kind,
              value: field.value,
              image: await picture(key ?? null),
            };
          }),
        ),
        recipients: await Promise.all(
          record.recipients.map(async (r) => ({
            name: r.name,
            email: r.email,
            role: r.role,
            step: r.step,
            status: r.status,
            signatureImage: await picture(r.signatureKey),
            method: r.signatureMethod,
            typedText: r.typedText,
            ip: r.ip,
            userAgent: r.userAgent,
            timeZone: r.timeZone,
            sentAt: r.sentAt,
            viewedAt: r.viewedAt,
            actedAt: r.actedAt,
          })),
        ),
        events: events.map((e) => ({
          at: e.createdAt,
          type: e.type,
          actorName: e.actorName ?? e.recipientName,
          detail: e.detail,
          ip: e.ip,
        })),
        eventChainHash: chainIsIntact(events) ? (events[events.length - 1]?.hash ?? null) : null,
        identity: await this.signingIdentity(),
        timestampUrl: this.config.contracts.timestampUrl,
      });
      const finalKey = contractFileKey(contract.agencyId, contractId, 'signed', 'pdf');
      const certificateKey = contractFileKey(contract.agencyId, contractId, 'certificate', 'pdf');
      await store(this.storage, finalKey, sealed.sealed, 'application/pdf');
      await store(this.storage, certificateKey, sealed.certificate, 'application/pdf');
      const finalSha256 = sha256Hex(sealed.sealed);
      const emailIds = await this.tenant.transaction(async (tx) => {
        const locked = await findContract(tx, scope, contractId, { lock: 'update' });
        if (locked.sealState !== 'sealing') return null;
        await tx.updateOwned(
          scope,
          Contract,
          { id: contractId },
          { sealState: 'sealed', finalKey, certificateKey, finalSha256 },
        );
        await appendContractEvent(tx, scope, locked, {
          type: 'sealed',
          detail: `Signed copy sealed (SHA-256 ${finalSha256})`,
        });
        const recipients = await tx.listOwned(scope, ContractRecipient, { where: { contractId } });
        for (const copy of recipients.filter((r) => r.role === 'copy')) {
          await tx.updateOwned(scope, ContractRecipient, { id: copy.id }, { status: 'copied', sentAt: new Date() });
        }
        const targets = recipients.map((r) => ({
          name: r.name,
          email: r.email,
          userId: r.userId,
          side: r.side,
          recipient: r,
        }));
        const followers = await this.flow.followers(tx, locked, recipients);
        return this.mailer.queue(tx, locked, 'completed', [...targets, ...followers]);
      });
      if (emailIds === null) {
        // Sealed twice (a retried job raced the first): keep the stored copy, drop this one.
        await this.storage.delete(finalKey).catch(() => undefined);
        await this.storage.delete(certificateKey).catch(() => undefined);
        return;
      }
      await this.mail.dispatch(emailIds);
    } catch (error) {
      this.logger.error({ msg: 'Sealing a contract failed', contractId, error: String(error) });
      await this.tenant.updateOwned(
        scope,
        Contract,
        { id: contractId, sealState: 'sealing' },
        { sealState: 'failed', updatedAt: new Date() },
      );
      throw error;
    }
  }

  /** Seal again after a failure (the agency asked). */
  async retry(scope: ReturnType<typeof agencyScope>, contractId: string): Promise<void> {
    const changed = await this.tenant.updateOwned(
      scope,
      Contract,
      { id: contractId, status: 'completed', sealState: 'failed' },
      { sealState: 'sealing' },
    );
    if (changed) await this.flow.enqueueSealing(contractId);
  }

  /** The voided copy: the original with every page stamped VOID and the reason, signed. */
  async stampVoided(contract: Contract): Promise<void> {
    const scope = agencyScope(contract.agencyId);
    try {
      const brand = await this.branding.brandForEmails(contract.agencyId);
      const stamped = await stampVoid({
        original: await readStored(this.storage, contract.originalKey),
        title: contract.title,
        brandName: brand.portalName,
        reason: contract.voidReason ?? '',
        voidedAt: contract.voidedAt ?? new Date(),
        identity: await this.signingIdentity(),
        timestampUrl: this.config.contracts.timestampUrl,
      });
      const key = contractFileKey(contract.agencyId, contract.id, 'voided', 'pdf');
      await store(this.storage, key, stamped, 'application/pdf');
      await this.tenant.updateOwned(scope, Contract, { id: contract.id }, { voidedKey: key });
    } catch (error) {
      this.logger.error({ msg: 'Stamping a voided contract failed', contractId: contract.id, error: String(error) });
    }
  }
}
