import { Routes } from '@angular/router';

export const CONTRACTS_ROUTES: Routes = [
  {
    path: '',
    title: 'Contracts',
    loadComponent: () => import('./pages/contracts-list.page').then((m) => m.ContractsListPage),
  },
  {
    path: ':contractId',
    title: 'Contract',
    loadComponent: () => import('./pages/contract.page').then((m) => m.ContractPage),
  },
];
