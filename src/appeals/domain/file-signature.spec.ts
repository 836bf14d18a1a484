import fc from 'fast-check';
import { ALLOWED_ATTACHMENT_TYPES, safeFileName, sniffAttachmentType, storedFileName } from './file-signature';

const PDF = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);

describe('sniffAttachmentType', () => {
  it('allows exactly PDF, JPEG and PNG', () => {
    expect([...ALLOWED_ATTACHMENT_TYPES].sort()).toEqual(['application/pdf', 'image/jpeg', 'image/png']);
  });

  it.each([
    ['a PDF', PDF, 'application/pdf'],
    ['a JPEG', JPEG, 'image/jpeg'],
    ['a PNG', PNG, 'image/png'],
  ])('recognises %s by its bytes', (_label, content, type) => {
    expect(sniffAttachmentType(content)).toBe(type);
  });

  it('recognises a plain Uint8Array as well as a Buffer', () => {
    expect(sniffAttachmentType(new Uint8Array(PNG))).toBe('image/png');
  });

  it('recognises a file that is exactly its signature', () => {
    expect(sniffAttachmentType(Buffer.from('%PDF-', 'latin1'))).toBe('application/pdf');
    expect(sniffAttachmentType(Buffer.from([0xff, 0xd8, 0xff]))).toBe('image/jpeg');
    expect(sniffAttachmentType(PNG.subarray(0, 8))).toBe('image/png');
  });

  it('reports the real type of a PNG declared as a PDF, so the mismatch can be refused', () => {
    const declared = 'application/pdf';
    const actual = sniffAttachmentType(PNG);
    expect(actual).toBe('image/png');
    expect(actual).not.toBe(declared);
  });

  it('reports the real type of a PDF declared as a JPEG', () => {
    expect(sniffAttachmentType(PDF)).toBe('application/pdf');
  });

  it.each([
    ['an empty buffer', Buffer.alloc(0)],
    ['a single byte', Buffer.from([0xff])],
    ['a JPEG cut after two bytes', Buffer.from([0xff, 0xd8])],
    ['"%PDF" without the dash', Buffer.from('%PDF', 'latin1')],
    ['a PNG cut after seven bytes', PNG.subarray(0, 7)],
    ['a PNG whose eighth byte is wrong', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x00, 0x00])],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')],
    ['a ZIP (e.g. a .docx)', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])],
    ['an HTML page', Buffer.from('<!doctype html><script>alert(1)</script>')],
    ['a PDF signature not at the start', Buffer.concat([Buffer.from(' '), PDF])],
    ['text that merely mentions %PDF-', Buffer.from('see %PDF-1.7 inside')],
  ])('recognises nothing in %s', (_label, content) => {
    expect(sniffAttachmentType(content)).toBeNull();
  });
});

describe('safeFileName', () => {
  it('keeps an ordinary name, including Azerbaijani letters', () => {
    expect(safeFileName('Ərizə – şəhadətnamə (surət).pdf')).toBe('Ərizə – şəhadətnamə (surət).pdf');
  });

  it.each([
    ['../../etc/passwd', 'passwd'],
    ['/var/tmp/scan.pdf', 'scan.pdf'],
    ['C:\\Users\\Əli\\Desktop\\scan.pdf', 'scan.pdf'],
    ['..\\..\\windows\\win.ini', 'win.ini'],
    ['a/b\\c/d.png', 'd.png'],
  ])('strips the path from %j', (name, expected) => {
    expect(safeFileName(name)).toBe(expected);
  });

  it('removes control characters, including CR and LF, so the name cannot split a header', () => {
    expect(safeFileName('a\u0000b\r\nc\u007f.pdf')).toBe('abc.pdf');
    expect(safeFileName('x.pdf"\r\nSet-Cookie: a=b')).not.toMatch(/[\r\n"]/);
  });

  it('replaces the characters Windows forbids in file names', () => {
    expect(safeFileName('a"b<c>d:e|f?g*h.pdf')).toBe('a_b_c_d_e_f_g_h.pdf');
  });

  it('trims surrounding whitespace', () => {
    expect(safeFileName('  scan.pdf  ')).toBe('scan.pdf');
  });

  it('limits the name to 200 characters', () => {
    expect(safeFileName(`${'a'.repeat(300)}.pdf`)).toBe('a'.repeat(200));
  });

  it.each(['', '   ', '/', 'dir/', 'C:\\dir\\', '  /  '])('never returns an empty name, even for %j', (name) => {
    expect(safeFileName(name)).toBe('document');
  });

  it('returns a non-empty name of at most 200 characters without path separators or control characters for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (name) => {
        const safe = safeFileName(name);
        expect(safe.length).toBeGreaterThan(0);
        expect(safe.length).toBeLessThanOrEqual(200);
        expect(safe).not.toMatch(/[\\/\p{Cc}\p{Cf}\p{Cs}\u2028\u2029"<>:|?*]/u);
        expect(() => encodeURIComponent(safe)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });
});

describe('safeFileName edge cases', () => {
  it('never cuts a character in half when truncating', () => {
    const name = safeFileName(`${'a'.repeat(199)}😀.pdf`);
    expect(() => encodeURIComponent(name)).not.toThrow();
    expect(Array.from(name)).toHaveLength(200);
  });

  it('removes C1 controls and bidi overrides, and refuses dot-only names', () => {
    expect(safeFileName('inv\u202eFDP.exe')).toBe('invFDP.exe');
    expect(safeFileName('a\u0085b.pdf')).toBe('ab.pdf');
    expect(safeFileName('..')).toBe('document');
  });

  it.each([
    ['LRE, RLE, PDF, LRO, RLO', '\u202a\u202b\u202c\u202d\u202e'],
    ['LRI, RLI, FSI, PDI', '\u2066\u2067\u2068\u2069'],
    ['LRM, RLM, ALM', '\u200e\u200f\u061c'],
    ['zero-width space, joiner, non-joiner, BOM', '\u200b\u200c\u200d\ufeff'],
    ['line and paragraph separators', '\u2028\u2029'],
    ['a lone surrogate', '\ud800'],
  ])('strips %s', (_label, characters) => {
    expect(safeFileName(`ər${characters}izə.pdf`)).toBe('ərizə.pdf');
  });
});

describe('storedFileName', () => {
  it.each<[string, string, string]>([
    ['scan.pdf', 'application/pdf', 'scan.pdf'],
    ['Scan.PDF', 'application/pdf', 'Scan.PDF'],
    ['photo.jpeg', 'image/jpeg', 'photo.jpeg'],
    ['photo.JPG', 'image/jpeg', 'photo.JPG'],
    ['photo.png', 'image/jpeg', 'photo.jpg'],
    ['invoice.exe', 'application/pdf', 'invoice.pdf'],
    ['invoice.pdf.exe', 'application/pdf', 'invoice.pdf.pdf'],
    ['inv\u202eFDP.exe', 'application/pdf', 'invFDP.pdf'],
    ['scan', 'image/png', 'scan.png'],
    ['ərizə v1.final-draft', 'application/pdf', 'ərizə v1.final-draft.pdf'],
    ['.pdf', 'application/pdf', 'document.pdf'],
    ['.htaccess', 'application/pdf', 'htaccess.pdf'],
    ['', 'image/png', 'document.png'],
    ['report. .html', 'application/pdf', 'report.pdf'],
  ])('stores %j of type %s as %j', (name, type, expected) => {
    expect(storedFileName(name, type as never)).toBe(expected);
  });

  it('keeps the extension when cutting a long name', () => {
    const name = storedFileName(`${'a'.repeat(300)}.exe`, 'application/pdf');
    expect(name).toBe(`${'a'.repeat(196)}.pdf`);
  });

  it('always ends in an extension of the detected type, for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom(...ALLOWED_ATTACHMENT_TYPES), (name, type) => {
        const stored = storedFileName(name, type);
        const extension = stored.slice(stored.lastIndexOf('.') + 1).toLowerCase();
        expect({ pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' }[extension]).toBe(type);
        expect(Array.from(stored).length).toBeLessThanOrEqual(200);
        expect(stored).toBe(safeFileName(stored));
      }),
      { numRuns: 1000 },
    );
  });
});
