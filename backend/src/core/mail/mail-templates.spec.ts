import { compileEmailLayouts } from './email-layout';
import { actionEmail, brandedActionEmail, type EmailBrandLook, type EmailMessage } from './mail-templates';

const brand: EmailBrandLook = {
  portalName: 'Northwind Studio',
  colors: { primary: '#7a1f5c', onPrimary: '#ffffff' },
  logoUrl: 'https://app.example.com/api/v1/public/brand-images/northwind/logoLight/abc123',
  logoSize: { width: 480, height: 160 },
  senderName: 'Northwind Team',
  replyTo: 'hello@northwind.example',
  showPoweredBy: false,
  legalFooter: 'Northwind Ltd, 1 Harbour Road',
  supportEmail: 'help@northwind.example',
  supportUrl: null,
};

const message: EmailMessage = {
  subject: 'Your sign-in link',
  greeting: 'Hi <Ivy>,',
  paragraphs: ['Sign in without a password.', 'It is quick & easy.'],
  action: { label: 'Sign in', url: 'https://portal.northwind.example/magic-link?token=abc&x="1"' },
  footer: 'The link works once.',
};

describe('email templates (MJML, compiled once)', () => {
  beforeAll(() => compileEmailLayouts());

  it('compiles once: later calls share the same compiled layouts', async () => {
    expect(await compileEmailLayouts()).toBe(await compileEmailLayouts());
  });

  it("renders a client user's email in the brand, with no trace of Atrium when the mark is off", () => {
    const email = brandedActionEmail(brand, message);
    expect(email.fromName).toBe('Northwind Team');
    expect(email.replyTo).toBe('hello@northwind.example');
    expect(email.html).toContain('background:#7a1f5c');
    expect(email.html).toContain(`src="${brand.logoUrl}"`);
    // Scaled into a 200 x 48 box, both dimensions set for clients that ignore CSS.
    expect(email.html).toContain('width="144" height="48"');
    expect(email.html).toContain('alt="Northwind Studio"');
    expect(email.html).toContain('Northwind Ltd, 1 Harbour Road');
    expect(email.html).toContain('href="mailto:help@northwind.example"');
    expect(`${email.subject}${email.text}${email.html}`).not.toMatch(/atrium/i);
    expect(email.html).not.toContain('{{');
    expect(email.text).toContain('Northwind Studio');
    expect(email.text).toContain(`Sign in: ${message.action.url}`);
    expect(email.text).toContain('Northwind Ltd, 1 Harbour Road');
  });

  it('escapes every value it places in the HTML', () => {
    const email = brandedActionEmail(brand, message);
    expect(email.html).toContain('Hi &lt;Ivy&gt;,');
    expect(email.html).toContain('quick &amp; easy');
    expect(email.html).toContain('href="https://portal.northwind.example/magic-link?token=abc&amp;x=&quot;1&quot;"');
    expect(email.html).not.toContain('<Ivy>');
  });

  it('shows the portal name instead of a logo, and the mark when the agency shows it', () => {
    const email = brandedActionEmail({ ...brand, logoUrl: null, logoSize: null, showPoweredBy: true }, message);
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain('Northwind Studio');
    expect(email.html).toContain('Powered by Atrium');
    expect(email.text).toContain('Powered by Atrium');
  });

  it('never puts anything but a #rrggbb colour into the CSS', () => {
    const email = brandedActionEmail(
      { ...brand, colors: { primary: 'red;background:url(x)', onPrimary: '#ffffff' } },
      message,
    );
    expect(email.html).not.toContain('url(x)');
    expect(email.html).toContain('background:#3f51b5');
  });

  it("keeps Atrium's look for agency users", () => {
    const email = actionEmail({ ...message, brand: 'Atrium' });
    expect(email.html).toContain('background:#3f51b5');
    expect(email.html).toContain('>Atrium<');
    expect(email.text).toBe(
      [
        'Hi <Ivy>,',
        '',
        'Sign in without a password.',
        '',
        'It is quick & easy.',
        '',
        `Sign in: ${message.action.url}`,
        '',
        'The link works once.',
      ].join('\n'),
    );
  });
});
