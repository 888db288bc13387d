import { Routes } from '@angular/router';

/** Portal › Contracts (contracts.sign, checked where app.routes.ts mounts them). */
export const PORTAL_CONTRACTS_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Contracts',
    loadComponent: () => import('./portal-contracts.page').then((m) => m.PortalContractsPage),
  },
  {
    path: ':contractId',
    title: 'Contract',
    loadComponent: () => import('./portal-contract.page').then((m) => m.PortalContractPage),
  },
];
