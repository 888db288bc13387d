import type { ContractFieldKind } from '@atrium/shared';
import { AUTO_FILLED_FIELD_KINDS } from '@atrium/shared';

export interface FieldKindInfo {
  kind: ContractFieldKind;
  /** The palette's word for it ("Signature", "Date signed"). */
  label: string;
  /** Material Symbols name. */
  icon: string;
}

/** The palette, in the order it is shown. */
export const FIELD_KINDS: readonly FieldKindInfo[] = [
  { kind: 'signature', label: 'Signature', icon: 'signature' },
  { kind: 'initials', label: 'Initials', icon: 'text_fields' },
  { kind: 'name', label: 'Full name', icon: 'badge' },
  { kind: 'date', label: 'Date signed', icon: 'calendar_today' },
  { kind: 'text', label: 'Text', icon: 'short_text' },
  { kind: 'checkbox', label: 'Checkbox', icon: 'check_box' },
];

export function fieldKindInfo(kind: ContractFieldKind): FieldKindInfo {
  return FIELD_KINDS.find((info) => info.kind === kind) ?? { kind, label: kind, icon: 'crop_free' };
}

/** Name and date fill themselves when the recipient signs: whether they are required means nothing. */
export function isAutoFilled(kind: ContractFieldKind): boolean {
  return AUTO_FILLED_FIELD_KINDS.includes(kind);
}

/** Only text fields and checkboxes show the signer a label. */
export function takesLabel(kind: ContractFieldKind): boolean {
  return kind === 'text' || kind === 'checkbox';
}

/** A new field is required, except a checkbox (most are "tick if …" options). */
export function requiredByDefault(kind: ContractFieldKind): boolean {
  return kind !== 'checkbox';
}

/**
 * A field box's accessible name: what it is, for whom, where, and whether the signer must fill it
 * ("Signature for Ana Silva, page 1, required"; a labelled text field says its label too).
 */
export function fieldAccessibleName(field: {
  kind: ContractFieldKind;
  page: number;
  required: boolean;
  label?: string | null;
  recipientName: string | null;
}): string {
  const what = fieldKindInfo(field.kind).label;
  const label = takesLabel(field.kind) && field.label?.trim() ? ` "${field.label.trim()}"` : '';
  const whom = field.recipientName ? ` for ${field.recipientName}` : ' with no recipient';
  const need = isAutoFilled(field.kind) ? 'filled in automatically' : field.required ? 'required' : 'optional';
  return `${what}${label}${whom}, page ${field.page + 1}, ${need}`;
}
