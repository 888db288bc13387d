import type { Provider } from '@angular/core';
import type { MatDialogConfig } from '@angular/material/dialog';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS } from '@angular/material/form-field';

/**
 * Size for every dialog: comfortable on a desktop, edge to edge (minus a margin) at 360 px.
 * Spread into MatDialog.open's config.
 */
export const DIALOG_SIZE: MatDialogConfig = {
  width: '520px',
  maxWidth: 'calc(100vw - 24px)',
  maxHeight: 'calc(100dvh - 24px)',
};

/**
 * Dialogs are created from the root injector, out of reach of route providers: dialogs with form
 * fields provide the outlined appearance themselves.
 */
export const OUTLINED_FIELDS: Provider = {
  provide: MAT_FORM_FIELD_DEFAULT_OPTIONS,
  useValue: { appearance: 'outline' },
};
