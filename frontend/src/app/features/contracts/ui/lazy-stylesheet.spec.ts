import { loadStylesheet } from './lazy-stylesheet';

describe('loadStylesheet', () => {
  const links = () => Array.from(document.head.querySelectorAll<HTMLLinkElement>('link[rel=stylesheet]'));

  afterEach(() => links().forEach((link) => link.remove()));

  it('adds one link however often it is asked, and resolves when it has loaded', async () => {
    const first = loadStylesheet(document, 'signature-fonts.css');
    const second = loadStylesheet(document, 'signature-fonts.css');
    expect(second).toBe(first);
    expect(links()).toHaveLength(1);
    expect(links()[0].href).toBe(new URL('signature-fonts.css', document.baseURI).href);

    links()[0].dispatchEvent(new Event('load'));
    await expect(first).resolves.toBeUndefined();
  });

  it('forgets a failed load, so that the next call tries again', async () => {
    const failing = loadStylesheet(document, 'missing.css');
    links()[0].dispatchEvent(new Event('error'));
    await expect(failing).rejects.toThrow('missing.css');
    expect(links()).toHaveLength(0);

    const retry = loadStylesheet(document, 'missing.css');
    expect(retry).not.toBe(failing);
    expect(links()).toHaveLength(1);
  });
});
