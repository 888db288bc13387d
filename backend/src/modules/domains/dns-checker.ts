import { Inject, Injectable } from '@nestjs/common';
import { promises as dns } from 'node:dns';
import { challengeRecordName } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';

/** What one look at a record found. `unknown`: DNS did not answer, so nothing may be concluded. */
export type Seen = 'found' | 'missing' | 'unknown';

export interface DnsFindings {
  /** `wrong`: the TXT record exists but holds something other than the token. */
  txt: Seen | 'wrong';
  routing: Seen;
}

/** One DNS query may wait this long, and is tried twice. */
const QUERY_TIMEOUT_MS = 2500;
const QUERY_TRIES = 2;
/** A whole check (TXT, CNAME, addresses) never takes longer than this. */
const CHECK_TIMEOUT_MS = 8000;

/** Answers that mean "there is no such record" (NXDOMAIN, NODATA), as opposed to a failed lookup. */
const ABSENT = new Set(['ENOTFOUND', 'ENODATA']);

/**
 * Looks at an agency's two records with real DNS queries (node:dns), through the resolver in
 * DNS_RESOLVER or the system's. Every query is bounded, and a lookup that fails (timeout, refused,
 * server failure) reports `unknown` rather than a missing record, so a DNS outage never takes a
 * working domain away.
 */
@Injectable()
export class DnsChecker {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async check(hostname: string, token: string): Promise<DnsFindings> {
    const resolver = new dns.Resolver({ timeout: QUERY_TIMEOUT_MS, tries: QUERY_TRIES });
    if (this.config.customDomains.dnsResolvers) resolver.setServers(this.config.customDomains.dnsResolvers);
    // Cancelling makes every query still running fail at once, which reads as `unknown`.
    const deadline = setTimeout(() => resolver.cancel(), CHECK_TIMEOUT_MS);
    try {
      const [txt, routing] = await Promise.all([
        this.txt(resolver, challengeRecordName(hostname), token),
        this.routing(resolver, hostname, this.config.customDomains.cnameTarget),
      ]);
      return { txt, routing };
    } finally {
      clearTimeout(deadline);
    }
  }

  /** The token must be one TXT value exactly, its character strings joined as DNS splits long ones. */
  private async txt(resolver: dns.Resolver, name: string, token: string): Promise<DnsFindings['txt']> {
    try {
      const values = (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''));
      if (values.includes(token)) return 'found';
      return values.length > 0 ? 'wrong' : 'missing';
    } catch (error) {
      return absent(error) ? 'missing' : 'unknown';
    }
  }

  /**
   * Routed here: a CNAME to the target, or (an apex name cannot have a CNAME, and a CNAME chain
   * or flattening hides it) every A/AAAA address of the name is one of the target's.
   */
  private async routing(resolver: dns.Resolver, hostname: string, target: string): Promise<Seen> {
    try {
      const aliases = await resolver.resolveCname(hostname);
      if (aliases.some((alias) => bareName(alias) === target)) return 'found';
    } catch (error) {
      if (!absent(error)) return 'unknown';
    }
    const [own, targets] = await Promise.all([addresses(resolver, hostname), addresses(resolver, target)]);
    if (own === null || targets === null) return 'unknown';
    return own.length > 0 && own.every((address) => targets.includes(address)) ? 'found' : 'missing';
  }
}

/** A name's IPv4 and IPv6 addresses; null when DNS did not answer. */
async function addresses(resolver: dns.Resolver, name: string): Promise<string[] | null> {
  const lookups = await Promise.all(
    [resolver.resolve4(name), resolver.resolve6(name)].map((lookup) =>
      lookup.catch((error: unknown) => (absent(error) ? [] : null)),
    ),
  );
  if (lookups.some((found) => found === null)) return null;
  return lookups.flatMap((found) => found ?? []);
}

function absent(error: unknown): boolean {
  return ABSENT.has(String((error as { code?: unknown }).code));
}

function bareName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
