import { Routes } from '@angular/router';

export const MEDIA_LIBRARY_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Media',
    loadComponent: () => import('./pages/media-library.page').then((m) => m.MediaLibraryPage),
  },
];
