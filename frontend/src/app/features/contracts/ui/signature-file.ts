/** Uploaded signature pictures: PNG or JPEG, at most 2 MB. */
export const SIGNATURE_FILE_TYPES = ['image/png', 'image/jpeg'] as const;
export const SIGNATURE_FILE_MAX_BYTES = 2 * 1024 * 1024;
/** For the file picker's accept attribute. */
export const SIGNATURE_FILE_ACCEPT = 'image/png,image/jpeg,.png,.jpg,.jpeg';

/** The picture type of a file: its MIME type, or (when the system gives none) its extension. */
export function signatureFileType(file: { name: string; type: string }): 'image/png' | 'image/jpeg' | null {
  const type = file.type.toLowerCase();
  if (type === 'image/png' || type === 'image/jpeg') {
    return type;
  }
  if (type !== '') {
    return null;
  }
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  if (extension === 'png') {
    return 'image/png';
  }
  return extension === 'jpg' || extension === 'jpeg' ? 'image/jpeg' : null;
}

/** Why a file cannot be the signature picture, in words for the signer; null when it can. */
export function signatureFileProblem(file: { name: string; type: string; size: number }): string | null {
  if (signatureFileType(file) === null) {
    return `“${file.name}” is not a PNG or JPEG image. Choose a PNG or JPEG picture of your signature.`;
  }
  if (file.size === 0) {
    return `“${file.name}” is empty. Choose another picture.`;
  }
  if (file.size > SIGNATURE_FILE_MAX_BYTES) {
    return `“${file.name}” is ${formatMegabytes(file.size)}; pictures can be up to 2 MB. Choose a smaller one.`;
  }
  return null;
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
