import { challengeRecordName } from '@atrium/shared';
import { actionEmail, type EmailContent } from '../../core/mail/mail-templates';

/** Emails about an agency's custom domain; they go to its owners (agency users: Atrium's look). */
export class DomainEmails {
  constructor(private readonly appUrl: string) {}

  /** The TXT record disappeared: what to put back, and by when, before the domain stops working. */
  recordMissing(input: {
    ownerName: string;
    agencyName: string;
    hostname: string;
    token: string;
    stopsServingAt: Date;
  }): EmailContent {
    const when = readableTime(input.stopsServingAt);
    return actionEmail({
      subject: `Your portal address ${input.hostname} needs attention`,
      brand: 'Atrium',
      greeting: `Hi ${input.ownerName},`,
      paragraphs: [
        `We checked the DNS of ${input.hostname}, the portal address of ${input.agencyName}, and the TXT record that proves it is yours is gone.`,
        `To fix it, add this record again at your DNS provider: a TXT record named ${challengeRecordName(input.hostname)} with the value ${input.token}`,
        `If the record is not back by ${when}, your clients' portal stops using ${input.hostname} and its links go to your sign-in address on Atrium instead.`,
      ],
      action: { label: 'Open the domain settings', url: `${this.appUrl}/app/settings/branding` },
      footer: 'You get this email because you are an owner of this agency on Atrium.',
    });
  }
}

/** A date as people read it in a note or an email: `Tue, 14 Jan 2026 09:30 UTC`. */
export function readableTime(date: Date): string {
  return date.toUTCString().replace(/:\d\d GMT$/, ' UTC');
}
