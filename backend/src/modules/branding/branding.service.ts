import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  deriveBrandTheme,
  type BrandingResponse,
  type BrandSettings,
  type PlanEntitlements,
  type PublicBrand,
  type UpdateBrandingRequest,
} from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditService } from '../../core/audit/audit.service';
import type { PortalHost } from '../../core/auth/request-context';
import { isUniqueViolation } from '../../core/database/errors';
import { ValidationFailedException } from '../../core/http/api-error.filter';
import { isValidSlug } from '../../core/tenancy/agency-slug';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import { TenantData, type TenantDataAccess } from '../../core/tenancy/tenant-data';
import { agencyScope, type Actor, type AgencyScope } from '../../core/tenancy/tenant-scope';
import { EntitlementsService } from '../agencies/entitlements.service';
import { PortalAddressService } from '../domains/portal-address.service';
import {
  brandImagePath,
  brandImagesOf,
  lockBranding,
  saveBranding,
  settingsOf,
  type BrandingPatch,
} from './branding-rows';
import { Branding } from './entities/branding.entity';

/** An actor of the agency workspace: branding belongs to the agency as a whole. */
export type AgencyActor = Actor & { readonly scope: AgencyScope };

/** Everything an email to a client user needs to carry the agency's brand instead of Atrium's. */
export interface EmailBrand {
  /** The name the client users know the portal by (the agency's name unless it chose another). */
  portalName: string;
  /** The brand's colours for emails, derived like the portal's (light scheme, contrast-checked). */
  colors: { primary: string; onPrimary: string; primaryContainer: string; onPrimaryContainer: string };
  /** Absolute URL (on APP_URL) of the logo for light backgrounds, else of the icon; null without either. */
  logoUrl: string | null;
  /** The logo's stored size in pixels (emails show it scaled down, with both dimensions set). */
  logoSize: { width: number; height: number } | null;
  /** Display name of the sender (the address stays the installation's). */
  senderName: string;
  replyTo: string | null;
  /** Whether the "powered by Atrium" mark is shown (always, on plans that may not hide it). */
  showPoweredBy: boolean;
  legalFooter: string | null;
  supportEmail: string | null;
  supportUrl: string | null;
  /** Where the agency's clients reach its portal (active custom domain, else the slug address). */
  portalUrl: string;
}

const TEXT_FIELDS = [
  'portalName',
  'signInHeadline',
  'signInText',
  'supportEmail',
  'supportUrl',
  'legalFooter',
  'emailSenderName',
  'emailReplyTo',
] as const satisfies ReadonlyArray<keyof BrandSettings>;

const NO_BRAND = 'No portal at this address';

/**
 * The agency's brand (SPEC §2 Branding): Settings > Branding for its team, the public brand of its
 * sign-in pages, and the brand its emails to client users carry. Brand images: BrandImagesService.
 */
@Injectable()
export class BrandingService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantData,
    private readonly entitlements: EntitlementsService,
    private readonly addresses: PortalAddressService,
    private readonly audit: AuditService,
  ) {}

  /** Settings > Branding as the agency sees it; members read it, owners and admins may change it. */
  async view(scope: AgencyScope): Promise<BrandingResponse> {
    const { agency, row, entitlements } = await this.load(scope);
    const settings = settingsOf(agency, row, entitlements);
    return {
      settings,
      images: brandImagesOf(agency.slug, row?.images),
      slug: agency.slug,
      slugChangeable: agency.slugChangedAt === null,
      portalUrl: await this.addresses.baseUrl(agency.id),
      colorNotes: deriveBrandTheme(settings.primaryColor, settings.accentColor).notes,
      entitlements: { customDomain: entitlements.customDomain, hidePoweredBy: entitlements.hidePoweredBy },
      canEdit: scope.role === 'owner' || scope.role === 'admin',
    };
  }

  /** Changes the fields given (the row is made on the first save); empty text clears a field. */
  async update(actor: AgencyActor, request: UpdateBrandingRequest): Promise<BrandingResponse> {
    const { scope } = actor;
    const patch = patchOf(request);
    if (patch.showPoweredBy === false && !(await this.entitlements.of(scope)).hidePoweredBy) {
      throw new ValidationFailedException([
        {
          field: 'showPoweredBy',
          messages: ['Your plan does not include hiding the "powered by Atrium" mark. Upgrade to hide it.'],
        },
      ]);
    }
    const fields = Object.keys(patch);
    if (fields.length > 0) {
      await this.tenant.transaction(async (tx) => {
        const { row } = await lockBranding(tx, scope);
        await saveBranding(tx, scope, row, patch);
        await this.audit.recordFor(
          actor,
          { action: 'branding.updated', targetType: 'agency', targetId: scope.agencyId, details: { fields } },
          tx,
        );
      });
    }
    return this.view(scope);
  }

  /** Changes the sign-in address slug: once, to a valid one no other agency has. */
  async changeSlug(actor: AgencyActor, requested: string): Promise<BrandingResponse> {
    const { scope } = actor;
    const slug = requested.trim().toLowerCase();
    if (!isValidSlug(slug)) {
      throw new ValidationFailedException([
        {
          field: 'slug',
          messages: [
            'Use 3 to 63 lower-case letters, digits and dashes, starting and ending with a letter or digit. Some words (like "admin" or "portal") are kept for the installation.',
          ],
        },
      ]);
    }
    try {
      await this.tenant.transaction(async (tx) => {
        const { agency } = await lockBranding(tx, scope);
        if (agency.slug === slug) return;
        if (agency.slugChangedAt) {
          throw new ConflictException(
            `The sign-in address can be changed only once, and it was changed on ${agency.slugChangedAt.toISOString().slice(0, 10)}.`,
          );
        }
        if (await this.agencyIdForSlug(slug, tx)) throw slugTaken(slug);
        await tx.updateOwned(
          scope,
          Agency,
          { id: scope.agencyId },
          // The old slug stays this agency's: old links find it, and no one else can take it.
          { slug, previousSlug: agency.slug, slugChangedAt: new Date() },
        );
        await this.audit.recordFor(
          actor,
          {
            action: 'branding.slug_changed',
            targetType: 'agency',
            targetId: scope.agencyId,
            details: { from: agency.slug, to: slug },
          },
          tx,
        );
      });
    } catch (error) {
      // Another agency took it between the check and the write.
      if (isUniqueViolation(error)) throw slugTaken(slug);
      throw error;
    }
    return this.view(scope);
  }

  /** The brand anyone may see: public fields only, picked one by one so nothing else can slip in. */
  async publicBrand(agencyId: string): Promise<PublicBrand> {
    const { agency, row, entitlements } = await this.load(agencyScope(agencyId));
    const settings = settingsOf(agency, row, entitlements);
    return {
      portalName: settings.portalName,
      primaryColor: settings.primaryColor,
      accentColor: settings.accentColor,
      signInHeadline: settings.signInHeadline,
      signInText: settings.signInText,
      supportEmail: settings.supportEmail,
      supportUrl: settings.supportUrl,
      legalFooter: settings.legalFooter,
      showPoweredBy: settings.showPoweredBy,
      images: brandImagesOf(agency.slug, row?.images),
      slug: agency.slug,
    };
  }

  /** The public brand of a sign-in address slug; 404 for a slug no agency has. */
  async publicBrandForSlug(slug: string): Promise<PublicBrand> {
    const agencyId = await this.agencyIdForSlug(slug);
    if (!agencyId) throw new NotFoundException(NO_BRAND);
    return this.publicBrand(agencyId);
  }

  /**
   * The public brand of the custom domain a request arrived on (the domains feature resolves the
   * host once per request); 404 on the installation's own address, which is Atrium's.
   */
  async publicBrandForPortalHost(host: PortalHost | null): Promise<PublicBrand> {
    if (!host) throw new NotFoundException(NO_BRAND);
    return this.publicBrand(host.agencyId);
  }

  /** What emails to the agency's client users carry instead of Atrium's brand. */
  async brandForEmails(agencyId: string): Promise<EmailBrand> {
    const { agency, row, entitlements } = await this.load(agencyScope(agencyId));
    const settings = settingsOf(agency, row, entitlements);
    const { light } = deriveBrandTheme(settings.primaryColor, settings.accentColor);
    const logoSlot = row?.images.logoLight ? 'logoLight' : row?.images.icon ? 'icon' : null;
    const logo = logoSlot ? row?.images[logoSlot] : undefined;
    return {
      portalName: settings.portalName,
      colors: {
        primary: light['primary'] ?? settings.primaryColor,
        onPrimary: light['on-primary'] ?? '#ffffff',
        primaryContainer: light['primary-container'] ?? settings.primaryColor,
        onPrimaryContainer: light['on-primary-container'] ?? '#000000',
      },
      logoUrl: logoSlot && logo ? `${this.config.appUrl}${brandImagePath(agency.slug, logoSlot, logo)}` : null,
      logoSize: logoSlot && logo ? { width: logo.width, height: logo.height } : null,
      senderName: settings.emailSenderName ?? settings.portalName,
      replyTo: settings.emailReplyTo,
      showPoweredBy: settings.showPoweredBy,
      legalFooter: settings.legalFooter,
      supportEmail: settings.supportEmail,
      supportUrl: settings.supportUrl,
      portalUrl: await this.addresses.baseUrl(agency.id),
    };
  }

  /** The agency whose sign-in address slug this is, or was before its one change; or null. */
  async agencyIdForSlug(slug: string, data: TenantDataAccess = this.tenant): Promise<string | null> {
    if (!isValidSlug(slug)) return null;
    const agency = await data
      .unscoped('sign-in address: the slug is public and names the agency; it is what yields the tenant')
      .getRepository(Agency)
      .findOne({ select: { id: true }, where: [{ slug }, { previousSlug: slug }] });
    return agency?.id ?? null;
  }

  private async load(
    scope: AgencyScope,
  ): Promise<{ agency: Agency; row: Branding | null; entitlements: PlanEntitlements }> {
    const agency = await this.tenant.findOwned(scope, Agency, scope.agencyId, { notFound: 'Agency not found' });
    const row = await this.tenant.findOneOwned(scope, Branding, { where: {} });
    return { agency, row, entitlements: await this.entitlements.of(scope) };
  }
}

/** The change a request asks for: text trimmed, empty text cleared, colours in lower case. */
function patchOf(request: UpdateBrandingRequest): BrandingPatch {
  const patch: BrandingPatch = {};
  for (const field of TEXT_FIELDS) {
    const value = request[field];
    if (value !== undefined) patch[field] = value?.trim() || null;
  }
  if (request.primaryColor !== undefined) patch.primaryColor = request.primaryColor.toLowerCase();
  if (request.accentColor !== undefined) patch.accentColor = request.accentColor?.toLowerCase() ?? null;
  if (request.showPoweredBy !== undefined) patch.showPoweredBy = request.showPoweredBy;
  return patch;
}

function slugTaken(slug: string): ConflictException {
  return new ConflictException(`The address "${slug}" is already taken. Try another one.`);
}
