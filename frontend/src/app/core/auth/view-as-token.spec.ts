import { captureViewAsToken, forgetViewAsToken, storedViewAsToken } from './view-as-token';

function address(pathname: string, hash = '') {
  const replaced: string[] = [];
  return {
    replaced,
    location: { pathname, hash },
    history: {
      state: null,
      replaceState: (_state: unknown, _title: string, url?: string | URL | null) => replaced.push(String(url)),
    },
  };
}

describe('view-as token', () => {
  beforeEach(() => sessionStorage.clear());

  it('takes the token out of the address and keeps it for this tab', () => {
    const opened = address('/portal/view-as', '#token=abc.def-ghi');
    expect(captureViewAsToken(opened, sessionStorage)).toBe('abc.def-ghi');
    expect(opened.replaced).toEqual(['/portal']);
    expect(storedViewAsToken(sessionStorage)).toBe('abc.def-ghi');

    forgetViewAsToken(sessionStorage);
    expect(storedViewAsToken(sessionStorage)).toBeNull();
  });

  it('ignores every other page, and a view address without a token', () => {
    const elsewhere = address('/portal', '#token=abc');
    expect(captureViewAsToken(elsewhere, sessionStorage)).toBeNull();
    expect(elsewhere.replaced).toEqual([]);

    const empty = address('/portal/view-as');
    expect(captureViewAsToken(empty, sessionStorage)).toBeNull();
    expect(empty.replaced).toEqual(['/portal']);
    expect(storedViewAsToken(sessionStorage)).toBeNull();
  });

  it('works without storage, for this page load', () => {
    expect(captureViewAsToken(address('/portal/view-as', '#token=t1'), null)).toBe('t1');
    expect(storedViewAsToken(null)).toBeNull();
  });
});
