import { Injectable } from '@nestjs/common';
import {
  MAX_PORTAL_CALENDAR_DAYS,
  type PortalCalendarPost,
  type PortalCalendarResponse,
  type PortalUpcomingResponse,
} from '@atrium/shared';
import { ValidationFailedException } from '../../core/http/api-error.filter';
import { TenantData } from '../../core/tenancy/tenant-data';
import type { Actor } from '../../core/tenancy/tenant-scope';
import { FileUrlSigner } from '../media/file-url-signer';
import { AttachedMedia } from './attached-media';
import { portalCalendarWeek, portalCalendarWeekMedia, portalUpcomingPosts } from './portal-calendar';

/**
 * A person looking at the calendar: their time zone (read with the request's context) draws it,
 * their grant signs the thumbnails.
 */
export type CalendarViewer = Actor & { readonly userId: string; readonly profile: { readonly timezone: string } };

/** Portal › Calendar: the client's week or month, read-only. */
@Injectable()
export class PortalCalendarService {
  constructor(
    private readonly tenant: TenantData,
    private readonly attached: AttachedMedia,
    private readonly signer: FileUrlSigner,
  ) {}

  /** Posts of the viewer's scope in [from, to) (≤ 42 days: a week or a month view), in the viewer's time zone. */
  async week(viewer: CalendarViewer, range: { from: string; to: string }): Promise<PortalCalendarResponse> {
    const from = new Date(range.from);
    const to = new Date(range.to);
    if (to <= from || to.getTime() - from.getTime() > MAX_PORTAL_CALENDAR_DAYS * 24 * 3600_000) {
      throw new ValidationFailedException([
        { field: 'to', messages: [`must be after from and at most ${MAX_PORTAL_CALENDAR_DAYS} days later`] },
      ]);
    }
    const week = await portalCalendarWeek(this.tenant, viewer.scope, from, to);
    await this.attachPreviews(viewer, week.items, from, to);
    return { from: from.toISOString(), to: to.toISOString(), timezone: viewer.profile.timezone, ...week };
  }

  /** The next posts still to go out (the portal dashboard), soonest first, with their previews. */
  async upcoming(viewer: CalendarViewer, limit: number, now = new Date()): Promise<PortalUpcomingResponse> {
    const items = await portalUpcomingPosts(this.tenant, viewer.scope, now, limit);
    const last = items.at(-1);
    if (last) await this.attachPreviews(viewer, items, now, new Date(Date.parse(last.scheduledAt) + 1));
    return { timezone: viewer.profile.timezone, items };
  }

  /** Thumbnails of the posts' images (of those scheduled in [from, to)), signed for this viewer. */
  private async attachPreviews(viewer: CalendarViewer, items: PortalCalendarPost[], from: Date, to: Date) {
    if (items.length === 0) return;
    const shown = new Set(items.map((item) => item.id));
    const attachments = await portalCalendarWeekMedia(this.tenant, viewer.scope, from, to);
    const media = await this.attached.filesOf(
      viewer.scope,
      attachments.filter((attachment) => shown.has(attachment.postId)),
    );
    for (const item of items) {
      item.media = (media.get(item.id) ?? []).map((asset) => ({
        id: asset.id,
        mimeType: asset.mimeType,
        thumbnailUrl: this.signer.thumbnailUrl(asset, viewer.userId),
      }));
    }
  }
}
