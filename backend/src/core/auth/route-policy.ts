import { applyDecorators, SetMetadata } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiServiceUnavailableResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AgencyRole, ClientPermission } from '@atrium/shared';
import { ApiErrorDto } from '../http/api-error.dto';

export const ROUTE_POLICY = 'atrium:route-policy';

/**
 * Who may call a route. Every route must declare one; the global guard refuses routes that do
 * not, so forgetting a decorator closes a route instead of opening it.
 */
export type RoutePolicy =
  | { kind: 'public' }
  | { kind: 'any-signed-in' }
  | { kind: 'agency'; roles: AgencyRole[] | null }
  | { kind: 'portal'; permission: ClientPermission | null }
  | { kind: 'operator' };

/** Anyone, signed in or not (sign-in, health, ...). */
export const Public = () => SetMetadata(ROUTE_POLICY, { kind: 'public' } satisfies RoutePolicy);

const documented = (description: string) =>
  applyDecorators(
    ApiBearerAuth('access-token'),
    ApiUnauthorizedResponse({
      type: ApiErrorDto,
      description: 'Missing, expired or revoked session',
    }),
    ApiForbiddenResponse({ type: ApiErrorDto, description }),
    ApiServiceUnavailableResponse({
      type: ApiErrorDto,
      description: 'The database is not answering (the session stays valid); retry after `Retry-After` seconds',
    }),
  );

/** Any signed-in user, agency or client. */
export const SignedIn = () =>
  applyDecorators(
    SetMetadata(ROUTE_POLICY, { kind: 'any-signed-in' } satisfies RoutePolicy),
    documented('Never: any signed-in user may call this'),
  );

/** Agency users only; optionally only some agency roles. Client users are refused. */
export const AgencyRoute = (...roles: AgencyRole[]) =>
  applyDecorators(
    SetMetadata(ROUTE_POLICY, {
      kind: 'agency',
      roles: roles.length ? roles : null,
    } satisfies RoutePolicy),
    documented(`Caller is not an agency user${roles.length ? ` with role ${roles.join(' or ')}` : ''}`),
  );

/** Client users only (the portal); optionally requiring an effective client permission. */
export const PortalRoute = (permission?: ClientPermission) =>
  applyDecorators(
    SetMetadata(ROUTE_POLICY, {
      kind: 'portal',
      permission: permission ?? null,
    } satisfies RoutePolicy),
    documented(`Caller is not a client user${permission ? ` with permission ${permission}` : ''}`),
  );

/**
 * Platform operators only (`/api/v1/admin`), signed in with password and TOTP. Agency and client
 * users are refused (403); operators' tokens are accepted nowhere else.
 */
export const OperatorRoute = () =>
  applyDecorators(
    SetMetadata(ROUTE_POLICY, { kind: 'operator' } satisfies RoutePolicy),
    ApiBearerAuth('operator-token'),
    ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Missing, expired or revoked operator session' }),
    ApiForbiddenResponse({ type: ApiErrorDto, description: 'Caller is not a platform operator' }),
  );
