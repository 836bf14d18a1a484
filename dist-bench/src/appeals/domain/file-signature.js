"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ALLOWED_ATTACHMENT_TYPES = void 0;
exports.sniffAttachmentType = sniffAttachmentType;
exports.safeFileName = safeFileName;
/** The types a scanned document may have (issue: PDF, JPEG, PNG), recognised by their bytes. */
exports.ALLOWED_ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
const SIGNATURES = [
    { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
    { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
    { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];
/** The type the content really is, or null; the declared Content-Type is never trusted alone. */
function sniffAttachmentType(content) {
    for (const signature of SIGNATURES) {
        if (content.length >= signature.bytes.length && signature.bytes.every((byte, i) => content[i] === byte)) {
            return signature.type;
        }
    }
    return null;
}
/** A file name safe to store and to echo in Content-Disposition. */
function safeFileName(name) {
    const base = name.split(/[\\/]/).pop() ?? '';
    const cleaned = base.replace(/[\u0000-\u001f\u007f"<>:|?*]/g, '_').trim().slice(0, 200);
    return cleaned === '' ? 'document' : cleaned;
}
//# sourceMappingURL=file-signature.js.map