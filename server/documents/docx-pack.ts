// Faster packing of docx documents. docx formats every package part anew (theme, styles, numbering, notes,
// settings) and deflates with a JavaScript zlib; for this renderer those parts are the same in every
// document. Here their formatted trees are kept after the first document and the package is zipped with
// node:zlib. Both hooks rely on docx 9 internals (Packer.compiler); when they are missing, Packer.toBuffer
// is used unchanged.
import { crc32, deflateRawSync } from 'node:zlib';
import { Packer, type Document } from 'docx';

// Parts whose content does not depend on the document's body, sections or title for this renderer.
const STATIC_PARTS = new Set(['Theme', 'Styles', 'Numbering', 'FootNotes', 'Endnotes', 'Comments', 'Settings', 'AppProperties', 'CustomProperties']);

interface Compiler {
  compile(file: Document): Map<string, string | Uint8Array>;
  formatter: { format(component: unknown, context: unknown): unknown };
}

const compiler = (Packer as unknown as { compiler?: Compiler }).compiler;
let hooked = false;

function hookFormatter(c: Compiler): void {
  if (hooked) return;
  hooked = true;
  const cache = new Map<string, unknown>();
  const format = c.formatter.format.bind(c.formatter);
  let depth = 0;
  c.formatter.format = (component: unknown, context: unknown) => {
    const name = depth === 0 ? (component as { constructor?: { name?: string } })?.constructor?.name : undefined;
    if (name && STATIC_PARTS.has(name)) {
      const hit = cache.get(name);
      if (hit !== undefined) return hit;
    }
    depth += 1;
    try {
      const out = format(component, context);
      if (name && STATIC_PARTS.has(name)) cache.set(name, out);
      return out;
    } finally {
      depth -= 1;
    }
  };
}

/** A ZIP archive (deflated entries, no data descriptors) from files in order. */
export function zip(files: Map<string, string | Uint8Array>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [path, content] of files) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
    const packed = deflateRawSync(data, { level: 1 });
    const name = Buffer.from(path, 'utf8');
    const crc = crc32(data) >>> 0;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt32LE(0x00210000, 10); // DOS time/date: 1980-01-01 00:00
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(0x00210000, 12);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(header, name, packed);
    central.push(entry, name);
    offset += header.length + name.length + packed.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.size, 8);
  end.writeUInt16LE(files.size, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

export async function packDocx(doc: Document): Promise<Buffer> {
  if (!compiler || typeof compiler.compile !== 'function' || typeof compiler.formatter?.format !== 'function') {
    return Packer.toBuffer(doc);
  }
  hookFormatter(compiler);
  return zip(compiler.compile(doc));
}
