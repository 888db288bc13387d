import {
  BRAND_IMAGE_SLOTS,
  BRANDING_PATHS,
  type BrandImage,
  type BrandImageSlot,
  type BrandSettings,
  type PlanEntitlements,
} from '@atrium/shared';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import type { TenantDataAccess } from '../../core/tenancy/tenant-data';
import type { AgencyScope } from '../../core/tenancy/tenant-scope';
import { Branding, type StoredBrandImage } from './entities/branding.entity';

/** The brand colour of an agency that has not chosen one (Material's indigo, Atrium's own). */
export const DEFAULT_PRIMARY_COLOR = '#3f51b5';

/** What a change of the brand row may set. */
export type BrandingPatch = Partial<Omit<BrandSettings, 'portalName'>> & {
  portalName?: string | null;
  images?: Partial<Record<BrandImageSlot, StoredBrandImage>>;
};

export function isBrandImageSlot(value: string): value is BrandImageSlot {
  return (BRAND_IMAGE_SLOTS as readonly string[]).includes(value);
}

/** The public, cacheable path of a stored image: the version is a content hash, so a new image gets a new URL. */
export function brandImagePath(slug: string, slot: BrandImageSlot, image: StoredBrandImage): string {
  return `${BRANDING_PATHS.publicBrandImages}/${slug}/${slot}/${image.version}`;
}

export function brandImagesOf(
  slug: string,
  images: Partial<Record<BrandImageSlot, StoredBrandImage>> | undefined,
): Partial<Record<BrandImageSlot, BrandImage>> {
  const out: Partial<Record<BrandImageSlot, BrandImage>> = {};
  for (const slot of BRAND_IMAGE_SLOTS) {
    const image = images?.[slot];
    if (image) out[slot] = { slot, url: brandImagePath(slug, slot, image), width: image.width, height: image.height };
  }
  return out;
}

/**
 * The settings an agency shows, its row's or the defaults when it has none: the portal name falls
 * back to the agency's name (never "Atrium"), and a plan without `hidePoweredBy` always shows the
 * mark, even when the agency hid it on a plan that allowed it.
 */
export function settingsOf(agency: Agency, row: Branding | null, entitlements: PlanEntitlements): BrandSettings {
  return {
    portalName: row?.portalName ?? agency.name,
    primaryColor: row?.primaryColor ?? DEFAULT_PRIMARY_COLOR,
    accentColor: row?.accentColor ?? null,
    signInHeadline: row?.signInHeadline ?? null,
    signInText: row?.signInText ?? null,
    supportEmail: row?.supportEmail ?? null,
    supportUrl: row?.supportUrl ?? null,
    legalFooter: row?.legalFooter ?? null,
    emailSenderName: row?.emailSenderName ?? null,
    emailReplyTo: row?.emailReplyTo ?? null,
    showPoweredBy: !entitlements.hidePoweredBy || (row?.showPoweredBy ?? true),
  };
}

/**
 * The agency (its row locked for the rest of the transaction) and its brand row, for a change.
 * Every change of a brand locks the agency first, so changes take turns — the first save too,
 * which makes the row — and each sees what the one before it stored (an image it replaces).
 */
export async function lockBranding(
  tx: TenantDataAccess,
  scope: AgencyScope,
): Promise<{ agency: Agency; row: Branding | null }> {
  const agency = await tx.findOwned(scope, Agency, scope.agencyId, { lock: 'update', notFound: 'Agency not found' });
  const row = await tx.findOneOwned(scope, Branding, { where: {} });
  return { agency, row };
}

/** Writes a change to the brand row, making the row on the first save. */
export async function saveBranding(
  tx: TenantDataAccess,
  scope: AgencyScope,
  row: Branding | null,
  patch: BrandingPatch,
): Promise<void> {
  if (row) {
    // update() runs no entity hooks: the change time is set here.
    await tx.updateOwned(scope, Branding, { id: row.id }, { ...patch, updatedAt: new Date() });
  } else {
    await tx.insertOwned(scope, Branding, { primaryColor: DEFAULT_PRIMARY_COLOR, images: {}, ...patch });
  }
}
