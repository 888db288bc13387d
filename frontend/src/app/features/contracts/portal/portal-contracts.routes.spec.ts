import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { CanMatchFn, Router, UrlTree, provideRouter } from '@angular/router';
import type { ClientPermission } from '@atrium/shared';
import { appRoutes } from '../../../app.routes';
import { ActiveClientService } from '../../../core/auth/active-client.service';
import { portalPageFor, visiblePortalPages } from '../../../layouts/portal-shell/portal-pages';
import { PORTAL_CONTRACTS_ROUTES } from './portal-contracts.routes';

describe('where the contract pages are mounted', () => {
  it('lists Contracts in the portal menu after Accounts and before Team, for people who may sign', () => {
    const labels = (permissions: Parameters<typeof visiblePortalPages>[0]) =>
      visiblePortalPages(permissions).map((page) => page.label);
    expect(labels(['accounts.manage', 'contracts.sign', 'users.manage'])).toEqual([
      'Dashboard',
      'Accounts',
      'Contracts',
      'Team',
    ]);
    expect(labels(['accounts.manage'])).not.toContain('Contracts');
    expect(portalPageFor('/portal/contracts/c-1')?.label).toBe('Contracts');
  });

  it('guards /portal/contracts by the permission, and opens the list and one contract under it', () => {
    const portal = appRoutes.find((route) => route.path === 'portal');
    const contracts = portal?.children?.find((route) => route.path === 'contracts');
    const guard = contracts?.canMatch?.[0] as CanMatchFn;
    const allowed = (permissions: ClientPermission[]) => {
      TestBed.resetTestingModule();
      TestBed.configureTestingModule({
        providers: [
          provideRouter([]),
          { provide: ActiveClientService, useValue: { client: signal({ id: 'client-1', permissions }) } },
        ],
      });
      return TestBed.runInInjectionContext(() => guard({ path: 'contracts' }, []));
    };
    expect(allowed(['contracts.sign'])).toBe(true);
    const refused = allowed(['calendar.view']);
    expect(refused).toBeInstanceOf(UrlTree);
    expect(TestBed.inject(Router).serializeUrl(refused as UrlTree)).toBe('/portal');
    expect(PORTAL_CONTRACTS_ROUTES.map((route) => route.path)).toEqual(['', ':contractId']);
  });

  it('leaves /verify open to everyone', () => {
    const verify = appRoutes.find((route) => route.path === 'verify');
    expect(verify).toBeDefined();
    expect(verify?.canMatch).toBeUndefined();
    expect(verify?.canActivate).toBeUndefined();
  });
});
