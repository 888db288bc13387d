import { MAT_FORM_FIELD_DEFAULT_OPTIONS } from '@angular/material/form-field';
import { Routes } from '@angular/router';
import { AuthLayoutComponent } from '../../auth/components/auth-layout.component';

/**
 * `/verify`: the public check of a signed document, in the sign-in card like the other pages one
 * reaches without signing in (in the agency's brand on its own domain).
 */
export const VERIFY_ROUTES: Routes = [
  {
    path: '',
    component: AuthLayoutComponent,
    providers: [{ provide: MAT_FORM_FIELD_DEFAULT_OPTIONS, useValue: { appearance: 'outline' } }],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Check a signed document',
        loadComponent: () => import('./verify-document.page').then((m) => m.VerifyDocumentPage),
      },
    ],
  },
];
