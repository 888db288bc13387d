import type { RecipientRole } from '@atrium/shared';

/** A recipient as the field editor needs them: where they are in the list, their name and role. */
export interface FieldEditorRecipient {
  /** Index into the contract's recipients (`ContractFieldInput.recipientIndex`). */
  index: number;
  name: string;
  role: RecipientRole;
}

/** The data type of a palette item being dragged onto a page. */
export const FIELD_KIND_DRAG_TYPE = 'application/x-atrium-field-kind';
