import mjml2html from 'mjml';

/**
 * The one email layout, written in MJML (responsive, tested by its maintainers against the common
 * clients, Outlook's table quirks included) and compiled to HTML once at start-up: sending an email
 * only fills the compiled HTML's `{{slots}}` with escaped values, it never runs MJML.
 *
 * Variants differ in their heading: Atrium's small grey label (emails to agency users, the look
 * they always had), a client-facing brand's logo, or its portal name when it has no logo.
 */
export type LayoutVariant = 'atrium' | 'brandLogo' | 'brandName';

/** Slot name → HTML that is already safe to place (see `escapeHtml`). */
export type LayoutSlots = Record<LayoutSlot, string>;

type LayoutSlot =
  | 'title'
  | 'preview'
  | 'heading'
  | 'logoUrl'
  | 'logoWidth'
  | 'logoHeight'
  | 'greeting'
  | 'paragraphs'
  | 'actionLabel'
  | 'actionUrl'
  | 'primary'
  | 'onPrimary'
  | 'footer'
  | 'brandFooter';

const SLOT = /\{\{(\w+)\}\}/g;

const HEADINGS: Record<LayoutVariant, string> = {
  atrium: '<mj-text font-size="14px" color="#5d5e67">{{heading}}</mj-text>',
  // Both dimensions set on the image itself: clients that ignore CSS (Outlook) still size it right.
  brandLogo:
    '<mj-text><img src="{{logoUrl}}" alt="{{heading}}" width="{{logoWidth}}" height="{{logoHeight}}" style="display:block;border:0;outline:none;width:{{logoWidth}}px;height:{{logoHeight}}px;max-width:100%"></mj-text>',
  brandName: '<mj-text font-size="20px" font-weight="500" color="{{primary}}">{{heading}}</mj-text>',
};

function source(variant: LayoutVariant): string {
  // The brand's footer (legal text, support, "powered by") sits under the card; Atrium's has none.
  const brandFooter =
    variant === 'atrium'
      ? ''
      : `<mj-section padding="16px 0 0"><mj-column>
          <mj-text align="center" font-size="12px" line-height="1.5" color="#5d5e67">{{brandFooter}}</mj-text>
        </mj-column></mj-section>`;
  return `<mjml lang="en">
  <mj-head>
    <mj-title>{{title}}</mj-title>
    <mj-preview>{{preview}}</mj-preview>
    <mj-attributes>
      <mj-all font-family="Roboto, Arial, sans-serif" />
      <mj-text font-size="16px" line-height="1.5" color="#1b1b1f" padding="0 0 16px" />
    </mj-attributes>
    <mj-style>.atr-url a, .atr-url { word-break: break-all; }</mj-style>
  </mj-head>
  <mj-body background-color="#f5f5f7" width="560px">
    <mj-wrapper padding="24px 0">
    <mj-section background-color="#ffffff" border-radius="12px" padding="32px">
      <mj-column>
        ${HEADINGS[variant]}
        <mj-text>{{greeting}}</mj-text>
        <mj-text padding="0">{{paragraphs}}</mj-text>
        <mj-button href="{{actionUrl}}" background-color="{{primary}}" color="{{onPrimary}}" font-size="16px" font-weight="500" border-radius="20px" inner-padding="12px 24px" align="left" padding="8px 0 24px">{{actionLabel}}</mj-button>
        <mj-text font-size="13px" color="#5d5e67" css-class="atr-url">{{actionUrl}}</mj-text>
        <mj-text font-size="13px" color="#5d5e67" padding="8px 0 0">{{footer}}</mj-text>
      </mj-column>
    </mj-section>
    ${brandFooter}
    </mj-wrapper>
  </mj-body>
</mjml>`;
}

let compiled: Promise<Record<LayoutVariant, string>> | null = null;
let ready: Record<LayoutVariant, string> | null = null;

/**
 * Compiles every variant (once; later calls share the first). Fails loudly when MJML reports a
 * problem other than the expected one: a colour slot is not a colour until it is filled.
 */
export function compileEmailLayouts(): Promise<Record<LayoutVariant, string>> {
  compiled ??= (async () => {
    const variants = Object.keys(HEADINGS) as LayoutVariant[];
    const entries = await Promise.all(
      variants.map(async (variant) => {
        const result = await mjml2html(source(variant), { validationLevel: 'soft', fonts: {}, keepComments: false });
        const problems = result.errors.filter((error) => !/\{\{\w+\}\}/.test(error.message));
        if (problems.length > 0) {
          throw new Error(`Email layout "${variant}" does not compile: ${problems.map((p) => p.message).join('; ')}`);
        }
        return [variant, result.html] as const;
      }),
    );
    ready = Object.fromEntries(entries) as Record<LayoutVariant, string>;
    return ready;
  })().catch((error: unknown) => {
    compiled = null;
    throw error;
  });
  return compiled;
}

/** The compiled variant with its slots filled (in one pass: a value is never read as a slot). */
export function renderLayout(variant: LayoutVariant, slots: LayoutSlots): string {
  if (!ready) throw new Error('Email layouts are not compiled yet: MailModule compiles them at start-up');
  return ready[variant].replace(SLOT, (whole, name: string) => {
    const value = (slots as Record<string, string | undefined>)[name];
    if (value === undefined) throw new Error(`Email layout slot {{${name}}} has no value`);
    return value;
  });
}
