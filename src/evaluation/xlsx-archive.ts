import JSZip from 'jszip';
import { crc32, inflateRawSync } from 'node:zlib';

/**
 * An uploaded .xlsx is a zip, and a zip says how large its entries are: a zip bomb says "small".
 * This reader believes nothing it has not checked. It reads the archive strictly (no data before
 * the first entry or between the directory and its end record, no zip64, no encryption, stored or
 * deflated entries only, unique names), refuses it when the declared sizes add up past the bound,
 * and inflates each entry only up to the size it declares: one byte more, or a CRC that does not
 * match, and it stops and refuses. So at most `maxInflatedBytes` (plus one 16 KiB output chunk)
 * are ever inflated, whatever the archive claims. What it hands on is a new archive built from the
 * checked entries, so the spreadsheet parser (ExcelJS, through JSZip, which would inflate an entry
 * whole and then fail outside any caller's reach on a size mismatch) only ever reads consistent data.
 */
export class ArchiveError extends Error {
  constructor(
    readonly reason: 'unreadable' | 'too-large',
    message: string,
    /** Bytes inflated before it stopped. */
    readonly inflatedBytes: number,
  ) {
    super(message);
    this.name = 'ArchiveError';
  }
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_ENTRY = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

/** The checked entries of `zip`, inflated, as a fresh archive (stored, not compressed). */
export async function checkedXlsxArchive(zip: Buffer, maxInflatedBytes: number): Promise<Buffer> {
  const entries = readDirectory(zip);
  const declared = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (declared > maxInflatedBytes) throw new ArchiveError('too-large', `The archive would unpack to ${declared} bytes.`, 0);
  const rebuilt = new JSZip();
  let inflated = 0;
  for (const entry of entries) {
    const data = inflateEntry(zip, entry, inflated);
    inflated += data.length;
    if (!entry.name.endsWith('/')) rebuilt.file(entry.name, data, { binary: true, createFolders: false });
  }
  return rebuilt.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}

function unreadable(message: string, inflatedBytes = 0): ArchiveError {
  return new ArchiveError('unreadable', message, inflatedBytes);
}

function readDirectory(zip: Buffer): Entry[] {
  if (zip.length < 22) throw unreadable('Not a zip archive.');
  // The end record is the last 22 bytes plus its comment (at most 65,535 bytes).
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === END_OF_DIRECTORY && i + 22 + zip.readUInt16LE(i + 20) === zip.length) {
      end = i;
      break;
    }
  }
  if (end < 0) throw unreadable('No end of the zip directory.');
  const count = zip.readUInt16LE(end + 10);
  const directorySize = zip.readUInt32LE(end + 12);
  const directoryOffset = zip.readUInt32LE(end + 16);
  if (zip.readUInt16LE(end + 4) !== 0 || zip.readUInt16LE(end + 6) !== 0 || zip.readUInt16LE(end + 8) !== count) {
    throw unreadable('Multi-disk archives are not read.');
  }
  if (count === 0xffff || directoryOffset === 0xffffffff || directoryOffset + directorySize !== end) {
    throw unreadable('The zip directory is not where the archive says.');
  }
  const entries: Entry[] = [];
  const names = new Set<string>();
  let offset = directoryOffset;
  for (let n = 0; n < count; n++) {
    if (offset + 46 > end || zip.readUInt32LE(offset) !== DIRECTORY_ENTRY) throw unreadable('A zip directory entry is damaged.');
    const flags = zip.readUInt16LE(offset + 8);
    const method = zip.readUInt16LE(offset + 10);
    const nameLength = zip.readUInt16LE(offset + 28);
    const entry: Entry = {
      name: zip.toString(flags & 0x0800 ? 'utf8' : 'latin1', offset + 46, offset + 46 + nameLength),
      method,
      crc: zip.readUInt32LE(offset + 16),
      compressedSize: zip.readUInt32LE(offset + 20),
      size: zip.readUInt32LE(offset + 24),
      localOffset: zip.readUInt32LE(offset + 42),
    };
    if (flags & 0x0001) throw unreadable('Encrypted entries are not read.');
    if (method !== STORED && method !== DEFLATED) throw unreadable('Only stored and deflated entries are read.');
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) throw unreadable('Zip64 entries are not read.');
    if (names.has(entry.name)) throw unreadable('An entry name appears twice.');
    names.add(entry.name);
    entries.push(entry);
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  if (offset !== end) throw unreadable('The zip directory has more than it lists.');
  return entries;
}

function inflateEntry(zip: Buffer, entry: Entry, inflatedBefore: number): Buffer {
  const at = entry.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL_ENTRY) throw unreadable('A zip entry is damaged.', inflatedBefore);
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const stop = start + entry.compressedSize;
  if (stop > zip.length) throw unreadable('A zip entry runs past the archive.', inflatedBefore);
  const raw = zip.subarray(start, stop);
  let data: Buffer;
  if (entry.method === STORED) {
    data = raw;
  } else {
    try {
      // One byte past the declared size is enough to know it lied: inflating stops there.
      data = inflateRawSync(raw, { maxOutputLength: entry.size + 1 });
    } catch {
      throw unreadable(`The entry ${entry.name} does not inflate to the size it declares.`, inflatedBefore + entry.size + 1);
    }
  }
  if (data.length !== entry.size || crc32(data) !== entry.crc) {
    throw unreadable(`The entry ${entry.name} does not match its declared size and checksum.`, inflatedBefore + data.length);
  }
  return data;
}
