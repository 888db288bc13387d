/**
 * White-label branding (SPEC §2 Branding, §3 Sign-in): what an agency shows its clients instead of
 * Atrium, and where its clients reach its portal.
 */

/** The image slots of a brand; each is resized for its place when uploaded. */
export const BRAND_IMAGE_SLOTS = ['logoLight', 'logoDark', 'icon', 'signInImage'] as const;
export type BrandImageSlot = (typeof BRAND_IMAGE_SLOTS)[number];

/** Largest box each slot is resized into (pixels); icons are made square. */
export const BRAND_IMAGE_BOX: Record<BrandImageSlot, { width: number; height: number }> = {
  logoLight: { width: 480, height: 160 },
  logoDark: { width: 480, height: 160 },
  icon: { width: 512, height: 512 },
  signInImage: { width: 1600, height: 1600 },
};

/** What an agency writes in Settings > Branding (owners and admins; members read it). */
export interface BrandSettings {
  /** Shown instead of "Atrium" to client users: tab titles, portal bar, emails. */
  portalName: string;
  /** `#rrggbb`; the whole Material 3 scheme is derived from it. */
  primaryColor: string;
  /** `#rrggbb` or null: the tertiary role (accents, badges). */
  accentColor: string | null;
  signInHeadline: string | null;
  signInText: string | null;
  supportEmail: string | null;
  supportUrl: string | null;
  legalFooter: string | null;
  /** Display name on emails to client users (the address stays the installation's). */
  emailSenderName: string | null;
  /** Replies to emails to client users go here. */
  emailReplyTo: string | null;
  /** The "powered by Atrium" mark; plans without `hidePoweredBy` always show it. */
  showPoweredBy: boolean;
}

export type UpdateBrandingRequest = Partial<BrandSettings>;

export interface BrandImage {
  slot: BrandImageSlot;
  /** Public, cacheable URL (it changes when the image changes). */
  url: string;
  width: number;
  height: number;
}

/** Settings > Branding as the agency sees it. */
export interface BrandingResponse {
  settings: BrandSettings;
  images: Partial<Record<BrandImageSlot, BrandImage>>;
  /** The slug of the sign-in address on the installation (`/a/<slug>/login`). */
  slug: string;
  /** Whether the slug may still be changed (once). */
  slugChangeable: boolean;
  /** Where this agency's clients reach its portal: the active custom domain, else the slug address. */
  portalUrl: string;
  /** Notes about the colours: a colour adjusted to meet contrast, and why. */
  colorNotes: string[];
  /** What the plan allows here. */
  entitlements: { customDomain: boolean; hidePoweredBy: boolean };
  /** False for members: they may read, not change. */
  canEdit: boolean;
}

/**
 * The brand anyone may see (the sign-in page before anyone signs in): public fields only, never
 * ids of people, addresses of the agency's team or anything about its clients.
 */
export interface PublicBrand {
  portalName: string;
  primaryColor: string;
  accentColor: string | null;
  signInHeadline: string | null;
  signInText: string | null;
  supportEmail: string | null;
  supportUrl: string | null;
  legalFooter: string | null;
  showPoweredBy: boolean;
  images: Partial<Record<BrandImageSlot, BrandImage>>;
  /** The agency's sign-in address slug, for links between the branded auth pages. */
  slug: string;
}

/** A custom domain's life: TXT not seen yet → TXT matches → routed here (CNAME) → record gone. */
export type CustomDomainStatus = 'pending' | 'verified' | 'active' | 'failing';

export interface DnsRecordInstruction {
  type: 'CNAME' | 'TXT';
  /** Fully qualified name to create the record at. */
  name: string;
  value: string;
  /** Whether the last check found it. */
  found: boolean;
}

export interface CustomDomainView {
  hostname: string;
  status: CustomDomainStatus;
  records: DnsRecordInstruction[];
  lastCheckedAt: string | null;
  /** Plain words on what the last check found, when it was not all good. */
  problem: string | null;
  /** When a failing domain stops being used, unless its records come back. */
  stopsServingAt: string | null;
}

export interface SetCustomDomainRequest {
  hostname: string;
}

export const BRANDING_PATHS = {
  settings: '/api/v1/branding',
  images: '/api/v1/branding/images',
  slug: '/api/v1/branding/slug',
  domain: '/api/v1/branding/domain',
  domainCheck: '/api/v1/branding/domain/check',
  /** Public: the brand of a slug or of the request's host. */
  publicBrand: '/api/v1/public/brand',
  /** Public, cacheable: `<this>/<agency slug>/<slot>/<version>` (a PNG). */
  publicBrandImages: '/api/v1/public/brand-images',
  /** Portal: the brand of the signed-in client user's agency (`PublicBrand`). */
  portalBrand: '/api/v1/portal/brand',
} as const;

/** The TXT record name that proves ownership of a custom domain. */
export function challengeRecordName(hostname: string): string {
  return `_atrium-challenge.${hostname}`;
}
