import { isInstallationAlias, normaliseHostname } from './hostname';

const own = ['atrium.example.com', 'edge.example.net'];
const refusal = (input: string) => {
  try {
    normaliseHostname(input, own);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${input} was accepted`);
};

describe('normaliseHostname', () => {
  it('lower-cases, drops the trailing dot and writes international names in punycode', () => {
    expect(normaliseHostname('  Portal.Example.COM. ', own)).toBe('portal.example.com');
    expect(normaliseHostname('portal.bücher.de', own)).toBe('portal.xn--bcher-kva.de');
    expect(normaliseHostname('клиенты.пример.рф', own)).toBe('xn--e1affem4a4d.xn--e1afmkfd.xn--p1ai');
    // Names under a private suffix are somebody's: allowed.
    expect(normaliseHostname('agency.github.io', own)).toBe('agency.github.io');
    expect(normaliseHostname('example.com', own)).toBe('example.com');
  });

  it('refuses IP addresses, schemes, paths and ports', () => {
    expect(refusal('192.0.2.10')).toMatch(/not an IP address/);
    expect(refusal('[2001:db8::1]')).toMatch(/not an IP address/);
    expect(refusal('https://portal.example.com')).toMatch(/no https:\/\/, path or port/);
    expect(refusal('portal.example.com/login')).toMatch(/no https:\/\/, path or port/);
    expect(refusal('portal.example.com:8443')).toMatch(/no https:\/\/, path or port/);
  });

  it('refuses public suffixes, single labels and invalid labels', () => {
    expect(refusal('co.uk')).toMatch(/public suffix/);
    expect(refusal('github.io')).toMatch(/public suffix/);
    expect(refusal('intranet')).toMatch(/full domain name/);
    expect(refusal('-portal.example.com')).toMatch(/not a valid domain name/);
    expect(refusal('portal..example.com')).toMatch(/not a valid domain name/);
    expect(refusal(`${'a'.repeat(64)}.example.com`)).toMatch(/not a valid domain name/);
    expect(refusal('')).toMatch(/Enter the domain name/);
  });

  it("refuses the installation's own host, its subdomains and loopback names", () => {
    expect(refusal('atrium.example.com')).toMatch(/belongs to this service/);
    expect(refusal('client.atrium.example.com')).toMatch(/belongs to this service/);
    expect(refusal('edge.example.net')).toMatch(/belongs to this service/);
    expect(refusal('portal.localhost')).toMatch(/only works on the server itself/);
    // A sibling of the installation is somebody else's name.
    expect(normaliseHostname('portal.example.com', own)).toBe('portal.example.com');
  });
});

describe('isInstallationAlias', () => {
  it('treats IP literals and localhost names as the installation itself', () => {
    expect(isInstallationAlias('127.0.0.1')).toBe(true);
    expect(isInstallationAlias('[::1]')).toBe(true);
    expect(isInstallationAlias('localhost')).toBe(true);
    expect(isInstallationAlias('app.localhost')).toBe(true);
    expect(isInstallationAlias('portal.example.com')).toBe(false);
  });
});
