import type { ViewAsResponse } from '@atrium/shared';
import { Observable, finalize, map, throwError } from 'rxjs';

export const POPUP_BLOCKED = 'Your browser blocked the new tab. Allow pop-ups for this site, then try again.';

/** Where a view opens: the token goes in the fragment, which never reaches a server or its logs. */
export function viewAddress(view: ViewAsResponse): string {
  return `${view.portalUrl}#token=${encodeURIComponent(view.accessToken)}`;
}

/**
 * Opens a view in a new tab. The tab is opened at once, while the click that asked for it still
 * counts (browsers block tabs opened after a network round trip), and sent to the portal once the
 * server has issued the view; it closes again if that fails. It gets no handle on this tab: its
 * `opener` is cleared before it loads anything.
 */
export function openViewTab(issue: Observable<ViewAsResponse>, host: Pick<Window, 'open'> = window): Observable<void> {
  const tab = host.open('', '_blank');
  if (!tab) {
    return throwError(() => new Error(POPUP_BLOCKED));
  }
  tab.opener = null;
  let opened = false;
  return issue.pipe(
    map((view) => {
      tab.location.replace(viewAddress(view));
      opened = true;
    }),
    // Refused, failed or given up: the blank tab goes away.
    finalize(() => {
      if (!opened) {
        tab.close();
      }
    }),
  );
}
