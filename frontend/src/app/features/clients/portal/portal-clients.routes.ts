import { Routes } from '@angular/router';

export const PORTAL_TEAM_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Team',
    loadComponent: () => import('./portal-team.page').then((m) => m.PortalTeamPage),
  },
];
