// Builds ZIP files byte by byte for the upload tests: honest packages, and the crafted ones (zip bombs, overlapping
// entries, ZIP64 size fields) that a zip library would refuse to write.
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipSpec {
  name: string;
  data?: Buffer; // stored or deflated as given by `method`
  method?: 0 | 8;
  /** Overrides of what the central directory declares (lies, for crafted files). */
  declaredUncompressed?: number;
  flags?: number;
  /** Point this entry's central record at an earlier entry's local header (overlap). */
  sameOffsetAs?: number;
  zip64?: boolean; // write the sizes as 0xFFFFFFFF with a ZIP64 extra field
}

export function buildZip(entries: ZipSpec[], raw: { compressed?: Map<number, Buffer> } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  entries.forEach((e, i) => {
    const data = e.data ?? Buffer.alloc(0);
    const method = e.method ?? 8;
    const body = raw.compressed?.get(i) ?? (method === 8 ? deflateRawSync(data) : data);
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(data);
    const uncompressed = e.declaredUncompressed ?? data.length;
    const ownOffset = offset;
    if (e.sameOffsetAs === undefined) {
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(e.flags ?? 0, 6);
      local.writeUInt16LE(method, 8);
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(body.length, 18);
      local.writeUInt32LE(Math.min(uncompressed, 0xfffffffe), 22);
      local.writeUInt16LE(name.length, 26);
      locals.push(local, name, body);
      offset += 30 + name.length + body.length;
    }
    const at = e.sameOffsetAs !== undefined ? offsets[e.sameOffsetAs]! : ownOffset;
    offsets.push(at);
    const extra = e.zip64 ? Buffer.alloc(4 + 24) : Buffer.alloc(0);
    if (e.zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(uncompressed), 4);
      extra.writeBigUInt64LE(BigInt(body.length), 12);
      extra.writeBigUInt64LE(BigInt(at), 20);
    }
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(45, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(e.flags ?? 0, 8);
    c.writeUInt16LE(method, 10);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(e.zip64 ? 0xffffffff : body.length, 20);
    c.writeUInt32LE(e.zip64 ? 0xffffffff : uncompressed, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt16LE(extra.length, 30);
    c.writeUInt32LE(e.zip64 ? 0xffffffff : at, 42);
    centrals.push(c, name, extra);
  });
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** The entries every Word document has, so the package is sniffed as DOCX. */
export const DOCX_SKELETON: ZipSpec[] = [
  { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
  { name: 'word/document.xml', data: Buffer.from('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>') },
];

/** A real zip bomb: `count` entries of `mib` MiB of zeros each, deflated for real (≈ 1 KB per MiB). */
export function zipBomb(count: number, mib: number): Buffer {
  const zeros = Buffer.alloc(mib * 1024 * 1024);
  const deflated = deflateRawSync(zeros, { level: 9 });
  const specs: ZipSpec[] = [...DOCX_SKELETON];
  const compressed = new Map<number, Buffer>();
  for (let i = 0; i < count; i++) {
    compressed.set(specs.length, deflated);
    specs.push({ name: `word/media/zeros${i}.bin`, data: zeros });
  }
  return buildZip(specs, { compressed });
}
