import { renderLayout, type LayoutSlots, type LayoutVariant } from './email-layout';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

export interface ActionEmail {
  subject: string;
  /** Sender shown in the heading, e.g. the agency's or the portal's name. */
  brand: string;
  greeting: string;
  paragraphs: string[];
  action: { label: string; url: string };
  footer: string;
}

/** Atrium's own colours: emails to agency users look as they always did. */
const ATRIUM_COLORS = { primary: '#3f51b5', onPrimary: '#ffffff' };

/** A plain, accessible transactional email with one button, in text and HTML, in Atrium's look. */
export function actionEmail(email: ActionEmail): EmailContent {
  const text = [
    email.greeting,
    '',
    ...email.paragraphs.flatMap((p) => [p, '']),
    `${email.action.label}: ${email.action.url}`,
    '',
    email.footer,
  ].join('\n');
  const html = render('atrium', email.subject, email.brand, email, ATRIUM_COLORS);
  return { subject: email.subject, text, html };
}

/** The body of an email: who it greets, what it says, its one action and its small print. */
export type EmailMessage = Omit<ActionEmail, 'brand'>;

/**
 * What an email to a client user carries instead of Atrium's brand (BrandingService.brandForEmails
 * answers it). The sender's address stays the installation's; only its display name is the brand's.
 */
export interface EmailBrandLook {
  portalName: string;
  colors: { primary: string; onPrimary: string };
  /** Absolute URL of the logo, or null to show the portal name instead. */
  logoUrl: string | null;
  /** The logo's size in pixels, when known (it is shown scaled down with both dimensions set). */
  logoSize?: { width: number; height: number } | null;
  senderName: string;
  replyTo: string | null;
  showPoweredBy: boolean;
  legalFooter: string | null;
  supportEmail: string | null;
  supportUrl: string | null;
}

/** A branded email: its content and the sender's display name and reply-to address for the outbox. */
export interface BrandedEmailContent extends EmailContent {
  fromName: string;
  replyTo: string | null;
}

/**
 * An email to a client user in the agency's brand: its logo (or portal name), its colour on the
 * button, its sender name and reply-to, and its legal and support lines. It says "Atrium" only in
 * the "powered by" line, and only when the agency shows that mark.
 */
export function brandedActionEmail(brand: EmailBrandLook, email: EmailMessage): BrandedEmailContent {
  const smallPrint = brandSmallPrint(brand);
  const text = [
    brand.portalName,
    '',
    email.greeting,
    '',
    ...email.paragraphs.flatMap((p) => [p, '']),
    `${email.action.label}: ${email.action.url}`,
    '',
    email.footer,
    ...(smallPrint.length > 0 ? ['', '--', ...smallPrint.map((line) => line.text)] : []),
  ].join('\n');
  const colors = isHex(brand.colors.primary) && isHex(brand.colors.onPrimary) ? brand.colors : ATRIUM_COLORS;
  const logo = brand.logoUrl && /^https?:\/\//.test(brand.logoUrl) ? brand.logoUrl : null;
  const size = logoBox(brand.logoSize ?? null, brand.logoUrl);
  const html = render(logo ? 'brandLogo' : 'brandName', email.subject, brand.portalName, email, colors, {
    logoUrl: escapeHtml(logo ?? ''),
    logoWidth: String(size.width),
    logoHeight: String(size.height),
    brandFooter: smallPrint.map((line) => line.html).join('<br>'),
  });
  return { subject: email.subject, text, html, fromName: brand.senderName, replyTo: brand.replyTo };
}

interface SmallPrintLine {
  text: string;
  html: string;
}

function brandSmallPrint(brand: EmailBrandLook): SmallPrintLine[] {
  const lines: SmallPrintLine[] = [];
  if (brand.legalFooter) lines.push({ text: brand.legalFooter, html: escapeHtml(brand.legalFooter) });
  const support = [brand.supportEmail, brand.supportUrl].filter((v): v is string => Boolean(v));
  if (support.length > 0) {
    lines.push({
      text: `Need help? ${support.join(' · ')}`,
      html: `Need help? ${support
        .map((v) => {
          const href = v === brand.supportEmail ? `mailto:${v}` : v;
          return /^(mailto:|https?:\/\/)/.test(href)
            ? `<a href="${escapeHtml(href)}" style="color:#5d5e67">${escapeHtml(v)}</a>`
            : escapeHtml(v);
        })
        .join(' · ')}`,
    });
  }
  if (brand.showPoweredBy) lines.push({ text: 'Powered by Atrium', html: 'Powered by Atrium' });
  return lines;
}

/** Logos are shown at most 48 px high and 200 px wide; icons (square) at 48 px. */
function logoBox(
  size: { width: number; height: number } | null,
  url: string | null,
): { width: number; height: number } {
  const natural =
    size && size.width > 0 && size.height > 0
      ? size
      : url?.includes('/icon/')
        ? { width: 1, height: 1 }
        : { width: 3, height: 1 };
  const scale = Math.min(48 / natural.height, 200 / natural.width);
  return {
    width: Math.max(1, Math.round(natural.width * scale)),
    height: Math.max(1, Math.round(natural.height * scale)),
  };
}

function render(
  variant: LayoutVariant,
  subject: string,
  heading: string,
  email: EmailMessage,
  colors: { primary: string; onPrimary: string },
  extra: Partial<LayoutSlots> = {},
): string {
  return renderLayout(variant, {
    title: escapeHtml(subject),
    preview: escapeHtml(email.paragraphs[0] ?? subject),
    heading: escapeHtml(heading),
    logoUrl: '',
    logoWidth: '',
    logoHeight: '',
    greeting: escapeHtml(email.greeting),
    paragraphs: email.paragraphs.map((p) => `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`).join(''),
    actionLabel: escapeHtml(email.action.label),
    actionUrl: escapeHtml(email.action.url),
    primary: colors.primary,
    onPrimary: colors.onPrimary,
    footer: escapeHtml(email.footer),
    brandFooter: '',
    ...extra,
  });
}

function isHex(value: string): boolean {
  return /^#[0-9a-fA-F]{6}$/.test(value);
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
