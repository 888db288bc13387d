import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { HttpErrorResponse } from '@angular/common/http';
import { provideRouter } from '@angular/router';
import type { ContractList } from '@atrium/shared';
import { Observable, of, throwError } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { PortalContractsApi } from '../data-access/contracts.api';
import { PortalContractsPage } from './portal-contracts.page';
import { summary } from './testing/contract-fixtures';
import { axeViolations } from './testing/axe';

const LIMITS = { maxBytes: 1, maxPages: 1 };

function setup(list: () => Observable<ContractList>) {
  TestBed.configureTestingModule({
    imports: [PortalContractsPage],
    providers: [
      provideRouter([]),
      { provide: AuthService, useValue: { me: signal({ timezone: 'UTC', agency: { name: 'Acme Agency' } }) } },
      { provide: PortalContractsApi, useValue: { list: jest.fn(list) } },
    ],
  });
  const fixture = TestBed.createComponent(PortalContractsPage);
  const element = fixture.nativeElement as HTMLElement;
  return { fixture, element, api: TestBed.inject(PortalContractsApi) as unknown as { list: jest.Mock } };
}

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('PortalContractsPage', () => {
  it('lists what waits for my signature first, then the rest, each a labelled link with its facts', async () => {
    const { fixture, element } = setup(() =>
      of({
        items: [
          summary({
            id: 'done',
            title: 'Old NDA',
            status: 'completed',
            awaitingMe: false,
            completedAt: '2026-01-10T10:00:00Z',
            progress: { done: 2, total: 2 },
          }),
          summary({
            id: 'mine',
            title: 'Service agreement',
            expiresAt: '2026-04-01T10:00:00Z',
            progress: { done: 1, total: 3 },
          }),
        ],
        limits: LIMITS,
      }),
    );
    await fixture.whenStable();

    const sections = Array.from(element.querySelectorAll('section'));
    expect(sections.map((section) => text(section.querySelector('h2')))).toEqual([
      'Waiting for your signature',
      'All contracts',
    ]);
    const mine = sections[0].querySelector('li');
    expect(mine?.querySelector('a')?.getAttribute('href')).toBe('/portal/contracts/mine');
    expect(text(mine?.querySelector('a'))).toBe('Service agreement');
    expect(text(mine)).toContain('Status: Sent');
    expect(text(mine)).toContain('Sent Mar 2, 2026');
    expect(text(mine)).toContain('1 of 3 signed');
    expect(text(mine)).toContain('Expires Apr 1, 2026');

    const done = sections[1].querySelector('li');
    expect(text(done)).toContain('Status: Completed');
    expect(text(done)).toContain('Completed Jan 10, 2026');
    expect(text(done)).not.toContain('Expires');
  });

  it('says when nothing waits for me', async () => {
    const { fixture, element } = setup(() =>
      of({ items: [summary({ awaitingMe: false, status: 'completed' })], limits: LIMITS }),
    );
    await fixture.whenStable();
    expect(text(element)).toContain('Nothing waits for your signature right now.');
  });

  it('leaves out "All contracts" when everything waits for me', async () => {
    const { fixture, element } = setup(() => of({ items: [summary()], limits: LIMITS }));
    await fixture.whenStable();
    expect(text(element)).not.toContain('All contracts');
  });

  it('shows a designed empty state that names the agency', async () => {
    const { fixture, element } = setup(() => of({ items: [], limits: LIMITS }));
    await fixture.whenStable();
    expect(text(element.querySelector('.empty p'))).toBe(
      'No contracts yet. When Acme Agency sends you a contract to sign, it appears here.',
    );
    expect(element.querySelector('section')).toBeNull();
  });

  it('explains a failure and tries again on request', async () => {
    let fail = true;
    const { fixture, element, api } = setup(() =>
      fail ? throwError(() => new HttpErrorResponse({ status: 0 })) : of({ items: [], limits: LIMITS }),
    );
    await fixture.whenStable();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('We could not load your contracts.');

    fail = false;
    const retry = Array.from(element.querySelectorAll('button')).find((button) => text(button) === 'Try again');
    retry?.click();
    await fixture.whenStable();
    expect(api.list).toHaveBeenCalledTimes(2);
    expect(text(element)).toContain('No contracts yet.');
  });

  it('is clean for axe', async () => {
    const { fixture, element } = setup(() =>
      of({
        items: [summary({ id: 'a' }), summary({ id: 'b', awaitingMe: false, status: 'completed' })],
        limits: LIMITS,
      }),
    );
    await fixture.whenStable();
    expect(await axeViolations(element)).toEqual([]);
  });
});
