import type { BrandImage, BrandImageSlot, BrandSettings, PublicBrand, UpdateBrandingRequest } from '@atrium/shared';
import type { AbstractControl, ValidationErrors } from '@angular/forms';

/** The brand colour shown when the one typed is not a colour yet (the server's default). */
export const DEFAULT_BRAND_COLOR = '#3f51b5';

/** What the Settings > Branding form holds: the settings as text fields (empty = not set). */
export interface BrandFormValue {
  portalName: string;
  primaryColor: string;
  accentColor: string;
  signInHeadline: string;
  signInText: string;
  supportEmail: string;
  supportUrl: string;
  legalFooter: string;
  emailSenderName: string;
  emailReplyTo: string;
  showPoweredBy: boolean;
}

/** `#rrggbb` (lower case) from what a person may type: `#AbC`, `abc`, `#aabbcc`, `AABBCC`; else null. */
export function normalizeHex(value: string | null | undefined): string | null {
  const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec((value ?? '').trim());
  if (!match) return null;
  const digits = match[1].toLowerCase();
  return `#${digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits}`;
}

/** A colour field: empty is fine (required-ness is another validator), anything else must be a colour. */
export function hexColorValidator(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value?.trim() ?? '';
  return value === '' || normalizeHex(value) ? null : { hexColor: true };
}

export function formValueOf(settings: BrandSettings): BrandFormValue {
  return {
    portalName: settings.portalName,
    primaryColor: settings.primaryColor,
    accentColor: settings.accentColor ?? '',
    signInHeadline: settings.signInHeadline ?? '',
    signInText: settings.signInText ?? '',
    supportEmail: settings.supportEmail ?? '',
    supportUrl: settings.supportUrl ?? '',
    legalFooter: settings.legalFooter ?? '',
    emailSenderName: settings.emailSenderName ?? '',
    emailReplyTo: settings.emailReplyTo ?? '',
    showPoweredBy: settings.showPoweredBy,
  };
}

/**
 * The change to send: every field (text trimmed, empty text clears it, colours as `#rrggbb`). The
 * "powered by" mark is sent only when the plan lets the agency choose.
 */
export function updateRequestOf(value: BrandFormValue, mayHidePoweredBy: boolean): UpdateBrandingRequest {
  const text = (field: string) => field.trim() || null;
  return {
    portalName: value.portalName.trim(),
    primaryColor: normalizeHex(value.primaryColor) ?? value.primaryColor.trim(),
    accentColor: value.accentColor.trim() ? (normalizeHex(value.accentColor) ?? value.accentColor.trim()) : null,
    signInHeadline: text(value.signInHeadline),
    signInText: text(value.signInText),
    supportEmail: text(value.supportEmail),
    supportUrl: text(value.supportUrl),
    legalFooter: text(value.legalFooter),
    emailSenderName: text(value.emailSenderName),
    emailReplyTo: text(value.emailReplyTo),
    ...(mayHidePoweredBy ? { showPoweredBy: value.showPoweredBy } : {}),
  };
}

/**
 * The brand as the form stands, for the live preview: what a client would see once saved. A colour
 * that is not one yet keeps the last one that was; an empty portal name shows the agency's name.
 */
export function previewBrandOf(
  value: BrandFormValue,
  context: {
    agencyName: string;
    slug: string;
    images: Partial<Record<BrandImageSlot, BrandImage>>;
    lastPrimary: string;
    mayHidePoweredBy: boolean;
  },
): PublicBrand {
  const text = (field: string) => field.trim() || null;
  return {
    portalName: value.portalName.trim() || context.agencyName,
    primaryColor: normalizeHex(value.primaryColor) ?? context.lastPrimary,
    accentColor: normalizeHex(value.accentColor),
    signInHeadline: text(value.signInHeadline),
    signInText: text(value.signInText),
    supportEmail: text(value.supportEmail),
    supportUrl: text(value.supportUrl),
    legalFooter: text(value.legalFooter),
    showPoweredBy: context.mayHidePoweredBy ? value.showPoweredBy : true,
    images: context.images,
    slug: context.slug,
  };
}
