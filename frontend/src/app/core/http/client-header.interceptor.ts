import { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { API_V1 } from '@atrium/shared';
import { ActiveClientService } from '../auth/active-client.service';

export const CLIENT_HEADER = 'X-Atrium-Client';
const PORTAL_PREFIX = `${API_V1}/portal/`;

/** Portal API calls act for the active client; the server checks the user belongs to it. */
export const clientHeaderInterceptor: HttpInterceptorFn = (request, next) => {
  if (!request.url.startsWith(PORTAL_PREFIX) || request.headers.has(CLIENT_HEADER)) {
    return next(request);
  }
  const clientId = inject(ActiveClientService).clientId();
  return next(clientId ? request.clone({ setHeaders: { [CLIENT_HEADER]: clientId } }) : request);
};
