import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { parse } from 'tldts';

/** Why an entered domain name cannot be a portal address, in words for the person who typed it. */
export class HostnameProblem extends Error {}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Turns what an agency typed into the hostname its portal will live at: lower case, punycode for
 * international names (`домен.example` → `xn--d1acufc.example`), no trailing dot. Refuses IP
 * addresses, names with a scheme, path or port, public suffixes (`co.uk`, `github.io`: nobody
 * owns those) and the installation's own host and its subdomains (`installationHosts`).
 */
export function normaliseHostname(input: string, installationHosts: readonly string[]): string {
  const typed = input.trim();
  if (!typed) throw new HostnameProblem('Enter the domain name your clients will use, like portal.example.com.');
  if (isIP(typed) !== 0 || isIP(typed.replace(/^\[|\]$/g, '')) !== 0) {
    throw new HostnameProblem('Enter a domain name, not an IP address.');
  }
  if (/[/:@?#\s\\]/.test(typed)) {
    throw new HostnameProblem('Enter only the domain name, like portal.example.com: no https://, path or port.');
  }
  const ascii = domainToASCII(typed.replace(/\.$/, '')).toLowerCase();
  const labels = ascii.split('.');
  if (!ascii || ascii.length > 253 || !labels.every((label) => LABEL.test(label))) {
    throw new HostnameProblem(`"${typed}" is not a valid domain name.`);
  }
  if (labels.length < 2) throw new HostnameProblem('Enter a full domain name, like portal.example.com.');
  const parsed = parse(ascii, { allowPrivateDomains: true, extractHostname: false });
  if (parsed.isIp) throw new HostnameProblem('Enter a domain name, not an IP address.');
  if (!parsed.domain || parsed.publicSuffix === ascii) {
    throw new HostnameProblem(`${ascii} is a public suffix that nobody owns: use a name under your own domain.`);
  }
  if (isInstallationAlias(ascii)) {
    throw new HostnameProblem(`${ascii} only works on the server itself: use a name under your own domain.`);
  }
  for (const own of installationHosts) {
    if (ascii === own || ascii.endsWith(`.${own}`)) {
      throw new HostnameProblem(`${ascii} belongs to this service itself: use a name under your own domain.`);
    }
  }
  return ascii;
}

/**
 * The hostname a request was addressed to (Host, or X-Forwarded-Host behind a trusted proxy), as
 * it would be stored: lower case, no port, no trailing dot; null when there is none.
 */
export function requestHostname(hostname: string | undefined): string | null {
  if (!hostname) return null;
  const host = hostname.trim().toLowerCase().replace(/\.$/, '');
  return host || null;
}

/**
 * Hosts that always mean the installation itself: loopback names and IP addresses (health checks,
 * local development, an operator reaching the server directly). A custom domain is never one.
 */
export function isInstallationAlias(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return isIP(bare) !== 0 || bare === 'localhost' || bare.endsWith('.localhost');
}
