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

/**
 * Where a post stands with the client's approval (posts.approve, per post): `pending` waits for
 * the client, `changes_requested` waits for the agency, `approved` may publish. A post that does
 * not need approval has none.
 */
export type ApprovalState = 'pending' | 'changes_requested' | 'approved';

export interface PostApproval {
  state: ApprovalState;
  /** The last decision (approve or request changes): who and when; null before the first. */
  decidedAt: string | null;
  decidedByName: string | null;
  /** Its time has come while it waits: it will go out once approved (the agency was told). */
  overdue: boolean;
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
  /** Null when the post does not need the client's approval. */
  approval: PostApproval | null;
  /** Messages on the post's thread (the agency's own notes included). */
  commentCount: number;
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
  /** Hold it until the client approves (the client must have posts.approve). */
  needsApproval?: boolean;
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
  needsApproval?: boolean;
}

/** One message on a post's thread, or a decision recorded on it. */
export type PostCommentKind = 'comment' | 'note' | 'submitted' | 'approved' | 'changes_requested';

export interface PostCommentView {
  id: string;
  /** `note` is the agency's own (never shown to the client); the others both sides see. */
  kind: PostCommentKind;
  body: string;
  authorName: string;
  authorSide: 'agency' | 'client';
  createdAt: string;
}

export interface PostThread {
  items: PostCommentView[];
}

/** The agency writes on a post's thread; `internal` keeps it among the agency's people. */
export interface CreatePostCommentRequest {
  body: string;
  internal?: boolean;
}

/** A post in the client's review list, with its thread (the agency's notes left out). */
export interface ReviewPostView extends PortalCalendarPost {
  approval: PostApproval;
  thread: PostCommentView[];
}

export interface ReviewList {
  items: ReviewPostView[];
}

/** Approve (a comment is optional) or request changes (a comment is required). */
export interface ReviewDecisionRequest {
  comment?: string;
}

/** Longest comment on a post's thread. */
export const MAX_POST_COMMENT_LENGTH = 2000;

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
  /** Set when the post waits for (or got) the client's approval. */
  approvalState: ApprovalState | null;
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
  comments: (id: string) => `/api/v1/posts/${id}/comments`,
  portalReviews: '/api/v1/portal/reviews',
  portalReview: (id: string) => `/api/v1/portal/reviews/${id}`,
  portalApprove: (id: string) => `/api/v1/portal/reviews/${id}/approve`,
  portalRequestChanges: (id: string) => `/api/v1/portal/reviews/${id}/request-changes`,
  portalReviewComments: (id: string) => `/api/v1/portal/reviews/${id}/comments`,
} as const;

/** A calendar range is at most this long (a month view shows six weeks), in the portal as in the agency. */
export const MAX_PORTAL_CALENDAR_DAYS = 42;
export const MAX_AGENCY_CALENDAR_DAYS = 42;
export const PORTAL_CALENDAR_LIMIT = 5000;
