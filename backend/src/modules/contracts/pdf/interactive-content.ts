/**
 * A sealed contract is a record, not an application: its form fields become part of the page (a
 * field left live could be edited after signing, and readers would show the edit), and it must run
 * nothing when opened or clicked: no document JavaScript, no open action, no additional actions on
 * the document, pages, annotations or fields, no launching programs or submitting forms.
 */
import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFRef,
  PDFStream,
  type PDFDocument,
  type PDFFont,
  type PDFObject,
} from '@cantoo/pdf-lib';

/** Action types that run code, start programs, open other files or send data away. */
const ACTIVE_ACTIONS = new Set(
  [
    'JavaScript',
    'Launch',
    'SubmitForm',
    'ImportData',
    'ResetForm',
    'Rendition',
    'RichMediaExecute',
    'GoToR',
    'GoToE',
  ].map((type) => PDFName.of(type)),
);
/**
 * Keys removed wherever they appear: additional actions (AA), the open action, the document's
 * JavaScript name tree (Names/JavaScript) and script bodies (JS).
 */
const ACTIVE_KEYS = ['AA', 'OpenAction', 'JavaScript', 'JS'].map((key) => PDFName.of(key));

/**
 * Draws every form field into its page (keeping what the reader showed) and removes the fields.
 * Fields without an appearance get one first, in our font, so a filled-in value in any script
 * survives; a field that cannot be drawn at all is removed rather than left editable.
 */
export function flattenForm(doc: PDFDocument, font: PDFFont): void {
  const acroForm = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  if (!acroForm) return;
  try {
    const form = doc.getForm();
    for (const field of form.getFields()) {
      try {
        if (field.needsAppearancesUpdate()) field.defaultUpdateAppearances(font);
      } catch {
        // Flattening draws the field without a fresh appearance (or drops it); nothing else to do.
      }
    }
    withoutConsoleErrors(() => form.flatten({ updateFieldAppearances: false }));
  } catch {
    // A form pdf-lib cannot read at all: without the AcroForm its widgets are no longer fields that
    // take input, and readers still draw their appearances, which is all a record needs.
    doc.catalog.delete(PDFName.of('AcroForm'));
    return;
  }
  acroForm.delete(PDFName.of('NeedAppearances'));
  acroForm.delete(PDFName.of('XFA'));
}

/** Removes every way the document could run something (see the header). */
export function removeActiveContent(doc: PDFDocument): void {
  const { context } = doc;
  const isActiveAction = (value: PDFObject | undefined): boolean => {
    const action = value instanceof PDFRef ? context.lookup(value) : value;
    return action instanceof PDFDict && ACTIVE_ACTIONS.has(action.get(PDFName.of('S')) as PDFName);
  };
  const scrub = (object: PDFObject): void => {
    if (object instanceof PDFDict) {
      for (const key of ACTIVE_KEYS) object.delete(key);
      for (const [key, value] of object.entries()) {
        if (isActiveAction(value)) object.delete(key);
        else scrub(value);
      }
    } else if (object instanceof PDFArray) {
      for (let index = object.size() - 1; index >= 0; index--) {
        if (isActiveAction(object.get(index))) object.remove(index);
        else scrub(object.get(index));
      }
    } else if (object instanceof PDFStream) {
      scrub(object.dict);
    }
  };
  // Every indirect object, and the direct objects inside them (references are visited on their own).
  for (const [, object] of context.enumerateIndirectObjects()) scrub(object);
}

/**
 * pdf-lib's flatten reports each widget it cannot draw with console.error and carries on, which is
 * what we want, minus the stack traces in the server log.
 */
function withoutConsoleErrors(run: () => void): void {
  const original = console.error;
  console.error = () => undefined;
  try {
    run();
  } finally {
    console.error = original;
  }
}
