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

/** A file name safe to store and to echo in Content-Disposition. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // Control characters (C0, C1), bidi overrides that disguise extensions, and characters that
  // are special in file systems or headers.
  const cleaned = base.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069"<>:|?*]/g, '_');
  // Cut by code points, never in the middle of a surrogate pair.
  const cut = Array.from(cleaned).slice(0, 200).join('').trim();
  return cut === '' || /^\.+$/.test(cut) ? 'document' : cut;
}
