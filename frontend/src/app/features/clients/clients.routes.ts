import { Routes } from '@angular/router';

export const CLIENTS_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Clients',
    loadComponent: () => import('./pages/clients.page').then((m) => m.ClientsPage),
  },
];
