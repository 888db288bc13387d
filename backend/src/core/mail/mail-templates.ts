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

/** A plain, accessible transactional email with one button, in text and HTML. */
export function actionEmail(email: ActionEmail): EmailContent {
  const text = [
    email.greeting,
    '',
    ...email.paragraphs.flatMap((p) => [p, '']),
    `${email.action.label}: ${email.action.url}`,
    '',
    email.footer,
  ].join('\n');

  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(email.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f5f5f7;font-family:Roboto,Arial,sans-serif;color:#1b1b1f">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:12px;padding:32px">
<tr><td>
<p style="font-size:14px;color:#5d5e67;margin:0 0 16px">${escapeHtml(email.brand)}</p>
<p style="font-size:16px;margin:0 0 16px">${escapeHtml(email.greeting)}</p>
${email.paragraphs.map((p) => `<p style="font-size:16px;line-height:1.5;margin:0 0 16px">${escapeHtml(p)}</p>`).join('\n')}
<p style="margin:24px 0"><a href="${escapeHtml(email.action.url)}" style="display:inline-block;background:#3f51b5;color:#ffffff;text-decoration:none;padding:12px 24px;border-radius:20px;font-weight:500">${escapeHtml(email.action.label)}</a></p>
<p style="font-size:13px;color:#5d5e67;word-break:break-all">${escapeHtml(email.action.url)}</p>
<p style="font-size:13px;color:#5d5e67;margin-top:24px">${escapeHtml(email.footer)}</p>
</td></tr></table></td></tr></table>
</body></html>`;

  return { subject: email.subject, text, html };
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
