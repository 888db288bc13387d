/**
 * What sealing a contract needs, as plain data: the service gathers it from the database and the
 * file store, and the PDF code never touches either (so it is testable with in-memory fixtures).
 */
import type { SigningIdentity } from './signing-identity';

export interface SealField {
  /** 0-based page index. */
  page: number;
  /** 0–1 of the displayed page, from its top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
  kind: 'signature' | 'initials' | 'name' | 'date' | 'text' | 'checkbox';
  /** Text of name/date/text fields, 'true'/'false' for checkboxes, the words of a typed signature. */
  value: string | null;
  /** PNG or JPEG for signature/initials. */
  image: Buffer | null;
}

export interface SealRecipient {
  name: string;
  email: string;
  role: 'signer' | 'approver' | 'copy';
  step: number;
  status: string;
  signatureImage: Buffer | null;
  method: 'typed' | 'drawn' | 'uploaded' | null;
  typedText: string | null;
  ip: string | null;
  userAgent: string | null;
  timeZone: string | null;
  sentAt: Date | null;
  viewedAt: Date | null;
  actedAt: Date | null;
}

export interface SealEvent {
  at: Date;
  type: string;
  actorName: string | null;
  detail: string | null;
  ip: string | null;
}

export interface SealInput {
  original: Buffer;
  contractId: string;
  title: string;
  /** The agency's portal name, printed as the header of added pages. */
  brandName: string;
  verificationUrl: string;
  originalSha256: string;
  completedAt: Date;
  fields: SealField[];
  recipients: SealRecipient[];
  events: SealEvent[];
  /** Printed under the audit log. */
  eventChainHash: string | null;
  identity: SigningIdentity;
  /**
   * An RFC 3161 time-stamping authority whose token every signature must carry; null or absent =
   * signatures carry the server's clock only. When it cannot give a token, sealing fails.
   */
  timestampUrl?: string | null;
}

export interface SealedContract {
  /** The filled contract with certificate and audit pages, signed. */
  sealed: Buffer;
  /** The certificate and audit pages alone, signed. */
  certificate: Buffer;
  /** SHA-256 (hex) of the filled document before the certificate pages were added. */
  filledSha256: string;
}

export interface VoidStampInput {
  original: Buffer;
  title: string;
  brandName: string;
  reason: string;
  voidedAt: Date;
  identity: SigningIdentity;
  /** As in SealInput. */
  timestampUrl?: string | null;
}
