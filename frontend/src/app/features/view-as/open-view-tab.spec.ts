import type { ViewAsResponse } from '@atrium/shared';
import { Subject, firstValueFrom, of, throwError } from 'rxjs';
import { POPUP_BLOCKED, openViewTab, viewAddress } from './open-view-tab';

const view: ViewAsResponse = {
  accessToken: 'eyJ.payload.sig',
  expiresIn: 900,
  portalUrl: 'https://atrium.example.com/portal/view-as',
};

function fakeTab() {
  const tab = {
    opener: {} as unknown,
    closed: false,
    replacedWith: null as string | null,
    location: {
      replace: (url: string) => {
        tab.replacedWith = url;
      },
    },
    close: () => {
      tab.closed = true;
    },
  };
  return tab;
}

describe('openViewTab', () => {
  it('puts the token in the fragment, never in a query string', () => {
    expect(viewAddress(view)).toBe('https://atrium.example.com/portal/view-as#token=eyJ.payload.sig');
  });

  it('opens the tab at once, cuts it off from this one, then sends it to the view', async () => {
    const tab = fakeTab();
    const issued = new Subject<ViewAsResponse>();
    const open = jest.fn(() => tab as unknown as Window);

    const opening = firstValueFrom(openViewTab(issued, { open }));
    expect(open).toHaveBeenCalledWith('', '_blank');
    expect(tab.opener).toBeNull();
    expect(tab.replacedWith).toBeNull();

    issued.next(view);
    issued.complete();
    await opening;
    expect(tab.replacedWith).toBe(viewAddress(view));
    expect(tab.closed).toBe(false);
  });

  it('closes the tab again when the server refuses', async () => {
    const tab = fakeTab();
    const refused = openViewTab(
      throwError(() => new Error('User not found')),
      { open: () => tab as unknown as Window },
    );
    await expect(firstValueFrom(refused)).rejects.toThrow('User not found');
    expect(tab.closed).toBe(true);
    expect(tab.replacedWith).toBeNull();
  });

  it('says so when the browser blocks the tab', async () => {
    await expect(firstValueFrom(openViewTab(of(view), { open: () => null }))).rejects.toThrow(POPUP_BLOCKED);
  });
});
