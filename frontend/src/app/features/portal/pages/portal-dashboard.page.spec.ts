import { HttpErrorResponse } from '@angular/common/http';
import { Component, input, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ClientPermission, ContractList, PortalOverviewResponse } from '@atrium/shared';
import { Observable, of, throwError } from 'rxjs';
import { ActiveClientService } from '../../../core/auth/active-client.service';
import { AuthService } from '../../../core/auth/auth.service';
import { PortalContractsApi } from '../../contracts/data-access/contracts.api';
import { summary } from '../../contracts/portal/testing/contract-fixtures';
import { PortalReviewsApi } from '../../posts/data-access/portal-reviews.api';
import { SocialApi } from '../../social/data-access/social.api';
import { PortalDashboardApi } from '../data-access/portal-dashboard.api';
import { LatestUploadsComponent } from '../components/latest-uploads.component';
import { UpcomingPostsComponent } from '../components/upcoming-posts.component';
import { PortalDashboardPage } from './portal-dashboard.page';

// The sections below "Needs your attention" read their own data; they are not what is tested here.
@Component({ selector: 'atr-upcoming-posts', template: '' })
class FakeUpcomingPostsComponent {}

@Component({ selector: 'atr-latest-uploads', template: '' })
class FakeLatestUploadsComponent {
  readonly agencyName = input('');
  readonly timeZone = input<string | null>(null);
}

function setup(permissions: ClientPermission[], contracts: () => Observable<ContractList>) {
  const client = { id: 'client-1', name: 'Blue Harbor', role: 'member' as const, permissions };
  const overview: PortalOverviewResponse = {
    agency: { name: 'Acme Agency' },
    client,
    user: { name: 'Ana Silva', timezone: 'UTC' },
  } as PortalOverviewResponse;
  const contractsApi = { list: jest.fn(contracts) };
  TestBed.configureTestingModule({
    imports: [PortalDashboardPage],
    providers: [
      provideRouter([]),
      { provide: PortalDashboardApi, useValue: { overview: () => of(overview) } },
      { provide: SocialApi, useValue: { portalAccounts: () => of({ items: [] }) } },
      { provide: PortalReviewsApi, useValue: { list: () => of({ items: [] }) } },
      { provide: PortalContractsApi, useValue: contractsApi },
      {
        provide: AuthService,
        useValue: {
          me: signal({ name: 'Ana Silva', avatarUrl: null, pendingEmail: null, clients: [client] }),
          renewAvatarUrl: jest.fn(),
        },
      },
      { provide: ActiveClientService, useValue: { client: signal(client), clientId: signal(client.id) } },
    ],
  });
  TestBed.overrideComponent(PortalDashboardPage, {
    remove: { imports: [LatestUploadsComponent, UpcomingPostsComponent] },
    add: { imports: [FakeUpcomingPostsComponent, FakeLatestUploadsComponent] },
  });
  const fixture = TestBed.createComponent(PortalDashboardPage);
  return { fixture, element: fixture.nativeElement as HTMLElement, contractsApi };
}

const attention = (element: HTMLElement) => element.querySelector('section.attention') as HTMLElement;

describe('PortalDashboardPage, contracts to sign', () => {
  it('lists each contract waiting for my signature under "Needs your attention", linking to it', async () => {
    const { fixture, element, contractsApi } = setup(['contracts.sign'], () =>
      of({
        items: [summary({ id: 'c-9', title: 'Service agreement' }), summary({ id: 'c-2', awaitingMe: false })],
        limits: { maxBytes: 1, maxPages: 1 },
      }),
    );
    await fixture.whenStable();
    expect(contractsApi.list).toHaveBeenCalled();
    const section = attention(element);
    expect(section.textContent).toContain('“Service agreement” waits for your signature.');
    const link = section.querySelector('a');
    expect(link?.getAttribute('href')).toBe('/portal/contracts/c-9');
    expect(link?.getAttribute('aria-label')).toBe('Open contract “Service agreement”');
    expect(section.querySelectorAll('a')).toHaveLength(1);
  });

  it('does not ask for contracts when the person may not sign', async () => {
    const { fixture, element, contractsApi } = setup(['calendar.view'], () =>
      of({ items: [], limits: { maxBytes: 1, maxPages: 1 } }),
    );
    await fixture.whenStable();
    expect(contractsApi.list).not.toHaveBeenCalled();
    expect(attention(element).textContent).toContain('Nothing needs your attention right now.');
  });

  it('says when the contracts could not be checked, and checks again', async () => {
    let fail = true;
    const { fixture, element, contractsApi } = setup(['contracts.sign'], () =>
      fail
        ? throwError(() => new HttpErrorResponse({ status: 0 }))
        : of({ items: [summary()], limits: { maxBytes: 1, maxPages: 1 } }),
    );
    await fixture.whenStable();
    const section = attention(element);
    expect(section.textContent).toContain('We could not check which contracts wait for your signature.');
    expect(section.textContent).not.toContain('Nothing needs your attention');

    fail = false;
    Array.from(section.querySelectorAll('button'))
      .find((button) => button.textContent?.trim() === 'Try again')
      ?.click();
    await fixture.whenStable();
    expect(contractsApi.list).toHaveBeenCalledTimes(2);
    expect(section.textContent).toContain('“Service agreement” waits for your signature.');
  });
});
