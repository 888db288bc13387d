import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { IsNull, LessThan } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditService } from '../../core/audit/audit.service';
import { JobQueue, JOBS } from '../../core/jobs/job-queue';
import { TenantData } from '../../core/tenancy/tenant-data';
import { agencyScope, systemActor, type TenantScope } from '../../core/tenancy/tenant-scope';
import type { SocialAccount } from '../social/entities/social-account.entity';
import { ProviderError, type PublishMedia } from '../social/providers/provider-adapter';
import { FileUrlSigner } from '../media/file-url-signer';
import { ProviderRegistry } from '../social/providers/provider-registry';
import { SocialAccountsService, type UsableCredentials } from '../social/social-accounts.service';
import { AttachedMedia } from './attached-media';
import { PostApprovalService } from './post-approval.service';
import { Post } from './entities/post.entity';
import { EXTERNAL_URL_MAX_LENGTH, PostTarget } from './entities/post-target.entity';
import { lockPosts, refreshPostStatuses } from './post-status';

interface PublishJob {
  targetId: string;
  claimToken: string;
}

const CLAIM_BATCH = 200;
/** A claimed target whose job never started (lost with Redis, a crash) is re-enqueued after this. */
const QUEUED_STALE_MS = 2 * 60_000;
/** A target stuck in `sending` means the worker died during the platform call. */
const SENDING_STALE_MS = 5 * 60_000;
const MAX_ATTEMPTS = 4;
const RETRY_BASE_MS = 30_000;

/**
 * Publishes due posts, exactly once per account even with several instances and redelivered jobs:
 *
 *   pending ──(scheduler claims: conditional UPDATE + claim token)──▶ queued ──(job presents the
 *   token: conditional UPDATE)──▶ sending ──▶ published | failed | pending (retry later)
 *
 * Only one UPDATE can win each arrow, so only one worker ever calls the platform for a target.
 * A worker that dies while sending leaves the outcome unknown: platforms that honour idempotency
 * keys are retried with the same key; for the others the post fails with an explanation rather
 * than risking a duplicate.
 *
 * The scheduler finds due and stalled work of every agency (the only unscoped reads here); each
 * target then continues within its own agency's scope.
 */
@Injectable()
export class PublisherService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PublisherService.name);
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantData,
    private readonly jobs: JobQueue,
    private readonly registry: ProviderRegistry,
    private readonly accounts: SocialAccountsService,
    private readonly audit: AuditService,
    private readonly attached: AttachedMedia,
    private readonly signer: FileUrlSigner,
    private readonly approvals: PostApprovalService,
  ) {}

  onModuleInit(): void {
    this.jobs.register<PublishJob>(
      JOBS.publishPostTarget,
      (job) => this.publishTarget(job.targetId, job.claimToken),
      4,
    );
  }

  onApplicationBootstrap(): void {
    if (!this.config.runWorkers) return;
    this.timer = setInterval(() => void this.tick(), this.config.publishPollMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * One scheduler pass: recover stalled work, claim and enqueue what is due, and tell the agency
   * about posts whose time came while they wait for the client's approval.
   */
  async tick(now = new Date()): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      await this.recoverStalled(now);
      await this.claimDue(now);
      await this.approvals.notifyOverdue(now);
    } catch (error) {
      this.logger.warn({ msg: 'Publish scheduler pass failed', error: String(error) });
    } finally {
      this.ticking = false;
    }
  }

  /** Claims due targets (each by a conditional UPDATE that only one instance can win) and enqueues them. */
  async claimDue(now = new Date()): Promise<number> {
    const due = await this.tenant
      .unscoped('scheduler: due posts of every agency')
      .getRepository(PostTarget)
      .createQueryBuilder('t')
      .select(['t.id', 't.postId', 't.agencyId'])
      .where('t.state = :state', { state: 'pending' })
      // A suspended agency's posts wait, and go on the first pass after it is restored.
      .andWhere(`EXISTS (SELECT 1 FROM agencies ag WHERE ag.id = t.agencyId AND ag.status = 'active')`)
      .andWhere('t.scheduledAt <= :now', { now })
      .andWhere('(t.nextAttemptAt IS NULL OR t.nextAttemptAt <= :now)', { now })
      .orderBy('t.scheduledAt', 'ASC')
      .take(CLAIM_BATCH)
      .getMany();
    let claimed = 0;
    for (const target of due) {
      const scope = agencyScope(target.agencyId);
      const claimToken = randomUUID();
      const won = await this.tenant.transaction(async (tx) => {
        await lockPosts(tx, scope, [target.postId]);
        const update = await tx.updateOwned(
          scope,
          PostTarget,
          { id: target.id, state: 'pending' },
          { state: 'queued', claimToken, claimedAt: now },
        );
        if (update !== 1) return false;
        await refreshPostStatuses(tx, scope, [target.postId]);
        return true;
      });
      if (won) {
        claimed++;
        await this.enqueue({ targetId: target.id, claimToken }, now);
      }
    }
    return claimed;
  }

  async recoverStalled(now = new Date()): Promise<void> {
    const lost = await this.tenant
      .unscoped('scheduler: claimed publish jobs of every agency that never started')
      .getRepository(PostTarget)
      .findBy({
        state: 'queued',
        claimedAt: LessThan(new Date(now.getTime() - QUEUED_STALE_MS)),
      });
    for (const target of lost) {
      if (target.claimToken) await this.enqueue({ targetId: target.id, claimToken: target.claimToken }, now);
    }
    const interrupted = await this.tenant
      .unscoped('scheduler: publishes of every agency interrupted while sending')
      .getRepository(PostTarget)
      .findBy({
        state: 'sending',
        claimedAt: LessThan(new Date(now.getTime() - SENDING_STALE_MS)),
      });
    for (const target of interrupted) {
      const scope = agencyScope(target.agencyId);
      const [account] = await this.accounts.byIds(scope, [target.socialAccountId]);
      const adapter = account ? this.registry.find(account.provider) : null;
      if (adapter?.idempotentPublish && target.attempts < MAX_ATTEMPTS) {
        const claimToken = randomUUID();
        const again = await this.tenant.updateOwned(
          scope,
          PostTarget,
          { id: target.id, state: 'sending', claimToken: target.claimToken ?? IsNull() },
          { state: 'queued', claimToken, claimedAt: now },
        );
        if (again === 1) await this.enqueue({ targetId: target.id, claimToken }, now);
      } else {
        await this.finish(scope, target, {
          state: 'failed',
          failureReason:
            'Publishing was interrupted and the platform may or may not have received the post. Check the account, then reschedule if it is missing.',
        });
      }
    }
  }

  /** The job: start sending only with the claim token (a redelivered job finds nothing to do). */
  async publishTarget(targetId: string, claimToken: string): Promise<void> {
    const claimed = await this.tenant
      .unscoped('publish job: the target its claim token names, which yields the agency')
      .getRepository(PostTarget)
      .findOneBy({ id: targetId, state: 'queued', claimToken });
    if (!claimed) return;
    const scope = agencyScope(claimed.agencyId);
    const started = await this.tenant.updateOwned(
      scope,
      PostTarget,
      { id: targetId, state: 'queued', claimToken },
      { state: 'sending', claimedAt: new Date(), attempts: () => 'attempts + 1' },
    );
    if (started !== 1) return;
    const target = await this.tenant.findOwned(scope, PostTarget, targetId);
    const post = await this.tenant.findOwned(scope, Post, target.postId);
    const [account] = await this.accounts.byIds(scope, [target.socialAccountId]);

    const refusal = !account
      ? 'The account no longer exists.'
      : account.status === 'disconnected'
        ? 'The account was disconnected before the post went out.'
        : account.clientId !== target.clientId
          ? 'The account is no longer assigned to this client.'
          : account.status === 'needs_reconnect'
            ? `${account.displayName} needs to be reconnected: ${account.problem ?? 'the platform refused its connection'}`
            : null;
    const adapter = account ? this.registry.find(account.provider) : null;
    if (refusal || !account || !adapter) {
      await this.finish(scope, target, {
        state: 'failed',
        failureReason: refusal ?? 'This platform is no longer offered on this installation.',
      });
      return;
    }

    let credentials: UsableCredentials;
    try {
      credentials = await this.accounts.usableCredentials(scope, account.id);
    } catch (error) {
      // Nothing reached the platform yet, so an unreachable token endpoint is always safe to retry.
      await this.handleFailure(scope, target, adapter.name, account, error, { phase: 'renewal', idempotent: true });
      return;
    }
    try {
      const media = await this.mediaOf(scope, post);
      const result = await adapter.publish(credentials, { text: post.text, media, idempotencyKey: target.id });
      await this.finish(scope, target, {
        state: 'published',
        externalId: result.externalId.slice(0, 191),
        externalUrl: result.url?.slice(0, EXTERNAL_URL_MAX_LENGTH) ?? null,
        publishedAt: new Date(),
        failureReason: null,
      });
    } catch (error) {
      await this.handleFailure(scope, target, adapter.name, account, error, {
        phase: 'publish',
        idempotent: adapter.idempotentPublish,
        tokenVersion: credentials.tokenVersion,
      });
    }
  }

  private async handleFailure(
    scope: TenantScope,
    target: PostTarget,
    platform: string,
    account: SocialAccount,
    error: unknown,
    attempt: { phase: 'renewal' | 'publish'; idempotent: boolean; tokenVersion?: number },
  ): Promise<void> {
    const { idempotent } = attempt;
    // `target` was read after the start of this attempt, so its count includes it.
    const attempts = target.attempts;
    if (!(error instanceof ProviderError)) {
      this.logger.error({ msg: 'Publishing failed unexpectedly', targetId: target.id, error: String(error) });
      await this.finish(scope, target, {
        state: 'failed',
        failureReason: `Publishing to ${platform} failed unexpectedly.`,
      });
      return;
    }
    if (error.kind === 'auth') {
      // A refused renewal marked the account already; a refused publish pins it on these tokens.
      if (attempt.tokenVersion !== undefined) {
        await this.accounts.markNeedsReconnect(scope, account.id, error.message, attempt.tokenVersion);
      }
      await this.finish(scope, target, {
        state: 'failed',
        failureReason: `${platform} no longer accepts the connection of ${account.displayName}. Reconnect it, then reschedule. (${error.message})`,
      });
      return;
    }
    // A refused request (429) certainly created nothing; an unavailable platform may have, unless it deduplicates.
    const safeToRetry = error.kind === 'rate_limited' || (error.kind === 'unavailable' && idempotent);
    if (safeToRetry && attempts < MAX_ATTEMPTS) {
      const delay = error.retryAfterMs ?? RETRY_BASE_MS * 2 ** (attempts - 1);
      await this.finish(scope, target, {
        state: 'pending',
        nextAttemptAt: new Date(Date.now() + delay),
        claimToken: null,
        failureReason: `Retrying: ${error.message}`.slice(0, 1000),
      });
      return;
    }
    const reason =
      attempt.phase === 'renewal'
        ? `The connection of ${account.displayName} could not be renewed: ${error.message}`
        : error.kind === 'unavailable' && !idempotent
          ? `${error.message} The platform may have received the post anyway: check the account before rescheduling.`
          : error.message;
    await this.finish(scope, target, { state: 'failed', failureReason: reason.slice(0, 1000) });
  }

  /** The post's images as URLs the platform can fetch for the next hour. */
  private async mediaOf(scope: TenantScope, post: Post): Promise<PublishMedia[]> {
    const attached = await this.attached.of(scope, [post.id]);
    return (attached.get(post.id) ?? []).map((asset) => ({
      url: this.signer.platformUrl(asset.id),
      mimeType: asset.mimeType,
    }));
  }

  /**
   * Moves a target out of `sending`, only if this attempt still owns it (a newer attempt after a
   * recovery has another claim token), and updates its post.
   */
  private async finish(scope: TenantScope, target: PostTarget, change: Partial<PostTarget>): Promise<void> {
    await this.tenant.transaction(async (tx) => {
      await lockPosts(tx, scope, [target.postId]);
      const moved = await tx.updateOwned(
        scope,
        PostTarget,
        { id: target.id, state: 'sending', claimToken: target.claimToken ?? IsNull() },
        change,
      );
      if (moved !== 1) return;
      await refreshPostStatuses(tx, scope, [target.postId]);
      if (change.state === 'published' || change.state === 'failed') {
        await this.audit.recordFor(
          systemActor(scope),
          {
            action: change.state === 'published' ? 'post.published' : 'post.failed',
            targetType: 'post',
            targetId: target.postId,
            details: {
              accountId: target.socialAccountId,
              attempt: target.attempts,
              ...(change.state === 'failed' ? { reason: change.failureReason } : { url: change.externalUrl }),
            },
          },
          tx,
        );
      }
    });
  }

  /**
   * One job per claim and per recovery window: a recovery pass on every instance every few seconds
   * must not pile up copies (they would be harmless, but they crowd out real work).
   */
  private async enqueue(job: PublishJob, now = new Date()): Promise<void> {
    try {
      const window = Math.floor(now.getTime() / QUEUED_STALE_MS);
      await this.jobs.enqueue(JOBS.publishPostTarget, job, {
        attempts: 1,
        jobId: `publish:${job.targetId}:${job.claimToken}:${window}`,
      });
    } catch (error) {
      // The claim stays in `queued`; recoverStalled re-enqueues it once Redis is back.
      this.logger.warn({ msg: 'Could not enqueue a publish job', targetId: job.targetId, error: String(error) });
    }
  }
}
