import type { Routes } from '@angular/router';

/** `/view-as/…`: the pages of a "View as client" tab outside the portal itself. */
export const VIEW_AS_ROUTES: Routes = [
  {
    path: 'ended',
    title: 'View as client has ended',
    loadComponent: () => import('./pages/view-as-ended.page').then((m) => m.ViewAsEndedPage),
  },
];
