import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { ErrorStateMatcher } from '@angular/material/core';
import { MAT_ICON_DEFAULT_OPTIONS } from '@angular/material/icon';
import { TitleStrategy, provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { appRoutes } from './app.routes';
import { authInterceptor } from './core/auth/auth.interceptor';
import { AuthService } from './core/auth/auth.service';
import { clientHeaderInterceptor } from './core/http/client-header.interceptor';
import { AtriumTitleStrategy } from './core/title.strategy';
import { ChangedOrSubmittedErrorStateMatcher } from './core/ui/error-timing';
import { RouteFocus } from './core/ui/route-focus';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    // The client header goes after the bearer so that retries after a refresh carry it too.
    provideHttpClient(withInterceptors([authInterceptor, clientHeaderInterceptor])),
    provideRouter(
      appRoutes,
      withComponentInputBinding(),
      withInMemoryScrolling({ scrollPositionRestoration: 'enabled' }),
    ),
    { provide: TitleStrategy, useClass: AtriumTitleStrategy },
    // Errors show after a submit or a change, not for tabbing through an empty field.
    { provide: ErrorStateMatcher, useClass: ChangedOrSubmittedErrorStateMatcher },
    // Icons come from the self-hosted Material Symbols font (material-symbols/outlined.css).
    { provide: MAT_ICON_DEFAULT_OPTIONS, useValue: { fontSet: 'material-symbols-outlined' } },
    // A reload keeps the session: the refresh cookie is traded for an access token before the
    // first navigation, so guards already know who is signed in.
    provideAppInitializer(() => inject(AuthService).restoreSession()),
    // After each move to another page, focus goes to its main heading (announced), never to <body>.
    provideAppInitializer(() => inject(RouteFocus).start()),
  ],
};
