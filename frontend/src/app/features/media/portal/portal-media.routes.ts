import { Routes } from '@angular/router';

export const PORTAL_MEDIA_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Media',
    loadComponent: () => import('./portal-media.page').then((m) => m.PortalMediaPage),
  },
];
