import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Not } from 'typeorm';
import {
  BRAND_IMAGE_SLOTS,
  BRANDING_PATHS,
  type BrandImageSlot,
  type InvoiceBillTo,
  type InvoiceIssuer,
} from '@atrium/shared';
import { FileStorage } from '../../../core/storage/file-storage';
import { Agency } from '../../../core/tenancy/entities/agency.entity';
import { Client } from '../../../core/tenancy/entities/client.entity';
import { TenantData, type TenantDataAccess } from '../../../core/tenancy/tenant-data';
import { agencyScope, type TenantScope } from '../../../core/tenancy/tenant-scope';
import { BrandImagesService } from '../../branding/brand-images.service';
import { BrandingService } from '../../branding/branding.service';
import { BillingProfile } from '../entities/billing-profile.entity';
import { InvoiceLine } from '../entities/invoice-line.entity';
import { Invoice } from '../entities/invoice.entity';
import { invoiceDocument, type InvoiceDocument } from './invoice-document';
import { renderInvoicePdf } from './invoice-pdf-layout';

/** A PDF ready to send as a download. */
export interface InvoicePdfFile {
  bytes: Buffer;
  filename: string;
}

/**
 * The invoice as a branded PDF, rendered on the server. A sent (or later) invoice is rendered from
 * what was frozen at sending (issuer and bill-to snapshots, stored totals) and stored under a key
 * that is a fingerprint of everything it prints: it is served from storage until the invoice
 * changes (a payment, voiding, `updatedAt` moving past `pdfRenderedAt`), then rendered again.
 * A draft is a preview in today's brand, marked DRAFT, rendered each time and never stored.
 */
@Injectable()
export class InvoicePdfService {
  private readonly logger = new Logger(InvoicePdfService.name);

  constructor(
    private readonly tenant: TenantData,
    private readonly storage: FileStorage,
    private readonly branding: BrandingService,
    private readonly brandImages: BrandImagesService,
  ) {}

  /**
   * An invoice of the scope as a download; 404 for unknown and foreign ids, and for drafts unless
   * `drafts` is 'preview' (the agency's preview; a client never sees a draft).
   */
  async download(scope: TenantScope, invoiceId: string, drafts: 'preview' | 'hidden'): Promise<InvoicePdfFile> {
    const invoice = await this.tenant.findOwned(scope, Invoice, invoiceId, {
      where: drafts === 'hidden' ? { status: Not('draft' as const) } : {},
      notFound: 'Invoice not found',
    });
    const { bytes, document } = await this.render(invoice, this.tenant);
    return { bytes, filename: document.filename };
  }

  /**
   * The PDF bytes of an invoice (drafts render as a marked preview). Called inside a transaction
   * that holds the invoice's row, pass that transaction as `data`.
   */
  async pdfOf(invoice: Invoice, data: TenantDataAccess = this.tenant): Promise<Buffer> {
    return (await this.render(invoice, data)).bytes;
  }

  private async render(
    invoice: Invoice,
    data: TenantDataAccess,
  ): Promise<{ bytes: Buffer; document: InvoiceDocument }> {
    const scope = agencyScope(invoice.agencyId);
    const lines = await data.listOwned(scope, InvoiceLine, {
      where: { invoiceId: invoice.id },
      order: { position: 'ASC' },
    });
    const draft = invoice.status === 'draft';
    const issuer = (!draft && parseIssuer(invoice.issuer)) || (await this.currentIssuer(data, invoice));
    const billTo = (!draft && parseBillTo(invoice.billTo)) || (await this.currentBillTo(data, invoice));
    const document = invoiceDocument(invoice, lines, issuer, billTo);
    if (draft) return { bytes: await this.draw(document, invoice), document };

    const key = storageKey(invoice, document);
    const current = invoice.pdfKey === key && invoice.pdfRenderedAt && invoice.pdfRenderedAt >= invoice.updatedAt;
    if (current) {
      const stored = await this.read(key);
      if (stored) return { bytes: stored, document };
    }
    const bytes = await this.draw(document, invoice);
    await this.storage.put(key, Readable.from([bytes]), 'application/pdf');
    // update() leaves updatedAt alone: the stored copy is for the invoice as it is now.
    await data.updateOwned(scope, Invoice, { id: invoice.id }, { pdfKey: key, pdfRenderedAt: invoice.updatedAt });
    if (invoice.pdfKey && invoice.pdfKey !== key) await this.drop(invoice.pdfKey);
    invoice.pdfKey = key;
    invoice.pdfRenderedAt = invoice.updatedAt;
    return { bytes, document };
  }

  private async draw(document: InvoiceDocument, invoice: Invoice): Promise<Buffer> {
    return renderInvoicePdf({
      document,
      logoPng: await this.logo(document.issuer.logoUrl),
      changedAt: invoice.updatedAt,
    });
  }

  /** A draft's issuer: the agency and its brand as they are today (as sending would freeze them). */
  private async currentIssuer(data: TenantDataAccess, invoice: Invoice): Promise<InvoiceIssuer> {
    const agency = await data.findOwned(agencyScope(invoice.agencyId), Agency, invoice.agencyId);
    const brand = await this.branding.brandForEmails(invoice.agencyId);
    return { name: agency.name, logoUrl: brand.logoUrl, primaryColor: brand.colors.primary };
  }

  /** A draft's bill-to: the client's billing profile today (its name when the profile has no legal name). */
  private async currentBillTo(data: TenantDataAccess, invoice: Invoice): Promise<InvoiceBillTo> {
    const scope = agencyScope(invoice.agencyId);
    const client = await data.findOwned(scope, Client, invoice.clientId);
    const profile = await data.findOneOwned(scope, BillingProfile, { where: { clientId: invoice.clientId } });
    return {
      name: profile?.legalName || client.name,
      email: profile?.email ?? '',
      address: {
        line1: profile?.addressLine1 ?? '',
        line2: profile?.addressLine2 ?? '',
        city: profile?.city ?? '',
        postalCode: profile?.postalCode ?? '',
        region: profile?.region ?? '',
        country: profile?.country ?? '',
      },
      taxId: profile?.taxId ?? '',
    };
  }

  /**
   * The logo's bytes, when `logoUrl` is one of this installation's brand images and still the
   * agency's current one (an older logo's file is gone: the issuer's name is printed instead).
   */
  private async logo(logoUrl: string | null): Promise<Uint8Array | null> {
    const image = brandImageOf(logoUrl);
    if (!image) return null;
    try {
      const file = await this.brandImages.open(image.slug, image.slot, image.version);
      const parts: Buffer[] = [];
      for await (const chunk of file.body) parts.push(Buffer.from(chunk as Buffer));
      return Buffer.concat(parts);
    } catch {
      return null;
    }
  }

  private async read(key: string): Promise<Buffer | null> {
    try {
      const parts: Buffer[] = [];
      for await (const chunk of await this.storage.get(key)) parts.push(Buffer.from(chunk as Buffer));
      return Buffer.concat(parts);
    } catch (error) {
      this.logger.warn({
        msg: 'A stored invoice PDF could not be read; rendering it again',
        key,
        error: String(error),
      });
      return null;
    }
  }

  private async drop(key: string): Promise<void> {
    await this.storage
      .delete(key)
      .catch((error: unknown) =>
        this.logger.warn({ msg: 'Could not delete an old invoice PDF', key, error: String(error) }),
      );
  }
}

/**
 * Where an invoice's PDF is stored: per agency and invoice, named by a fingerprint of what it
 * prints, so a changed invoice never gets a stale file and a re-render of the same state lands
 * on the same key.
 */
export function storageKey(invoice: Pick<Invoice, 'agencyId' | 'id'>, document: InvoiceDocument): string {
  const fingerprint = createHash('sha256').update(JSON.stringify(document)).digest('hex').slice(0, 24);
  return `invoices/${invoice.agencyId}/${invoice.id}/${fingerprint}.pdf`;
}

/** The slug, slot and version of a brand image URL (absolute or a path), or null. */
export function brandImageOf(url: string | null): { slug: string; slot: BrandImageSlot; version: string } | null {
  if (!url) return null;
  const at = url.indexOf(`${BRANDING_PATHS.publicBrandImages}/`);
  if (at < 0) return null;
  const [slug, slot, version] = url.slice(at + BRANDING_PATHS.publicBrandImages.length + 1).split(/[/?#]/);
  if (!slug || !version || !(BRAND_IMAGE_SLOTS as readonly string[]).includes(slot)) return null;
  return { slug, slot: slot as BrandImageSlot, version };
}

function parseJson(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The issuer frozen at sending, or null when there is none (a draft) or it cannot be read. */
export function parseIssuer(json: string | null): InvoiceIssuer | null {
  const value = parseJson(json);
  if (!value || !text(value['name'])) return null;
  return {
    name: text(value['name']),
    logoUrl: text(value['logoUrl']) || null,
    primaryColor: text(value['primaryColor']) || null,
  };
}

/** The bill-to frozen at sending, or null. */
export function parseBillTo(json: string | null): InvoiceBillTo | null {
  const value = parseJson(json);
  if (!value) return null;
  const address = (value['address'] && typeof value['address'] === 'object' ? value['address'] : {}) as Record<
    string,
    unknown
  >;
  return {
    name: text(value['name']),
    email: text(value['email']),
    address: {
      line1: text(address['line1']),
      line2: text(address['line2']),
      city: text(address['city']),
      postalCode: text(address['postalCode']),
      region: text(address['region']),
      country: text(address['country']),
    },
    taxId: text(value['taxId']),
  };
}
