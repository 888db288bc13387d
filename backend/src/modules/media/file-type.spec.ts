import { cleanFilename, describeRefused, detectFileType } from './file-type';

const bytes = (...values: Array<number | string>) =>
  Buffer.concat(values.map((v) => (typeof v === 'string' ? Buffer.from(v, 'latin1') : Buffer.from([v]))));

describe('detectFileType', () => {
  it.each([
    [bytes(0xff, 0xd8, 0xff, 0xe0), 'image/jpeg'],
    [bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a), 'image/png'],
    [bytes('GIF89a'), 'image/gif'],
    [bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 '), 'image/webp'],
    [bytes(0, 0, 0, 0x18, 'ftypmp42'), 'video/mp4'],
    [bytes(0, 0, 0, 0x14, 'ftypqt  '), 'video/quicktime'],
    [bytes('%PDF-1.7'), 'application/pdf'],
  ])('knows %#', (head, mimeType) => expect(detectFileType(head)?.mimeType).toBe(mimeType));

  it('refuses SVG, HTML (also when named .jpg) and anything unknown', () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const html = Buffer.from('<!DOCTYPE html><html><script>alert(1)</script>');
    expect(detectFileType(svg)).toBeNull();
    expect(detectFileType(html)).toBeNull();
    expect(detectFileType(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(describeRefused(svg)).toBe('an SVG image');
    expect(describeRefused(html)).toBe('an HTML page');
  });
});

describe('cleanFilename', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\win.ini', 'win.ini'],
    ['/abs/path/photo.jpg', 'photo.jpg'],
    ['.hidden', 'hidden'],
    ['a\u0000b<c>.png', 'abc.png'],
    ['', 'file'],
    [undefined, 'file'],
    ['..', 'file'],
  ])('%s → %s', (raw, clean) => expect(cleanFilename(raw)).toBe(clean));

  it('keeps at most 200 characters, the end (extension) included', () => {
    const long = `${'x'.repeat(300)}.jpg`;
    expect(cleanFilename(long)).toHaveLength(200);
    expect(cleanFilename(long).endsWith('.jpg')).toBe(true);
  });
});
