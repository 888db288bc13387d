import { Routes } from '@angular/router';
import { DevMailboxLayoutComponent } from './components/dev-mailbox-layout.component';

/** Public on purpose: it exists only when the server captures email instead of sending it. */
export const DEV_MAILBOX_ROUTES: Routes = [
  {
    path: '',
    component: DevMailboxLayoutComponent,
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Dev mailbox',
        loadComponent: () => import('./pages/mailbox-list.page').then((m) => m.MailboxListPage),
      },
      {
        path: ':id',
        title: 'Email · Dev mailbox',
        loadComponent: () => import('./pages/mailbox-message.page').then((m) => m.MailboxMessagePage),
      },
    ],
  },
];
