/**
 * Where an agency's files live in FileStorage. Every feature that stores a file puts the agency id
 * in the key's second segment under one of these roots (media, avatars, brand images and demo
 * seeds under `agencies/`, contract originals, sealed copies, certificates and signatures under
 * `contracts/`, contract templates, invoice PDFs), so the agency's files are found by listing
 * these prefixes, also ones no row points at any more.
 */
export function agencyStoragePrefixes(agencyId: string): string[] {
  return ['agencies', 'contracts', 'contract-templates', 'invoices'].map((root) => `${root}/${agencyId}/`);
}
