import { linkify, safeHref } from './linkify';

describe('linkify', () => {
  it('turns http, https and www addresses into links and keeps the rest as text', () => {
    expect(linkify('See https://example.com/a?b=1 and www.acme.test today')).toEqual([
      { text: 'See ' },
      { url: 'https://example.com/a?b=1', text: 'https://example.com/a?b=1' },
      { text: ' and ' },
      { url: 'https://www.acme.test/', text: 'www.acme.test' },
      { text: ' today' },
    ]);
  });

  it('leaves sentence punctuation outside the link, but keeps brackets the URL opened', () => {
    expect(linkify('Look (https://x.test/a).')).toEqual([
      { text: 'Look (' },
      { url: 'https://x.test/a', text: 'https://x.test/a' },
      { text: ').' },
    ]);
    expect(linkify('https://en.wikipedia.org/wiki/Mars_(planet), nice')[0]).toEqual({
      url: 'https://en.wikipedia.org/wiki/Mars_(planet)',
      text: 'https://en.wikipedia.org/wiki/Mars_(planet)',
    });
  });

  it('links mailto addresses', () => {
    expect(linkify('mailto:anna@acme.test')).toEqual([{ url: 'mailto:anna@acme.test', text: 'mailto:anna@acme.test' }]);
  });

  it('never links javascript:, data: or other schemes, and never produces HTML', () => {
    const body = 'javascript:alert(1) data:text/html,<b>x</b> <img src=x onerror=alert(1)>';
    expect(linkify(body)).toEqual([{ text: body }]);
  });

  it('answers plain text unchanged', () => {
    expect(linkify('Hello\nthere')).toEqual([{ text: 'Hello\nthere' }]);
    expect(linkify('')).toEqual([]);
  });
});

describe('safeHref', () => {
  it('accepts only http, https and mailto', () => {
    expect(safeHref('https://a.test')).toBe('https://a.test/');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('mailto:nobody')).toBeNull();
    expect(safeHref('http://')).toBeNull();
  });
});
