// What a file really is, from its bytes (never from its name): PDF, PNG, JPEG, or an Office Open XML
// package (DOCX, XLSX) recognised by the entries of its ZIP central directory. Pure: takes a Buffer.

export type FileType = 'pdf' | 'png' | 'jpeg' | 'docx' | 'xlsx';

export const FILE_TYPE_LABELS: Record<FileType, string> = {
  pdf: 'PDF', png: 'ảnh PNG', jpeg: 'ảnh JPEG', docx: 'Word (DOCX)', xlsx: 'Excel (XLSX)',
};

export const FILE_TYPE_MIME: Record<FileType, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Extensions a name may carry for each type. */
export const FILE_TYPE_EXTENSIONS: Record<FileType, string[]> = {
  pdf: ['pdf'], png: ['png'], jpeg: ['jpg', 'jpeg'], docx: ['docx'], xlsx: ['xlsx'],
};

/** Names of the entries in a ZIP's central directory, or null when it is not a readable ZIP. */
export function zipEntryNames(buf: Buffer): string[] | null {
  return centralDirectory(buf)?.map((e) => e.name) ?? null;
}

export function sniffFileType(buf: Buffer): FileType | null {
  if (buf.length >= 5 && buf.toString('latin1', 0, 5) === '%PDF-') return 'pdf';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50) {
    const names = zipEntryNames(buf);
    if (!names || !names.includes('[Content_Types].xml')) return null;
    if (names.includes('word/document.xml')) return 'docx';
    if (names.includes('xl/workbook.xml')) return 'xlsx';
  }
  return null;
}

/**
 * The name shown on download: the last path segment only (no "../", no folders, no control characters),
 * NFC, at most 120 characters, never empty.
 */
export function sanitizeFileName(name: string): string {
  const last = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const clean = last.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').replace(/^\.+/, '').trim();
  const cut = clean.length > 120 ? clean.slice(0, 60) + '…' + clean.slice(-59) : clean;
  return cut || 'tai-lieu';
}

export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m ? m[1]!.toLowerCase() : '';
}

/**
 * What a ZIP package (DOCX, XLSX) would expand to, read from its central directory only: nothing is inflated.
 * A "zip bomb" declares gigabytes behind a few kilobytes, or points many entries at the same compressed bytes
 * (overlapping entries); both are refused here, before anything (LibreOffice, a spreadsheet reader) opens the file.
 */
export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number; // sum of the declared uncompressed sizes
  maxRatio: number; // uncompressed / compressed, for entries above ratioFloorBytes
  ratioFloorBytes: number;
}

/** An Office file of up to 20 MB: ~5 MB of text compresses about 10:1; images do not compress at all. */
export const OFFICE_ZIP_LIMITS: ZipLimits = { maxEntries: 5000, maxTotalBytes: 200 * 1024 * 1024, maxRatio: 200, ratioFloorBytes: 1024 * 1024 };

export type ZipProblem =
  | { reason: 'MALFORMED' }
  | { reason: 'UNSUPPORTED' } // encrypted entries, or a compression method other than stored / deflate
  | { reason: 'TOO_MANY_ENTRIES'; entries: number }
  | { reason: 'TOO_LARGE'; bytes: number }
  | { reason: 'RATIO'; name: string; ratio: number }
  | { reason: 'OVERLAP'; name: string };

interface ZipEntry { name: string; flags: number; method: number; compressed: number; uncompressed: number; offset: number }

const U32 = 0xffffffff;

/** The central directory's entries, with ZIP64 sizes resolved; null when it cannot be read. */
function centralDirectory(buf: Buffer): ZipEntry[] | null {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) return null;
  let count = buf.readUInt16LE(eocd + 10);
  let off = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || off === U32) { // ZIP64: the locator sits just before the end record
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== 0x07064b50) return null;
    const rec = Number(buf.readBigUInt64LE(loc + 8));
    if (rec + 56 > buf.length || buf.readUInt32LE(rec) !== 0x06064b50) return null;
    count = Number(buf.readBigUInt64LE(rec + 32));
    off = Number(buf.readBigUInt64LE(rec + 48));
  }
  if (count > 1_000_000) return null;
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (off + 46 > buf.length || buf.readUInt32LE(off) !== 0x02014b50) return null;
    const nameLen = buf.readUInt16LE(off + 28);
    const extraLen = buf.readUInt16LE(off + 30);
    const commentLen = buf.readUInt16LE(off + 32);
    if (off + 46 + nameLen + extraLen > buf.length) return null;
    const e: ZipEntry = {
      name: buf.toString('utf8', off + 46, off + 46 + nameLen),
      flags: buf.readUInt16LE(off + 8),
      method: buf.readUInt16LE(off + 10),
      compressed: buf.readUInt32LE(off + 20),
      uncompressed: buf.readUInt32LE(off + 24),
      offset: buf.readUInt32LE(off + 42),
    };
    // ZIP64 extended information (0x0001): 8-byte values for exactly the fields that hold 0xFFFFFFFF, in this order.
    for (let x = off + 46 + nameLen; x + 4 <= off + 46 + nameLen + extraLen;) {
      const id = buf.readUInt16LE(x);
      const size = buf.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let p = x + 4;
        const next = () => { const v = p + 8 <= x + 4 + size ? Number(buf.readBigUInt64LE(p)) : NaN; p += 8; return v; };
        if (e.uncompressed === U32) e.uncompressed = next();
        if (e.compressed === U32) e.compressed = next();
        if (e.offset === U32) e.offset = next();
      }
      x += 4 + size;
    }
    if (![e.uncompressed, e.compressed, e.offset].every(Number.isSafeInteger)) return null;
    entries.push(e);
    off += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Checks a ZIP package against limits from its entry table alone; null when it may be opened. */
export function zipPackageProblem(buf: Buffer, limits: ZipLimits = OFFICE_ZIP_LIMITS): ZipProblem | null {
  const entries = centralDirectory(buf);
  if (!entries) return { reason: 'MALFORMED' };
  if (entries.length > limits.maxEntries) return { reason: 'TOO_MANY_ENTRIES', entries: entries.length };
  let total = 0;
  for (const e of entries) {
    if (e.flags & 0x1 || (e.method !== 0 && e.method !== 8)) return { reason: 'UNSUPPORTED' };
    if (e.method === 0 && e.compressed !== e.uncompressed) return { reason: 'MALFORMED' };
    total += e.uncompressed;
    if (total > limits.maxTotalBytes) return { reason: 'TOO_LARGE', bytes: total };
    if (e.uncompressed > limits.ratioFloorBytes && e.uncompressed > e.compressed * limits.maxRatio) {
      return { reason: 'RATIO', name: e.name, ratio: Math.floor(e.uncompressed / Math.max(1, e.compressed)) };
    }
  }
  // Each entry's bytes (local header, name, extra field, compressed data) lie inside the file and apart from the
  // next entry's: overlapping entries re-use the same compressed bytes many times over.
  const sorted = [...entries].sort((a, b) => a.offset - b.offset);
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i]!;
    if (e.offset + 30 > buf.length || buf.readUInt32LE(e.offset) !== 0x04034b50) return { reason: 'MALFORMED' };
    const end = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28) + e.compressed;
    if (end > buf.length) return { reason: 'MALFORMED' };
    const next = sorted[i + 1];
    if (next && next.offset < end) return { reason: 'OVERLAP', name: next.name };
  }
  return null;
}
