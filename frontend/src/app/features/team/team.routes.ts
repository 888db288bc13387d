import { Routes } from '@angular/router';

export const TEAM_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Team',
    loadComponent: () => import('./pages/team.page').then((m) => m.TeamPage),
  },
];
