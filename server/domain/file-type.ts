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
  // End of central directory: signature 0x06054b50, within the last 22 + 65535 bytes.
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let off = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (off + 46 > buf.length || buf.readUInt32LE(off) !== 0x02014b50) return null;
    const nameLen = buf.readUInt16LE(off + 28);
    const extraLen = buf.readUInt16LE(off + 30);
    const commentLen = buf.readUInt16LE(off + 32);
    if (off + 46 + nameLen > buf.length) return null;
    names.push(buf.toString('utf8', off + 46, off + 46 + nameLen));
    off += 46 + nameLen + extraLen + commentLen;
  }
  return names;
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
