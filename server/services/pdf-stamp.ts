// Adds a drawing to a page of a finished PDF as an incremental update (the original bytes stay as they
// are): the QR code and short code of an issued document, and the signature and seal images. Written for
// the renderer's own output (classic xref table, plain object dictionaries); not a general PDF editor.
import { inflateSync, deflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { VERIFICATION_BLOCK } from '../documents/layout.ts';

export interface StampImage {
  name: string; // resource name, e.g. "ImSig"
  png: Buffer; // 8-bit RGBA or RGB PNG, not interlaced
}

export interface Stamp {
  page: 'first' | 'last';
  ops: string; // content stream operators, in PDF user space (origin bottom-left, points); no text (no font is added)
  images?: StampImage[];
}

function lastObject(text: string, num: number): string {
  const re = new RegExp(`(?:^|[\\r\\n])${num} 0 obj\\s*([\\s\\S]*?)endobj`, 'g');
  let found: string | null = null;
  for (let m = re.exec(text); m; m = re.exec(text)) found = m[1]!;
  if (found === null) throw new Error(`PDF: không tìm thấy đối tượng ${num}`);
  return found.trim();
}

const ref = (dict: string, key: string): number | null => {
  const m = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dict);
  return m ? Number(m[1]) : null;
};

/** Decodes a non-interlaced 8-bit RGB/RGBA PNG into separate RGB and alpha planes. */
export function decodePng(png: Buffer): { width: number; height: number; rgb: Buffer; alpha: Buffer | null } {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('Không phải tệp PNG');
  let pos = 8;
  let width = 0, height = 0, colorType = 0;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('PNG: chỉ hỗ trợ 8 bit, không xen kẽ');
      colorType = data[9]!;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  const channels = colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
  if (!channels) throw new Error('PNG: chỉ hỗ trợ RGB hoặc RGBA');
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[y * stride + x - channels]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels]! : 0;
      let v = line[x]!;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[y * stride + x] = v & 255;
    }
  }
  const rgb = Buffer.alloc(width * height * 3);
  const alpha = channels === 4 ? Buffer.alloc(width * height) : null;
  for (let i = 0; i < width * height; i++) {
    rgb[i * 3] = out[i * channels]!;
    rgb[i * 3 + 1] = out[i * channels + 1]!;
    rgb[i * 3 + 2] = out[i * channels + 2]!;
    if (alpha) alpha[i] = out[i * channels + 3]!;
  }
  return { width, height, rgb, alpha };
}

// The same signature and seal images go on many documents: decode and compress each PNG once.
const imageCache = new WeakMap<Buffer, { width: number; height: number; rgb: Buffer; alpha: Buffer | null }>();
function compressedImage(png: Buffer) {
  let c = imageCache.get(png);
  if (!c) {
    const d = decodePng(png);
    c = { width: d.width, height: d.height, rgb: deflateSync(d.rgb), alpha: d.alpha ? deflateSync(d.alpha) : null };
    imageCache.set(png, c);
  }
  return c;
}

/** A PNG's size in mm from its pHYs chunk (pixels per metre), or at `defaultDpi` when it has none. */
export function pngSizeMm(png: Buffer, defaultDpi = 300): { widthMm: number; heightMm: number } {
  if (png.length < 24 || png.readUInt32BE(0) !== 0x89504e47) throw new Error('Không phải tệp PNG');
  const w = png.readUInt32BE(16);
  const h = png.readUInt32BE(20);
  let ppmX = (defaultDpi / 25.4) * 1000;
  let ppmY = ppmX;
  for (let pos = 8; pos + 8 <= png.length;) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    if (type === 'pHYs' && png[pos + 16] === 1) {
      ppmX = png.readUInt32BE(pos + 8) || ppmX;
      ppmY = png.readUInt32BE(pos + 12) || ppmY;
    }
    if (type === 'IDAT' || type === 'IEND') break;
    pos += 12 + len;
  }
  return { widthMm: (w / ppmX) * 1000, heightMm: (h / ppmY) * 1000 };
}

/** Appends one incremental update that draws each stamp over its page. */
export function stampPdf(pdf: Buffer, stamps: Stamp[]): Buffer {
  const text = pdf.toString('latin1');
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref\s+\d+\s+%%EOF\s*$/.exec(text)?.[1];
  if (!Number.isFinite(startxref) || !trailer) throw new Error('PDF: không đọc được phần trailer');
  let size = Number(/\/Size\s+(\d+)/.exec(trailer)?.[1]);
  const root = ref(trailer, 'Root')!;
  const info = ref(trailer, 'Info');
  const id = /\/ID\s*(\[[^\]]*\])/.exec(trailer)?.[1];
  const pagesNum = ref(lastObject(text, root), 'Pages')!;
  const kids = [...(/\/Kids\s*\[([^\]]*)\]/.exec(lastObject(text, pagesNum))?.[1] ?? '').matchAll(/(\d+)\s+0\s+R/g)].map((m) => Number(m[1]));
  if (kids.length === 0) throw new Error('PDF: không có trang');

  const objects: Array<{ num: number; body: Buffer }> = [];
  const add = (body: Buffer | string, num = size++) => {
    objects.push({ num, body: typeof body === 'string' ? Buffer.from(body, 'latin1') : body });
    return num;
  };
  const stream = (dict: string, data: Buffer) => Buffer.concat([
    Buffer.from(`<<${dict} /Length ${data.length}>>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1'),
  ]);
  const pageEdits = new Map<number, { dict: string; resources: string; resNum: number | null }>();
  const open = add(stream('', Buffer.from('q\n', 'latin1')));

  for (const s of stamps) {
    const pageNum = s.page === 'first' ? kids[0]! : kids[kids.length - 1]!;
    let edit = pageEdits.get(pageNum);
    if (!edit) {
      const dict = lastObject(text, pageNum);
      const resNum = ref(dict, 'Resources');
      const resources = resNum !== null ? lastObject(text, resNum) : /\/Resources\s*(<<[\s\S]*>>)\s*\/UserUnit|\/Resources\s*(<<[\s\S]*?>>)\s*>>\s*$/.exec(dict)?.[1] ?? '<< >>';
      edit = { dict, resources, resNum };
      pageEdits.set(pageNum, edit);
    }
    const xobjects: string[] = [];
    for (const img of s.images ?? []) {
      const d = compressedImage(img.png);
      const smask = d.alpha ? add(stream(` /Type /XObject /Subtype /Image /Width ${d.width} /Height ${d.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`, d.alpha)) : null;
      const im = add(stream(` /Type /XObject /Subtype /Image /Width ${d.width} /Height ${d.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode${smask ? ` /SMask ${smask} 0 R` : ''}`, d.rgb));
      xobjects.push(`/${img.name} ${im} 0 R`);
    }
    const merge = (res: string, key: string, entries: string[]) => {
      if (entries.length === 0) return res;
      const at = res.indexOf(`/${key} <<`);
      if (at >= 0) return res.slice(0, at + key.length + 4) + ' ' + entries.join(' ') + ' ' + res.slice(at + key.length + 4);
      const end = res.lastIndexOf('>>');
      return `${res.slice(0, end)}/${key} << ${entries.join(' ')} >>\n${res.slice(end)}`;
    };
    edit.resources = merge(edit.resources, 'XObject', xobjects);
    const contents = /\/Contents\s*(\d+\s+0\s+R|\[[^\]]*\])/.exec(edit.dict);
    if (!contents) throw new Error('PDF: trang không có nội dung');
    const list = contents[1]!.startsWith('[') ? contents[1]!.slice(1, -1).trim() : contents[1]!;
    const already = list.startsWith(`${open} 0 R`);
    // The page's own content runs between our "q" and the first stamp's "Q", so its graphics state cannot leak into ours.
    const content = add(stream('', Buffer.from(`${already ? '' : 'Q\n'}q\n${s.ops}\nQ\n`, 'latin1')));
    edit.dict = edit.dict.replace(contents[0], `/Contents [${already ? list : `${open} 0 R ${list}`} ${content} 0 R]`);
  }
  for (const [pageNum, edit] of pageEdits) {
    if (edit.resNum !== null) {
      add(edit.resources, edit.resNum);
      add(edit.dict, pageNum);
    } else {
      add(edit.dict.replace(/\/Resources\s*<<[\s\S]*>>/, `/Resources ${edit.resources}`), pageNum);
    }
  }

  const parts: Buffer[] = [pdf, Buffer.from('\n', 'latin1')];
  let offset = pdf.length + 1;
  const offsets = new Map<number, number>();
  for (const o of objects) {
    offsets.set(o.num, offset);
    const chunk = Buffer.concat([Buffer.from(`${o.num} 0 obj\n`, 'latin1'), o.body, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(chunk);
    offset += chunk.length;
  }
  const xrefAt = offset;
  let xref = 'xref\n';
  for (const num of [...offsets.keys()].sort((a, b) => a - b)) xref += `${num} 1\n${String(offsets.get(num)).padStart(10, '0')} 00000 n \n`;
  xref += `trailer\n<<\n/Size ${size}\n/Root ${root} 0 R\n${info !== null ? `/Info ${info} 0 R\n` : ''}${id ? `/ID ${id}\n` : ''}/Prev ${startxref}\n>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

const MM = 72 / 25.4;

/**
 * The QR code of the public page's address in the bottom margin of page 1. The caption beside it ("Mã xác minh:
 * <code>" and the address) is drawn by the PDF renderer in the embedded body face (DocumentDescription.verification),
 * so the update adds no font: every font of a signed PDF stays embedded.
 */
export function verificationStamp(url: string, opts: { leftMm: number; bottomMm?: number; sizeMm?: number } = { leftMm: 30 }): Stamp {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const side = (opts.sizeMm ?? VERIFICATION_BLOCK.qrMm) * MM;
  const cell = side / (n + 2); // one module of quiet zone each side
  const x0 = opts.leftMm * MM;
  const y0 = (opts.bottomMm ?? VERIFICATION_BLOCK.bottomMm) * MM;
  const ops: string[] = ['1 g', `${x0.toFixed(2)} ${y0.toFixed(2)} ${side.toFixed(2)} ${side.toFixed(2)} re f`, '0 g'];
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (!qr.modules.get(r, c)) continue;
      const x = x0 + (c + 1) * cell;
      const y = y0 + side - (r + 2) * cell;
      ops.push(`${x.toFixed(3)} ${y.toFixed(3)} ${(cell + 0.02).toFixed(3)} ${(cell + 0.02).toFixed(3)} re`);
    }
  }
  ops.push('f');
  return { page: 'first', ops: ops.join('\n') };
}

export interface SignatureSpace {
  centreX: number; // centre of the signature column (pt, from the left edge)
  top: number; // baseline of the last position line (pt, from the bottom edge)
  bottom: number; // baseline of the signer's name
  titleLeft?: number; // left end of the last position line (its text is centred in the column)
  nameLeft?: number; // left end of the signer's name
}

/**
 * Where the renderer left room to sign on the last page: between the position line and the signer's name of
 * the right-hand signature column, read back from the page's text operators (the name is the last upright
 * bold text of the page; the recipients after it are regular or italic).
 */
export function locateSignatureSpace(pdf: Buffer, column: { left: number; width: number }): SignatureSpace | null {
  const text = pdf.toString('latin1');
  const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref\s+\d+\s+%%EOF\s*$/.exec(text)?.[1];
  if (!trailer) return null;
  const pagesNum = ref(lastObject(text, ref(trailer, 'Root')!), 'Pages')!;
  const kids = [...(/\/Kids\s*\[([^\]]*)\]/.exec(lastObject(text, pagesNum))?.[1] ?? '').matchAll(/(\d+)\s+0\s+R/g)].map((m) => Number(m[1]));
  const page = lastObject(text, kids[kids.length - 1]!);
  const resNum = ref(page, 'Resources');
  const resources = resNum !== null ? lastObject(text, resNum) : page;
  const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
  const bold = new Set<string>();
  for (const m of fontDict.matchAll(/\/(\w+)\s+(\d+)\s+0\s+R/g)) {
    const base = /\/BaseFont\s*\/(\S+)/.exec(lastObject(text, Number(m[2])))?.[1] ?? '';
    if (/Bold/.test(base) && !/Italic|Oblique/.test(base)) bold.add(m[1]!);
  }
  const contents = /\/Contents\s*(\d+\s+0\s+R|\[[^\]]*\])/.exec(page)?.[1] ?? '';
  const blocks: Array<{ x: number; y: number; font: string; size: number }> = [];
  for (const m of contents.matchAll(/(\d+)\s+0\s+R/g)) {
    const num = Number(m[1]);
    const re = new RegExp(`(?:^|[\\r\\n])${num} 0 obj\\s*<<([\\s\\S]*?)>>\\s*stream\\r?\\n`, 'g');
    let last: RegExpExecArray | null = null;
    for (let x = re.exec(text); x; x = re.exec(text)) last = x;
    if (!last) continue;
    const len = Number(/\/Length\s+(\d+)/.exec(last[1]!)?.[1]);
    const start = last.index + last[0].length;
    const raw = pdf.subarray(start, start + len);
    const body = (/\/FlateDecode/.test(last[1]!) ? inflateSync(raw) : raw).toString('latin1');
    for (const b of body.matchAll(/BT\s+1 0 0 1 ([\d.]+) ([\d.]+) Tm\s+\/(\w+) ([\d.]+) Tf/g)) {
      blocks.push({ x: Number(b[1]), y: Number(b[2]), font: b[3]!, size: Number(b[4]) });
    }
  }
  const inColumn = blocks.filter((b) => bold.has(b.font) && b.x >= column.left - 1 && b.x <= column.left + column.width);
  const name = inColumn.at(-1);
  if (!name) return null;
  const title = inColumn.slice(0, -1).reverse().find((b) => b.y > name.y + name.size);
  if (!title) return null;
  return { centreX: column.left + column.width / 2, top: title.y, bottom: name.y, titleLeft: title.x, nameLeft: name.x };
}

/**
 * The signer's signature image centred in the signing space and the seal, at its real size, over the signature's
 * left third (NĐ 30/2020 Phụ lục I §II.7–8): the seal's right edge at a third of the signature, vertically in the
 * gap between the position line and the name. A seal taller than the gap pokes out above and below; it is then
 * moved left, keeping at least a sixth of the signature under it, until it clears the position line and the name.
 */
export function signatureImagesStamp(space: SignatureSpace, images: { signature: { png: Buffer; widthMm: number; heightMm: number }; seal?: { png: Buffer; widthMm: number; heightMm: number } }): Stamp {
  const room = space.top - space.bottom - 4 - 14; // between the position baseline and the top of the name
  const sig = images.signature;
  const h = Math.min(sig.heightMm * MM, Math.max(room, 20));
  const w = h * (sig.widthMm / sig.heightMm);
  const x = space.centreX - w / 2;
  const y = space.bottom + 14 + (room - h) / 2;
  const ops = [`q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} ${x.toFixed(2)} ${y.toFixed(2)} cm /ImSig Do Q`];
  const list: StampImage[] = [{ name: 'ImSig', png: sig.png }];
  if (images.seal) {
    const d = images.seal.widthMm * MM;
    const r = d / 2;
    const gapTop = space.top - 4; // under the position line's descenders
    const gapBottom = space.bottom + 11; // over the name's capitals (14 pt)
    const cy = d <= gapTop - gapBottom ? Math.min(Math.max(y + h / 2, gapBottom + r), gapTop - r) : (gapTop + gapBottom) / 2;
    let cx = x + w / 3 - r;
    const clear = (edgeY: number, textLeft: number | undefined) => {
      const dy = Math.abs(edgeY - cy);
      if (textLeft === undefined || dy >= r) return; // no part of the seal beyond this edge
      cx = Math.min(cx, textLeft - 2 - Math.sqrt(r * r - dy * dy)); // the chord at the edge ends before the text
    };
    clear(gapTop, space.titleLeft);
    clear(gapBottom, space.nameLeft);
    cx = Math.max(cx, x + w / 6 - r);
    ops.push(`q ${d.toFixed(2)} 0 0 ${d.toFixed(2)} ${(cx - d / 2).toFixed(2)} ${(cy - d / 2).toFixed(2)} cm /ImSeal Do Q`);
    list.push({ name: 'ImSeal', png: images.seal.png });
  }
  return { page: 'last', ops: ops.join('\n'), images: list };
}
