import { Routes } from '@angular/router';

export const CALENDAR_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Calendar',
    loadComponent: () => import('./pages/calendar.page').then((m) => m.CalendarPage),
  },
];
