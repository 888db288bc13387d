/** The public check of a signed document: what the visitor typed or dropped, and what to tell them. */

/**
 * A SHA-256 as people paste it: from a certificate, with spaces or line breaks in it, in capitals.
 * The check wants 64 hexadecimal characters.
 */
export type Sha256Check =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly error: string };

export function checkSha256(input: string): Sha256Check {
  const value = input.replace(/\s+/g, '').toLowerCase();
  if (!value) return { ok: false, error: 'Paste the SHA-256 to check.' };
  if (/[^0-9a-f]/.test(value)) {
    return { ok: false, error: 'A SHA-256 has only the digits 0–9 and the letters a–f.' };
  }
  if (value.length !== 64) {
    return { ok: false, error: `A SHA-256 has 64 characters; this has ${value.length}.` };
  }
  return { ok: true, value };
}

/** Whether a picked or dropped file looks like a PDF: by its type, or by its name (some systems give no type). */
export function looksLikePdf(file: Pick<File, 'name' | 'type'>): boolean {
  return file.type === 'application/pdf' || file.type === 'application/x-pdf' || /\.pdf$/i.test(file.name);
}

/** "March 5, 2026": the day a contract was completed (in the visitor's own time zone). */
export function completedOn(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat('en', { year: 'numeric', month: 'long', day: 'numeric' }).format(date);
}

/** What the check found, in a sentence; a file and a pasted SHA-256 are spoken of differently. */
export function verificationSentence(
  result: { match: boolean; title: string | null; completedAt: string | null },
  source: 'file' | 'hash',
): string {
  if (result.match) {
    const when = completedOn(result.completedAt);
    const what = `${result.title ?? 'Untitled'}${when ? `, completed on ${when}` : ''}`;
    return source === 'file'
      ? `This is a completed contract: ${what}. The file has not been changed since it was signed.`
      : `This SHA-256 is that of a completed contract: ${what}. A file with this SHA-256 has not been changed since it was signed.`;
  }
  return source === 'file'
    ? 'This file does not match any completed contract of this installation. It may have been changed after signing, or it was not signed here.'
    : 'This SHA-256 does not match any completed contract of this installation. The document may have been changed after signing, or it was not signed here.';
}
