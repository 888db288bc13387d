import { HttpErrorResponse, HttpHandlerFn, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { EnvironmentInjector, inject } from '@angular/core';
import { Router } from '@angular/router';
import {
  API_PREFIX,
  API_V1,
  SETTINGS_PATHS,
  SOCIAL_PATHS,
  VIEW_AS_PATHS,
  VIEW_AS_READ_ONLY_MESSAGE,
  WEB_PATHS,
} from '@atrium/shared';
import { MonoTypeOperatorFunction, catchError, retry, switchMap, throwError, timer } from 'rxjs';
import { isApiError } from '../http/api-error';
import { AuthService, REFRESH_RETRY_DELAYS_MS, isRetryLater } from './auth.service';
import { BrandService } from '../branding/brand.service';
import { isUnder, protectedReturnUrl } from './return-url';

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

/** Methods that change nothing, so sending them again after a 503 cannot do anything twice. */
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * A 503 means the server is briefly unable to answer (its database is away), not that anything is
 * wrong with the session: reads are tried again a few times with growing waits, quietly. Changes
 * are not (the page shows the plain message), and nothing here ever signs anyone out for a 503.
 */
function retryWhileUnavailable<T>(method: string, delaysMs: readonly number[]): MonoTypeOperatorFunction<T> {
  if (!SAFE_METHODS.has(method.toUpperCase()) || delaysMs.length === 0) return (source) => source;
  return retry({
    count: delaysMs.length,
    delay: (error: unknown, retryCount: number) =>
      isRetryLater(error) ? timer(delaysMs[retryCount - 1]) : throwError(() => error),
  });
}

/**
 * Adds the bearer token to our API calls and keeps the session alive: a 401 from any API call
 * other than the auth endpoints triggers one (shared) refresh and one retry. When the server
 * refuses the refresh, the user is sent to sign in and comes back to the page they wanted. A 503
 * is never a reason to sign out (see retryWhileUnavailable).
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  if (!isApiCall(request.url)) {
    return next(request);
  }
  const auth = inject(AuthService);

  if (auth.isViewAs()) {
    return viewAsCall(request, next, auth.viewAsToken());
  }

  if (PUBLIC_PREFIXES.some((prefix) => request.url.startsWith(prefix))) {
    // The refresh cookie travels with these (sign-in sets it); they never trigger a refresh.
    return next(request.clone({ withCredentials: true }));
  }

  const router = inject(Router);
  const brands = inject(BrandService);
  const tokenSent = auth.accessToken();
  const delaysMs = inject(REFRESH_RETRY_DELAYS_MS);

  return next(withBearer(request, tokenSent)).pipe(
    retryWhileUnavailable(request.method, delaysMs),
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
            redirectToLogin(router, brands);
            return throwError(() => error);
          }
          return next(withBearer(request, auth.accessToken()));
        }),
      );
    }),
  );
};

/** Said when the server refuses a change during a view (the page may say more in its own words). */
export const VIEW_AS_REFUSED_TOAST = 'Changes are turned off while you view the portal as a client. Nothing was saved.';

/**
 * A "View as client" tab: every call carries the view's own read-only token, sign-out included, so
 * the server refuses whatever would change something (the browser sends the agency user's refresh
 * cookie with it too). Never a refresh: the view cannot be renewed, and the cookie is the agency
 * user's session in their other tabs. A refused change gets a toast; an ended view, its page.
 */
function viewAsCall<T>(request: HttpRequest<T>, next: HttpHandlerFn, token: string | null) {
  const auth = inject(AuthService);
  const router = inject(Router);
  const injector = inject(EnvironmentInjector);
  return next(withBearer(request, token)).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401) {
        auth.endViewAs();
        void router.navigateByUrl(VIEW_AS_PATHS.ended);
      } else if (
        error instanceof HttpErrorResponse &&
        error.status === 403 &&
        isApiError(error.error) &&
        error.error.message === VIEW_AS_READ_ONLY_MESSAGE
      ) {
        // Loaded on first use: the snack bar is not part of the first page's code.
        void import('../ui/toast.service').then(({ ToastService }) =>
          injector.get(ToastService).show(VIEW_AS_REFUSED_TOAST),
        );
      }
      return throwError(() => error);
    }),
  );
}

function redirectToLogin(router: Router, brands: BrandService): void {
  // During a navigation (a guard or resolver calling the API) the page they wanted is its target.
  const wanted = router.currentNavigation()?.finalUrl ?? router.currentNavigation()?.extractedUrl;
  const url = wanted ? router.serializeUrl(wanted) : router.url;
  const returnUrl = protectedReturnUrl(url);
  // A client user whose session ended signs in again on their agency's branded page.
  const loginPath = isUnder(url, WEB_PATHS.portalHome) ? brands.portalSignInPath() : WEB_PATHS.login;
  void router.navigate([loginPath], {
    queryParams: returnUrl ? { returnUrl } : {},
  });
}
