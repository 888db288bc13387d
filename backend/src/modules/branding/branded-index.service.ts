import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { PublicBrand } from '@atrium/shared';
import { PortalHostsService } from '../domains/portal-hosts.service';
import { BrandingService } from './branding.service';
import { renderIndex, type IndexPage } from './branded-index';

/** `/a/<slug>` and the pages below it: an agency's sign-in address on the installation. */
const SLUG_PATH = /^\/a\/([^/?#]+)(?:\/|$)/;
/** The client portal's pages: client-facing, so never titled Atrium while its brand loads. */
const PORTAL_PATH = /^\/portal(?:\/|$)/;

/**
 * The index.html the backend serves for a page of the built frontend (create-app.ts
 * `serveFrontend`), so a branded page arrives already themed and titled: the brand of the
 * `/a/<slug>/...` address, or of the active custom domain the request came to.
 */
@Injectable()
export class BrandedIndexService {
  private readonly logger = new Logger(BrandedIndexService.name);

  constructor(
    private readonly branding: BrandingService,
    private readonly hosts: PortalHostsService,
  ) {}

  async render(template: string, request: { path: string; hostname: string | undefined }): Promise<string> {
    return renderIndex(template, await this.pageFor(request.path, request.hostname));
  }

  /** Which page a request is for; a lookup that fails serves the page unbranded rather than not at all. */
  async pageFor(path: string, hostname: string | undefined): Promise<IndexPage> {
    try {
      const host = await this.hosts.resolve(hostname?.toLowerCase().replace(/\.$/, '') ?? null);
      if (host.kind === 'portal') {
        return { kind: 'brand', brand: await this.branding.publicBrand(host.agencyId), customDomain: true };
      }
      if (host.kind === 'unknown') return { kind: 'atrium' };
      const slug = SLUG_PATH.exec(path)?.[1];
      if (slug !== undefined) {
        const brand = await this.slugBrand(slug);
        return brand ? { kind: 'brand', brand, customDomain: false } : { kind: 'neutral', title: 'Sign in' };
      }
      return PORTAL_PATH.test(path) ? { kind: 'neutral', title: 'Portal' } : { kind: 'atrium' };
    } catch (error) {
      this.logger.warn(`Serving ${path} without its brand: ${(error as Error).message}`);
      if (SLUG_PATH.test(path)) return { kind: 'neutral', title: 'Sign in' };
      return PORTAL_PATH.test(path) ? { kind: 'neutral', title: 'Portal' } : { kind: 'atrium' };
    }
  }

  private async slugBrand(raw: string): Promise<PublicBrand | null> {
    let slug: string;
    try {
      slug = decodeURIComponent(raw).toLowerCase();
    } catch {
      return null;
    }
    try {
      return await this.branding.publicBrandForSlug(slug);
    } catch (error) {
      if (error instanceof NotFoundException) return null;
      throw error;
    }
  }
}
