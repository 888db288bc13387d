import { linkify } from './linkify';

describe('linkify', () => {
  it('turns http(s) URLs into links and keeps the rest as text', () => {
    expect(linkify('Confirm: https://atrium.test/confirm-email?token=abc. Thanks')).toEqual([
      { kind: 'text', text: 'Confirm: ' },
      {
        kind: 'link',
        text: 'https://atrium.test/confirm-email?token=abc',
        href: 'https://atrium.test/confirm-email?token=abc',
      },
      { kind: 'text', text: '. Thanks' },
    ]);
  });

  it('never makes other schemes clickable', () => {
    expect(linkify('javascript:alert(1)')).toEqual([{ kind: 'text', text: 'javascript:alert(1)' }]);
  });
});
