import { NotFoundException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Contract } from './entities/contract.entity';

/** The files of a contract a person can download. */
export const CONTRACT_FILES = ['original', 'signed', 'certificate', 'voided'] as const;
export type ContractFileKind = (typeof CONTRACT_FILES)[number];

/** The stored key of a file, or 404 when it does not exist (yet). */
export function contractFile(contract: Contract, kind: ContractFileKind): { key: string; filename: string } {
  const sealed = contract.status === 'completed' && contract.sealState === 'sealed';
  // Characters file systems refuse (and control characters) become spaces.
  const base =
    [...contract.title]
      .map((c) => (c.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(c) ? ' ' : c))
      .join('')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 120) || 'Contract';
  const files: Record<ContractFileKind, { key: string | null; filename: string }> = {
    original: { key: contract.originalKey, filename: `${base}.pdf` },
    signed: { key: sealed ? contract.finalKey : null, filename: `${base} - signed.pdf` },
    certificate: { key: sealed ? contract.certificateKey : null, filename: `${base} - signing certificate.pdf` },
    voided: { key: contract.voidedKey, filename: `${base} - voided.pdf` },
  };
  const file = files[kind];
  if (!file.key) throw new NotFoundException('This file is not available for this contract');
  return { key: file.key, filename: file.filename };
}

/** Sends a PDF as a download that no browser runs or sniffs as anything else. */
export function sendPdf(reply: FastifyReply, bytes: Buffer, filename: string): void {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  void reply
    .header('Content-Type', 'application/pdf')
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "default-src 'none'; sandbox")
    .header('Cache-Control', 'private, no-store')
    .header('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(bytes);
}
