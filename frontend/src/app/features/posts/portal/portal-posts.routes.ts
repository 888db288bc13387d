import { Routes } from '@angular/router';

export const PORTAL_CALENDAR_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Calendar',
    loadComponent: () => import('./portal-calendar.page').then((m) => m.PortalCalendarPage),
  },
];
