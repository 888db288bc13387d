import { Routes } from '@angular/router';

/** Portal › Messages (messages.use, checked where app.routes.ts mounts it). */
export const PORTAL_MESSAGES_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Messages',
    loadComponent: () => import('./pages/portal-messages.page').then((m) => m.PortalMessagesPage),
  },
];

/**
 * The agency's inbox: the list, and one conversation beside it (wide screens) or alone (narrow
 * ones). The conversation is a child route, so the list stays as it was while moving between them.
 */
export const AGENCY_MESSAGES_ROUTES: Routes = [
  {
    path: '',
    title: 'Messages',
    loadComponent: () => import('./pages/agency-inbox.page').then((m) => m.AgencyInboxPage),
    children: [
      {
        path: ':clientId',
        title: 'Messages',
        loadComponent: () => import('./pages/agency-conversation.page').then((m) => m.AgencyConversationPage),
      },
    ],
  },
];
