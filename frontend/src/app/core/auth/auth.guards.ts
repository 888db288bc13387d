import { inject } from '@angular/core';
import { CanMatchFn, Route, Router, UrlSegment, UrlTree } from '@angular/router';
import { WEB_PATHS, type AgencyRole, type Audience, type ClientPermission, type MeResponse } from '@atrium/shared';
import { ActiveClientService } from './active-client.service';
import { BrandService } from '../branding/brand.service';
import { AuthService } from './auth.service';
import { homeFor } from './return-url';

/**
 * Where a visitor may go on a side of the app. Signed-out visitors go to sign in (remembering the
 * page), users of the other audience go to their own home.
 */
export function decideAccess(
  router: Router,
  me: MeResponse | null,
  required: Audience,
  wantedUrl: string,
  loginPath: string = WEB_PATHS.login,
): true | UrlTree {
  if (!me) {
    return router.createUrlTree([loginPath], { queryParams: { returnUrl: wantedUrl } });
  }
  return me.audience === required ? true : router.parseUrl(homeFor(me.audience));
}

/**
 * The full URL being navigated to (with its query); canMatch only hands over the segments, so
 * those are the fallback.
 */
function wantedUrl(router: Router, segments: UrlSegment[]): string {
  const target = router.currentNavigation()?.extractedUrl;
  return target ? router.serializeUrl(target) : '/' + segments.map((s) => s.path).join('/');
}

function audienceGuard(required: Audience): CanMatchFn {
  // canMatch (not canActivate) so that a refused visitor never even downloads the lazy chunk.
  return (_route: Route, segments: UrlSegment[]) => {
    const router = inject(Router);
    // A client user is sent to their agency's branded sign-in page.
    const loginPath = required === 'client' ? inject(BrandService).portalSignInPath() : WEB_PATHS.login;
    return decideAccess(router, inject(AuthService).me(), required, wantedUrl(router, segments), loginPath);
  };
}

/** `/app`: signed-in agency users only; a client user is sent to `/portal`. */
export const agencyGuard: CanMatchFn = audienceGuard('agency');

/** `/portal`: signed-in client users only; an agency user is sent to `/app`. */
export const portalGuard: CanMatchFn = audienceGuard('client');

/** Sign-in and sign-up pages: a signed-in user goes straight to their home. */
export const guestGuard: CanMatchFn = () => {
  const auth = inject(AuthService);
  return auth.isSignedIn() ? inject(Router).parseUrl(auth.homeUrl()) : true;
};

/**
 * Agency pages for some roles only (Team: owner and admin). Others land on the dashboard. The
 * server refuses them anyway; this keeps them from a page that can only fail.
 */
export function agencyRoleGuard(...roles: AgencyRole[]): CanMatchFn {
  return () => {
    const role = inject(AuthService).me()?.agencyRole;
    return role && roles.includes(role) ? true : inject(Router).parseUrl(WEB_PATHS.agencyHome);
  };
}

/** Portal pages unlocked by a permission of the active client (SPEC §4); otherwise the portal home. */
export function clientPermissionGuard(permission: ClientPermission): CanMatchFn {
  return () =>
    inject(ActiveClientService).client()?.permissions.includes(permission)
      ? true
      : inject(Router).parseUrl(WEB_PATHS.portalHome);
}
