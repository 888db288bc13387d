import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { In, IsNull, LessThanOrEqual, Not } from 'typeorm';
import {
  WEB_PATHS,
  type PostApproval,
  type PostCommentView,
  type PostThread,
  type ReviewList,
  type ReviewPostView,
} from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditService } from '../../core/audit/audit.service';
import type { AgencyContext, ClientContext } from '../../core/auth/request-context';
import { ValidationFailedException } from '../../core/http/api-error.filter';
import { actionEmail } from '../../core/mail/mail-templates';
import { MailService } from '../../core/mail/mail.service';
import { AgencyMembership } from '../../core/tenancy/entities/agency-membership.entity';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import { Client } from '../../core/tenancy/entities/client.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { TenantData, type TenantTransaction } from '../../core/tenancy/tenant-data';
import type { EntityClass } from '../../core/tenancy/tenant-owned.decorator';
import { agencyScope, type Actor, type TenantScope } from '../../core/tenancy/tenant-scope';
import { FileUrlSigner } from '../media/file-url-signer';
import { AttachedMedia } from './attached-media';
import { PostComment } from './entities/post-comment.entity';
import { PostNote } from './entities/post-note.entity';
import { PostTarget } from './entities/post-target.entity';
import { Post } from './entities/post.entity';
import { portalPostsByIds } from './portal-calendar';
import { lockPosts, refreshPostStatuses } from './post-status';

const WHEN = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** Who writes on a thread: their id, name and side. */
interface Author {
  readonly userId: string;
  readonly name: string;
  readonly side: 'agency' | 'client';
}

const agencyAuthor = (ctx: AgencyContext): Author => ({ userId: ctx.userId, name: ctx.profile.name, side: 'agency' });
const clientAuthor = (ctx: ClientContext): Author => ({ userId: ctx.userId, name: ctx.profile.name, side: 'client' });

/**
 * Post approval (posts.approve, chosen per post by the agency). A post that needs approval waits in
 * the `held` target state, which the publisher never claims; the client's approval releases it, an
 * edit by the agency puts it back. Every decision is a message on the post's thread (who, when,
 * why) and an audit entry. The agency's notes live in their own table that a client scope cannot
 * read, so they reach no client by any route.
 */
@Injectable()
export class PostApprovalService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantData,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly attached: AttachedMedia,
    private readonly signer: FileUrlSigner,
  ) {}

  // ---- The agency's side ------------------------------------------------------------------

  /** The whole thread of a post as the agency sees it: everyone's messages and its own notes. */
  async agencyThread(ctx: AgencyContext, postId: string): Promise<PostThread> {
    await this.tenant.findOwned(ctx.scope, Post, postId, { notFound: 'Post not found' });
    const [comments, notes] = await Promise.all([
      this.tenant.listOwned(ctx.scope, PostComment, { where: { postId }, order: { createdAt: 'ASC' } }),
      this.tenant.listOwned(ctx.scope, PostNote, { where: { postId }, order: { createdAt: 'ASC' } }),
    ]);
    const items = [...comments.map(commentView), ...notes.map(noteView)].sort((a, b) =>
      a.createdAt.localeCompare(b.createdAt),
    );
    return { items };
  }

  /** A message both sides see, or (internal) a note among the agency's people. */
  async addAgencyComment(
    ctx: AgencyContext,
    postId: string,
    body: string,
    internal: boolean,
  ): Promise<PostCommentView> {
    const text = cleanBody(body);
    const post = await this.tenant.findOwned(ctx.scope, Post, postId, { notFound: 'Post not found' });
    const author = agencyAuthor(ctx);
    return this.tenant.transaction(async (tx) => {
      if (internal) {
        const note = await tx.insertOwned(ctx.scope, PostNote, {
          postId,
          body: text,
          authorUserId: author.userId,
          authorName: author.name,
        });
        return noteView(note);
      }
      const comment = await this.insertComment(tx, ctx.scope, post, author, 'comment', text);
      return commentView(comment);
    });
  }

  /** Messages per post (notes included), for the agency's post views. */
  async countsFor(scope: TenantScope, postIds: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (postIds.length === 0) return counts;
    const tally = async <E extends { postId: string }>(entity: EntityClass<E>) => {
      const rows = await this.tenant
        .query(scope, entity, 'c')
        .select('c.postId', 'postId')
        .addSelect('COUNT(*)', 'count')
        .where('c.postId IN (:...postIds)', { postIds })
        .groupBy('c.postId')
        .getRawMany<{ postId: string; count: number | string }>();
      for (const row of rows) counts.set(row.postId, (counts.get(row.postId) ?? 0) + Number(row.count));
    };
    await tally(PostComment);
    if (scope.kind === 'agency') await tally(PostNote);
    return counts;
  }

  /** The approval of each post (who decided last comes from the thread, which keeps names). */
  async approvalsFor(scope: TenantScope, posts: Post[], now = new Date()): Promise<Map<string, PostApproval>> {
    const approvals = new Map<string, PostApproval>();
    const needing = posts.filter((post) => post.approvalRequired && post.approvalState);
    if (needing.length === 0) return approvals;
    const decisions = await this.tenant.listOwned(scope, PostComment, {
      where: { postId: In(needing.map((p) => p.id)), kind: In(['approved', 'changes_requested']) },
      order: { createdAt: 'DESC' },
    });
    for (const post of needing) {
      const last = decisions.find((decision) => decision.postId === post.id);
      approvals.set(post.id, approvalOf(post, last ?? null, now));
    }
    return approvals;
  }

  /**
   * Called by the composer inside its transaction whenever a post that needs approval is saved
   * scheduled: the approval starts over (an edit of an approved post goes back to the client) and
   * the thread says so.
   */
  async submitted(tx: TenantTransaction, actor: Actor, authorName: string, post: Post, again: boolean) {
    await this.insertComment(
      tx,
      actor.scope,
      post,
      { userId: actor.userId ?? '', name: authorName, side: 'agency' },
      'submitted',
      again ? 'Changed and sent for approval again.' : 'Sent for approval.',
    );
  }

  // ---- The client's side ------------------------------------------------------------------

  /** Posts that wait for this client's decision first, then those waiting for the agency's changes. */
  async reviewList(ctx: ClientContext): Promise<ReviewList> {
    const posts = await this.tenant.listOwned(ctx.scope, Post, {
      where: { approvalRequired: true, status: 'scheduled', approvalState: In(['pending', 'changes_requested']) },
      order: { scheduledAt: 'ASC' },
      take: 200,
    });
    const items = await this.reviewViews(ctx, posts);
    const rank = (item: ReviewPostView) => (item.approval.state === 'pending' ? 0 : 1);
    return { items: items.sort((a, b) => rank(a) - rank(b)) };
  }

  async review(ctx: ClientContext, postId: string): Promise<ReviewPostView> {
    const [view] = await this.reviewViews(ctx, [await this.underReview(ctx.scope, postId)]);
    return view;
  }

  async approve(ctx: ClientContext, postId: string, comment: string | undefined): Promise<ReviewPostView> {
    const note = comment?.trim() ? cleanBody(comment) : '';
    await this.decide(ctx, postId, 'approved', note);
    return this.review(ctx, postId);
  }

  async requestChanges(ctx: ClientContext, postId: string, comment: string | undefined): Promise<ReviewPostView> {
    if (!comment?.trim()) {
      throw new ValidationFailedException([
        { field: 'comment', messages: ['say what should change, so the agency knows what to do'] },
      ]);
    }
    const emailIds = await this.decide(ctx, postId, 'changes_requested', cleanBody(comment));
    await this.mail.dispatch(emailIds);
    return this.review(ctx, postId);
  }

  async addClientComment(ctx: ClientContext, postId: string, body: string): Promise<PostCommentView> {
    const text = cleanBody(body);
    const post = await this.underReview(ctx.scope, postId);
    return this.tenant.transaction(async (tx) =>
      commentView(await this.insertComment(tx, ctx.scope, post, clientAuthor(ctx), 'comment', text)),
    );
  }

  // ---- Time passing -----------------------------------------------------------------------

  /**
   * Tells the agency, once per wait, about posts whose time came while they still wait for the
   * client: they stay held and go out as soon as they are approved. Returns how many were told.
   */
  async notifyOverdue(now = new Date()): Promise<number> {
    const overdue = await this.tenant
      .unscoped('approval reminders: posts of every agency whose time came before their approval; each is scoped')
      .getRepository(Post)
      .find({
        where: {
          approvalRequired: true,
          approvalState: Not('approved'),
          status: 'scheduled',
          scheduledAt: LessThanOrEqual(now),
          approvalOverdueNotifiedAt: IsNull(),
        },
        take: 100,
      });
    let told = 0;
    for (const post of overdue) {
      const scope = agencyScope(post.agencyId);
      const emailIds = await this.tenant.transaction(async (tx) => {
        // Claimed first: with several instances only one tells.
        const claimed = await tx.updateOwned(
          scope,
          Post,
          { id: post.id, approvalOverdueNotifiedAt: IsNull() },
          { approvalOverdueNotifiedAt: now },
        );
        if (claimed !== 1) return [];
        const client = await tx.findOwned(scope, Client, post.clientId);
        const waitingFor = post.approvalState === 'changes_requested' ? 'your changes' : `${client.name}'s approval`;
        return this.emailAgency(tx, post, {
          subject: `A post for ${client.name} missed its time: it waits for ${waitingFor}`,
          paragraphs: [
            `The post planned for ${WHEN.format(post.scheduledAt as Date)} UTC has not gone out: it still waits for ${waitingFor}.`,
            post.approvalState === 'changes_requested'
              ? `${client.name} asked for changes. Edit the post (and pick a new time if needed); it goes back to them for approval.`
              : `It goes out as soon as ${client.name} approves it. You can remind them, or pick a new time.`,
            `“${excerpt(post.text)}”`,
          ],
        });
      });
      if (emailIds.length) told++;
      await this.mail.dispatch(emailIds);
    }
    return told;
  }

  // ---- Inside -------------------------------------------------------------------------------

  private async decide(
    ctx: ClientContext,
    postId: string,
    decision: 'approved' | 'changes_requested',
    text: string,
  ): Promise<string[]> {
    const scope = ctx.scope;
    const now = new Date();
    return this.tenant.transaction(async (tx) => {
      await lockPosts(tx, scope, [postId]);
      const post = await tx.findOwned(scope, Post, postId, { notFound: 'Post not found' });
      if (!post.approvalRequired || !post.approvalState) throw new NotFoundException('Post not found');
      if (post.status !== 'scheduled') {
        throw new ConflictException(`This post can no longer be reviewed: it is ${post.status}.`);
      }
      if (post.approvalState === 'approved') {
        throw new ConflictException('This post is already approved. The agency will send it again if it changes.');
      }
      if (decision === 'changes_requested' && post.approvalState === 'changes_requested') {
        throw new ConflictException('Changes were already requested; the agency will send the post again.');
      }
      await tx.updateOwned(
        scope,
        Post,
        { id: post.id },
        { approvalState: decision, approvalDecidedAt: now, approvalDecidedByUserId: ctx.userId },
      );
      if (decision === 'approved') {
        // Released: the publisher takes it at its time (at once if that has passed).
        await tx.updateOwned(scope, PostTarget, { postId: post.id, state: 'held' }, { state: 'pending' });
        await refreshPostStatuses(tx, scope, [post.id]);
      }
      const body = text || (decision === 'approved' ? 'Approved.' : '');
      await this.insertComment(tx, scope, post, clientAuthor(ctx), decision, body);
      await this.audit.recordFor(
        ctx,
        {
          action: decision === 'approved' ? 'post.approved' : 'post.changes_requested',
          targetType: 'post',
          targetId: post.id,
          details: text ? { comment: excerpt(text, 200) } : undefined,
        },
        tx,
      );
      if (decision === 'approved') return [];
      const client = await tx.findOwned(scope, Client, post.clientId);
      return this.emailAgency(tx, post, {
        subject: `${client.name} asked for changes to a post`,
        paragraphs: [
          `${ctx.profile.name} (${client.name}) asked for changes to the post planned for ${WHEN.format(post.scheduledAt as Date)} UTC:`,
          `“${excerpt(text, 500)}”`,
          'Edit the post in the calendar; it goes back to them for approval.',
        ],
      });
    });
  }

  /** A post of the scope that the client is asked to review (else 404, exactly like an unknown id). */
  private async underReview(scope: TenantScope, postId: string): Promise<Post> {
    const post = await this.tenant.findOwned(scope, Post, postId, { notFound: 'Post not found' });
    if (!post.approvalRequired || !post.approvalState) throw new NotFoundException('Post not found');
    return post;
  }

  private async reviewViews(ctx: ClientContext, posts: Post[]): Promise<ReviewPostView[]> {
    if (posts.length === 0) return [];
    const ids = posts.map((p) => p.id);
    const shown = new Map((await portalPostsByIds(this.tenant, ctx.scope, ids)).map((p) => [p.id, p]));
    const comments = await this.tenant.listOwned(ctx.scope, PostComment, {
      where: { postId: In(ids) },
      order: { createdAt: 'ASC' },
    });
    const media = await this.attached.of(ctx.scope, ids);
    const now = new Date();
    return posts.flatMap((post) => {
      const base = shown.get(post.id);
      if (!base) return [];
      const thread = comments.filter((c) => c.postId === post.id);
      const lastDecision =
        [...thread].reverse().find((c) => c.kind === 'approved' || c.kind === 'changes_requested') ?? null;
      return [
        {
          ...base,
          media: (media.get(post.id) ?? []).map((asset) => ({
            id: asset.id,
            mimeType: asset.mimeType,
            thumbnailUrl: this.signer.thumbnailUrl(asset, ctx.userId),
          })),
          approval: approvalOf(post, lastDecision, now),
          thread: thread.map(commentView),
        },
      ];
    });
  }

  private insertComment(
    tx: TenantTransaction,
    scope: TenantScope,
    post: Post,
    author: Author,
    kind: PostComment['kind'],
    body: string,
  ): Promise<PostComment> {
    return tx.insertOwned(scope, PostComment, {
      postId: post.id,
      clientId: post.clientId,
      kind,
      body,
      authorUserId: author.userId || null,
      authorName: author.name.slice(0, 120),
      authorSide: author.side,
    });
  }

  /** Emails the post's author, or (when they are gone) the agency's owners and admins. */
  private async emailAgency(
    tx: TenantTransaction,
    post: Post,
    message: { subject: string; paragraphs: string[] },
  ): Promise<string[]> {
    const scope = agencyScope(post.agencyId);
    const agency = await tx.findOwned(scope, Agency, post.agencyId);
    const active = await tx.listOwned(scope, AgencyMembership, { where: { status: 'active' } });
    const author = active.find((m) => m.userId === post.createdByUserId);
    const memberships = author ? [author] : active.filter((m) => m.role === 'owner' || m.role === 'admin');
    const people = memberships.length
      ? await tx.listOwned(scope, User, { where: { id: In(memberships.map((m) => m.userId)), status: 'active' } })
      : [];
    const ids: string[] = [];
    for (const person of people) {
      ids.push(
        await this.mail.queue(tx, {
          to: person.email,
          agencyId: post.agencyId,
          ...actionEmail({
            subject: message.subject,
            brand: agency.name,
            greeting: `Hi ${person.name},`,
            paragraphs: message.paragraphs,
            action: { label: 'Open the calendar', url: `${this.config.appUrl}${WEB_PATHS.agencyCalendar}` },
            footer: author
              ? 'You get this because you wrote this post on Atrium.'
              : 'You get this because you are an owner or admin of this agency on Atrium.',
          }),
        }),
      );
    }
    return ids;
  }
}

function approvalOf(post: Post, lastDecision: PostComment | null, now: Date): PostApproval {
  return {
    state: post.approvalState ?? 'pending',
    decidedAt: post.approvalDecidedAt?.toISOString() ?? null,
    decidedByName: post.approvalDecidedAt ? (lastDecision?.authorName ?? null) : null,
    overdue:
      post.approvalState !== 'approved' &&
      post.status === 'scheduled' &&
      !!post.scheduledAt &&
      post.scheduledAt.getTime() <= now.getTime(),
  };
}

function commentView(comment: PostComment): PostCommentView {
  return {
    id: comment.id,
    kind: comment.kind,
    body: comment.body,
    authorName: comment.authorName,
    authorSide: comment.authorSide,
    createdAt: comment.createdAt.toISOString(),
  };
}

function noteView(note: PostNote): PostCommentView {
  return {
    id: note.id,
    kind: 'note',
    body: note.body,
    authorName: note.authorName,
    authorSide: 'agency',
    createdAt: note.createdAt.toISOString(),
  };
}

/** Stored as plain text (shown as text, never as HTML); the DTOs bound its length. */
function cleanBody(body: string): string {
  return body.replace(/\r\n?/g, '\n').trim();
}

function excerpt(text: string, length = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}
