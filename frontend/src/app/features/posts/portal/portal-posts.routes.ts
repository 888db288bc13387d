import { Routes } from '@angular/router';

export const PORTAL_CALENDAR_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Calendar',
    loadComponent: () => import('./portal-calendar.page').then((m) => m.PortalCalendarPage),
  },
];

export const PORTAL_REVIEW_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'To review',
    loadComponent: () => import('./portal-reviews.page').then((m) => m.PortalReviewsPage),
  },
];
