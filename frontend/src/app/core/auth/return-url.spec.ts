import { protectedReturnUrl, resolveReturnUrl } from './return-url';

describe('resolveReturnUrl', () => {
  it('sends users home when there is no returnUrl', () => {
    expect(resolveReturnUrl(undefined, 'agency')).toBe('/app');
    expect(resolveReturnUrl(null, 'client')).toBe('/portal');
    expect(resolveReturnUrl('', 'client')).toBe('/portal');
  });

  it('honours a returnUrl on the user’s own side, query and all', () => {
    expect(resolveReturnUrl('/app/clients?page=2', 'agency')).toBe('/app/clients?page=2');
    expect(resolveReturnUrl('/portal', 'client')).toBe('/portal');
    expect(resolveReturnUrl('/portal/calendar#today', 'client')).toBe('/portal/calendar#today');
  });

  it('ignores a returnUrl on the other side: a client user never lands in /app', () => {
    expect(resolveReturnUrl('/app/clients', 'client')).toBe('/portal');
    expect(resolveReturnUrl('/portal/media', 'agency')).toBe('/app');
  });

  it('does not mistake a look-alike prefix for the user’s side', () => {
    expect(resolveReturnUrl('/application', 'agency')).toBe('/app');
    expect(resolveReturnUrl('/portalx', 'client')).toBe('/portal');
  });

  it('never redirects off the site', () => {
    expect(resolveReturnUrl('https://evil.example/app', 'agency')).toBe('/app');
    expect(resolveReturnUrl('//evil.example/app', 'agency')).toBe('/app');
    expect(resolveReturnUrl('/\\evil.example', 'agency')).toBe('/app');
    expect(resolveReturnUrl('javascript:alert(1)', 'agency')).toBe('/app');
  });
});

describe('protectedReturnUrl', () => {
  it('remembers only pages that need a sign-in', () => {
    expect(protectedReturnUrl('/app/clients')).toBe('/app/clients');
    expect(protectedReturnUrl('/portal')).toBe('/portal');
    expect(protectedReturnUrl('/login')).toBeNull();
    expect(protectedReturnUrl('/dev/mailbox')).toBeNull();
  });
});
