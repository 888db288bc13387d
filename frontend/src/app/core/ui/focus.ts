/** After a refused submit, put the keyboard user on the first field that needs attention. */
export function focusFirstInvalid(container: HTMLElement): void {
  const field = container.querySelector<HTMLElement>('input.ng-invalid, textarea.ng-invalid, select.ng-invalid');
  field?.focus();
}
