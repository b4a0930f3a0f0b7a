import { expect } from 'chai';
import { Document, Packer, Paragraph } from 'docx';
import { OFFICE_ZIP_LIMITS, sniffFileType, zipPackageProblem } from '../../server/domain/file-type.ts';
import { buildZip, DOCX_SKELETON, zipBomb } from '../support/zip.ts';

const MiB = 1024 * 1024;

describe('ZIP packages (DOCX, XLSX) are checked from their entry table, never inflated', () => {
  it('a real DOCX written by the docx library passes', async () => {
    const buf = Buffer.from(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Nghị quyết')] }] })));
    expect(sniffFileType(buf)).to.equal('docx');
    expect(zipPackageProblem(buf)).to.equal(null);
  });

  it('a 1 GiB zip bomb (ten real 100 MiB entries of zeros, about 1 MB on disk) is refused as too large', function () {
    this.timeout(20000);
    const bomb = zipBomb(10, 100);
    expect(bomb.length).to.be.below(2 * MiB);
    expect(sniffFileType(bomb)).to.equal('docx');
    const p = zipPackageProblem(bomb);
    expect(p?.reason).to.be.oneOf(['TOO_LARGE', 'RATIO']);
  });

  // [what, entries, expected reason or null]
  const big = (mib: number) => Buffer.alloc(mib * MiB, 0x41);
  const table: Array<[string, Parameters<typeof buildZip>[0], string | null]> = [
    ['skeleton only', DOCX_SKELETON, null],
    ['one stored 2 MiB entry (ratio 1)', [...DOCX_SKELETON, { name: 'word/media/a.png', data: big(2), method: 0 }], null],
    ['a 1 MiB entry (at the ratio floor) compressing 1000:1 is allowed', [...DOCX_SKELETON, { name: 'word/a.xml', data: Buffer.alloc(MiB) }], null],
    ['a 1 MiB + 1 byte entry compressing 1000:1 is refused', [...DOCX_SKELETON, { name: 'word/a.xml', data: Buffer.alloc(MiB + 1) }], 'RATIO'],
    ['a declared 4 GiB entry (ZIP64 sizes)', [...DOCX_SKELETON, { name: 'word/b.xml', data: Buffer.alloc(100), declaredUncompressed: 4 * 1024 * MiB, zip64: true }], 'TOO_LARGE'],
    ['a small ZIP64 entry is read correctly and allowed', [...DOCX_SKELETON, { name: 'word/c.xml', data: Buffer.from('<x/>'), zip64: true }], null],
    ['an entry pointing at another entry\'s bytes (overlap)', [...DOCX_SKELETON, { name: 'word/d.xml', sameOffsetAs: 1 }], 'OVERLAP'],
    ['an encrypted entry', [...DOCX_SKELETON, { name: 'word/e.xml', data: Buffer.from('x'), flags: 1 }], 'UNSUPPORTED'],
    ['a stored entry whose sizes disagree', [...DOCX_SKELETON, { name: 'word/f.xml', data: Buffer.from('abc'), method: 0, declaredUncompressed: 10 }], 'MALFORMED'],
  ];
  for (const [what, entries, reason] of table) {
    it(`${what}: ${reason ?? 'accepted'}`, () => {
      expect(zipPackageProblem(buildZip(entries))?.reason ?? null).to.equal(reason);
    });
  }

  it('more entries than the limit are refused; exactly the limit is allowed', () => {
    const many = (n: number) => buildZip(Array.from({ length: n }, (_, i) => ({ name: `x/${i}`, data: Buffer.from('a'), method: 0 as const })));
    const limits = { ...OFFICE_ZIP_LIMITS, maxEntries: 50 };
    expect(zipPackageProblem(many(50), limits)).to.equal(null);
    expect(zipPackageProblem(many(51), limits)).to.deep.equal({ reason: 'TOO_MANY_ENTRIES', entries: 51 });
  });

  it('the declared total may reach the limit, one byte more is refused', () => {
    const sized = (n: number) => buildZip([{ name: 'a', data: Buffer.alloc(n - 100, 0x41), method: 0 }, { name: 'b', data: Buffer.alloc(100, 0x42), method: 0 }]);
    const limits = { ...OFFICE_ZIP_LIMITS, maxTotalBytes: 5000 };
    expect(zipPackageProblem(sized(5000), limits)).to.equal(null);
    expect(zipPackageProblem(sized(5001), limits)).to.deep.equal({ reason: 'TOO_LARGE', bytes: 5001 });
  });

  it('a truncated package is malformed, not an exception', () => {
    const ok = buildZip(DOCX_SKELETON);
    for (const cut of [0, 10, 30, ok.length - 30, ok.length - 1]) {
      expect(zipPackageProblem(ok.subarray(0, cut))?.reason).to.equal('MALFORMED');
    }
  });
});
