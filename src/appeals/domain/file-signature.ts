/** The types a scanned document may have (issue: PDF, JPEG, PNG), recognised by their bytes. */
export const ALLOWED_ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AttachmentType = (typeof ALLOWED_ATTACHMENT_TYPES)[number];

const SIGNATURES: ReadonlyArray<{ type: AttachmentType; bytes: readonly number[] }> = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The type the content really is, or null; the declared Content-Type is never trusted alone. */
export function sniffAttachmentType(content: Uint8Array): AttachmentType | null {
  for (const signature of SIGNATURES) {
    if (content.length >= signature.bytes.length && signature.bytes.every((byte, i) => content[i] === byte)) {
      return signature.type;
    }
  }
  return null;
}

/** The extensions each type is known by; the first is the one given to a name that has none of them. */
const EXTENSIONS: Readonly<Record<AttachmentType, readonly string[]>> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
};

const MAX_NAME_LENGTH = 200;

/** A file name safe to store and to echo in Content-Disposition. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // Removed: control characters (C0, C1), format characters (the bidi overrides and isolates that
  // disguise "invoice\u202Efdp.exe" as "invoiceexe.pdf", zero-width characters, BOM), line and
  // paragraph separators, and lone surrogates. Replaced: characters special in file systems or headers.
  const cleaned = base.replace(/[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/gu, '').replace(/["<>:|?*]/g, '_');
  // Cut by code points, never in the middle of a surrogate pair.
  const cut = Array.from(cleaned).slice(0, MAX_NAME_LENGTH).join('').trim();
  return cut === '' || /^\.+$/.test(cut) ? 'document' : cut;
}

/**
 * The name an attachment is stored under: safe, and ending in an extension of the type its bytes
 * were found to be, so "scan.exe" that is a PDF is stored as "scan.pdf" and no program opens a
 * download as something else. A last dot-part of up to 5 letters or digits counts as an extension
 * and is replaced; a longer one ("v1.final-draft") stays part of the name.
 */
export function storedFileName(name: string, type: AttachmentType): string {
  const safe = safeFileName(name);
  const dot = safe.lastIndexOf('.');
  const extension = dot >= 0 ? safe.slice(dot + 1) : '';
  const hasExtension = /^[A-Za-z0-9]{1,5}$/.test(extension);
  const known = EXTENSIONS[type];
  const suffix = hasExtension && known.includes(extension.toLowerCase()) ? `.${extension}` : `.${known[0]}`;
  // No leading dot (a hidden file once saved), no dots or spaces before the extension.
  const stem = (hasExtension ? safe.slice(0, dot) : safe).replace(/^[.\s]+|[.\s]+$/g, '');
  const fitted = Array.from(stem === '' ? 'document' : stem)
    .slice(0, MAX_NAME_LENGTH - suffix.length)
    .join('')
    .trimEnd();
  return `${fitted}${suffix}`;
}
