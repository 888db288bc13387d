import type { SocialProviderId } from './social-api';

/**
 * Posts and calendars. A post is written for one client and goes to one or more of that client's
 * accounts (its targets); each target publishes on its own and the post's status sums them up.
 */
export type PostStatus = 'draft' | 'scheduled' | 'publishing' | 'published' | 'failed' | 'cancelled';
export type PostTargetStatus = 'draft' | 'scheduled' | 'publishing' | 'published' | 'failed' | 'cancelled';

export interface PostTargetView {
  accountId: string;
  provider: SocialProviderId;
  accountName: string;
  accountHandle: string | null;
  status: PostTargetStatus;
  /** Link to the published post on the platform. */
  url: string | null;
  failureReason: string | null;
  publishedAt: string | null;
}

/** A library file attached to a post (images are published; order is kept). */
export interface PostMediaView {
  id: string;
  filename: string;
  mimeType: string;
  thumbnailUrl: string | null;
}

export interface PostView {
  id: string;
  clientId: string;
  clientName: string;
  text: string;
  media: PostMediaView[];
  status: PostStatus;
  /** When it goes out; null for drafts without a date. */
  scheduledAt: string | null;
  publishedAt: string | null;
  /** For failed posts: what went wrong, per account when several failed. */
  failureReason: string | null;
  targets: PostTargetView[];
  createdByName: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PostList {
  items: PostView[];
}

/** `scheduledAt` absent or null saves a draft; a time schedules it (must not be in the past). */
export interface CreatePostRequest {
  clientId: string;
  text: string;
  accountIds: string[];
  /** Library files of the agency or of this client (at most 10). */
  mediaIds?: string[];
  scheduledAt?: string | null;
}

/**
 * Edit a draft, scheduled or failed post. Setting `scheduledAt` schedules or reschedules; `null`
 * turns it back into a draft.
 */
export interface UpdatePostRequest {
  text?: string;
  accountIds?: string[];
  mediaIds?: string[];
  scheduledAt?: string | null;
}

/** Agency calendar query: posts scheduled in [from, to) (at most 42 days), or drafts. */
export interface PostQuery {
  from?: string;
  to?: string;
  clientId?: string;
  status?: PostStatus;
}

/** One post on the portal calendar: read-only, only what the client should see. */
export interface PortalCalendarPost {
  id: string;
  text: string;
  /** Previews of the attached images (signed, short-lived). */
  media: Array<{ id: string; mimeType: string; thumbnailUrl: string | null }>;
  status: 'scheduled' | 'publishing' | 'published';
  scheduledAt: string;
  publishedAt: string | null;
  accounts: Array<{
    id: string;
    provider: SocialProviderId;
    displayName: string;
    handle: string | null;
    url: string | null;
  }>;
}

export interface PortalCalendarResponse {
  from: string;
  to: string;
  /** The user's timezone (IANA), which the calendar is drawn in. */
  timezone: string;
  items: PortalCalendarPost[];
  /** True when the week had more posts than one answer carries (5000). */
  truncated: boolean;
}

/** The next posts still to go out on the client's accounts, soonest first (the portal dashboard). */
export interface PortalUpcomingResponse {
  /** The user's timezone (IANA), which the times are shown in. */
  timezone: string;
  items: PortalCalendarPost[];
}

/** How many upcoming posts one answer may carry. */
export const MAX_PORTAL_UPCOMING = 20;

export const POST_PATHS = {
  posts: '/api/v1/posts',
  post: (id: string) => `/api/v1/posts/${id}`,
  cancel: (id: string) => `/api/v1/posts/${id}/cancel`,
  portalCalendar: '/api/v1/portal/calendar',
  portalUpcoming: '/api/v1/portal/calendar/upcoming',
} as const;

/** A calendar range is at most this long (a month view shows six weeks), in the portal as in the agency. */
export const MAX_PORTAL_CALENDAR_DAYS = 42;
export const MAX_AGENCY_CALENDAR_DAYS = 42;
export const PORTAL_CALENDAR_LIMIT = 5000;
