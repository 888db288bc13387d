import { cleanFilename, describeRefused, detectFileType, filenameForType } from './file-type';

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
    // A right-to-left override would show this as "invoicelmth.jpg".
    ['invoice\u202Egpj.html', 'invoicegpj.html'],
    ['a\u2066b\u2069\u200Fc\u061C.pdf', 'abc.pdf'],
    ['zero\u200Bwidth\u00ADsoft\uFEFF.png', 'zerowidthsoft.png'],
    ['tag\u{E0041}s.png', 'tags.png'],
    ['line\u2028break\u2029.png', 'linebreak.png'],
    ['c1\u0085control\u009B.png', 'c1control.png'],
    ['photo.jpg. . ', 'photo.jpg'],
    ['café-ü.jpg', 'café-ü.jpg'],
    ['cafe\u0301.jpg', 'café.jpg'],
  ])('%s → %s', (raw, clean) => expect(cleanFilename(raw)).toBe(clean));

  it('keeps at most 200 characters, the end (extension) included', () => {
    const long = `${'x'.repeat(300)}.jpg`;
    expect(cleanFilename(long)).toHaveLength(200);
    expect(cleanFilename(long).endsWith('.jpg')).toBe(true);
  });
});

describe('filenameForType', () => {
  it.each([
    ['report.html', 'image/jpeg', 'report.jpg'],
    ['invoice\u202Egpj.html', 'image/png', 'invoicegpj.png'],
    ['holiday.JPEG', 'image/jpeg', 'holiday.JPEG'],
    ['scan.jfif', 'image/jpeg', 'scan.jfif'],
    ['clip.qt', 'video/quicktime', 'clip.qt'],
    ['clip.mov', 'video/mp4', 'clip.mp4'],
    ['brief', 'application/pdf', 'brief.pdf'],
    ['v1.2', 'application/pdf', 'v1.2.pdf'],
    ['shop.exe', 'image/gif', 'shop.gif'],
    ['', 'image/webp', 'file.webp'],
    ['.jpg', 'image/png', 'jpg.png'],
  ])('%s as %s → %s', (raw, mimeType, expected) => expect(filenameForType(raw, mimeType)).toBe(expected));

  it('keeps the extension within 200 characters', () => {
    const name = filenameForType(`${'x'.repeat(300)}.html`, 'image/jpeg');
    expect(name.length).toBeLessThanOrEqual(200);
    expect(name.endsWith('x.jpg')).toBe(true);
  });
});
