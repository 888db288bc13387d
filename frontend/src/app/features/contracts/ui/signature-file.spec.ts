import { SIGNATURE_FILE_MAX_BYTES, signatureFileProblem, signatureFileType } from './signature-file';

describe('signature files', () => {
  it('accepts PNG and JPEG up to 2 MB', () => {
    expect(signatureFileProblem({ name: 'sig.png', type: 'image/png', size: 1000 })).toBeNull();
    expect(signatureFileProblem({ name: 'sig.jpg', type: 'image/jpeg', size: SIGNATURE_FILE_MAX_BYTES })).toBeNull();
  });

  it('refuses other types, naming the file', () => {
    expect(signatureFileProblem({ name: 'sig.gif', type: 'image/gif', size: 10 })).toContain(
      '“sig.gif” is not a PNG or JPEG',
    );
    expect(signatureFileProblem({ name: 'sig.svg', type: 'image/svg+xml', size: 10 })).not.toBeNull();
    // A name alone does not make a PDF a picture.
    expect(signatureFileProblem({ name: 'sig.png', type: 'application/pdf', size: 10 })).not.toBeNull();
  });

  it('refuses files over 2 MB, saying how large they are', () => {
    expect(signatureFileProblem({ name: 'big.png', type: 'image/png', size: SIGNATURE_FILE_MAX_BYTES + 1 })).toContain(
      'up to 2 MB',
    );
    expect(signatureFileProblem({ name: 'big.png', type: 'image/png', size: 3.5 * 1024 * 1024 })).toContain('3.5 MB');
  });

  it('refuses an empty file', () => {
    expect(signatureFileProblem({ name: 'empty.png', type: 'image/png', size: 0 })).toContain('empty');
  });

  it('falls back to the extension when the system gives no type', () => {
    expect(signatureFileType({ name: 'SIG.JPEG', type: '' })).toBe('image/jpeg');
    expect(signatureFileType({ name: 'sig.png', type: '' })).toBe('image/png');
    expect(signatureFileType({ name: 'sig.webp', type: '' })).toBeNull();
    expect(signatureFileType({ name: 'sig', type: '' })).toBeNull();
  });
});
