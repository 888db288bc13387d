import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { API_PREFIX, API_V1, SETTINGS_PATHS, SOCIAL_PATHS, WEB_PATHS } from '@atrium/shared';
import { catchError, switchMap, throwError } from 'rxjs';
import { AuthService } from './auth.service';
import { protectedReturnUrl } from './return-url';

/**
 * Endpoints that work without a session: sign-in and its relatives, the invitation pages, and the
 * public Client Connect Link page (its three calls only: revoking a link is an agency call), and
 * the email-change confirmation (the link may be opened signed out, or in another browser).
 * A 401 from them is an answer for the person (e.g. a wrong current password when accepting an
 * invitation), never a reason to refresh, and certainly not to sign anyone out.
 */
const PUBLIC_PREFIXES = [
  `${API_V1}/auth/`,
  `${API_V1}/invitations/`,
  SOCIAL_PATHS.linkPreview,
  SOCIAL_PATHS.linkStart,
  SOCIAL_PATHS.linkComplete,
  SETTINGS_PATHS.confirmEmailChange,
];

function isApiCall(url: string): boolean {
  return url === API_PREFIX || url.startsWith(`${API_PREFIX}/`);
}

function withBearer<T>(request: HttpRequest<T>, token: string | null): HttpRequest<T> {
  return token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request;
}

/**
 * Adds the bearer token to our API calls and keeps the session alive: a 401 from any API call
 * other than the auth endpoints triggers one (shared) refresh and one retry. When the server
 * refuses the refresh, the user is sent to sign in and comes back to the page they wanted.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  if (!isApiCall(request.url)) {
    return next(request);
  }
  const auth = inject(AuthService);

  if (PUBLIC_PREFIXES.some((prefix) => request.url.startsWith(prefix))) {
    // The refresh cookie travels with these (sign-in sets it); they never trigger a refresh.
    return next(request.clone({ withCredentials: true }));
  }

  const router = inject(Router);
  const tokenSent = auth.accessToken();

  return next(withBearer(request, tokenSent)).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401) {
        return throwError(() => error);
      }
      const current = auth.accessToken();
      if (current && current !== tokenSent) {
        // Someone else refreshed while this call was under way: just retry with the new token.
        return next(withBearer(request, current));
      }
      return auth.refresh().pipe(
        switchMap((renewed) => {
          if (!renewed) {
            redirectToLogin(router);
            return throwError(() => error);
          }
          return next(withBearer(request, auth.accessToken()));
        }),
      );
    }),
  );
};

function redirectToLogin(router: Router): void {
  // During a navigation (a guard or resolver calling the API) the page they wanted is its target.
  const wanted = router.currentNavigation()?.finalUrl ?? router.currentNavigation()?.extractedUrl;
  const url = wanted ? router.serializeUrl(wanted) : router.url;
  const returnUrl = protectedReturnUrl(url);
  void router.navigate([WEB_PATHS.login], {
    queryParams: returnUrl ? { returnUrl } : {},
  });
}
