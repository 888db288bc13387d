/**
 * "Skip to content" moves focus to the main landmark. A plain href="#main" would, under
 * <base href="/">, point at the site root instead of this page.
 */
export function skipToMain(event: Event): void {
  event.preventDefault();
  document.getElementById('main')?.focus();
}
