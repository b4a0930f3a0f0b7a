// Issuance through the services: the whole path (draft → submit → approve → sign → issue) with a real PDF
// signature; 1,000 concurrent issuances without duplicate or gap; a failed issuance leaves no gap; issued
// documents are immutable; bad input is refused and nothing is numbered.
import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { documentVersions, issuedFiles, numberSeries, officialDocuments, registerEntries } from '../../models/schema.ts';
import type { Database } from '../../server/db/database.ts';
import { checkRegisterSequence } from '../../server/domain/numbering.ts';
import type { Principal } from '../../server/domain/permissions.ts';
import { AppError } from '../../server/domain/errors.ts';
import { createServices, type Services } from '../../server/services/index.ts';
import { testDatabase, resetWithDemo, TEST_HASH_COST } from '../support/db.ts';
import { bodyIdOf, principalOf } from './issuance-fixture.ts';
import { fixedClock } from '../support/http.ts';
import { demoImages, generateSelfSignedP12 } from '../../server/signing/index.ts';

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

const hasPdfsig = (() => { try { execFileSync('pdfsig', ['-v'], { stdio: 'ignore' }); return true; } catch { return false; } })();

describe('services — sign-off and issuance', function () {
  this.timeout(300000);
  let database: Database;
  let services: Services;
  let cid: number;
  let ubnd: number;
  let who: Record<string, Principal>;

  before(async () => {
    database = await testDatabase();
    cid = (await resetWithDemo(database)).communeId;
    services = createServices(database, { clock: fixedClock(), hashCost: TEST_HASH_COST, signoff: { signingSecret: 'test-signing-secret-0123456789' } });
    ubnd = await bodyIdOf(database, cid, 'UBND');
    who = {};
    for (const u of ['vanphong', 'thuky', 'chutich', 'bithu', 'admin.tanuyen', 'thuky.dangu']) who[u] = await principalOf(services, database, u);
  });

  async function signedUbndDecision() {
    const doc = await services.documents.create(who.thuky!, cid, { bodyId: String(ubnd), templateKey: 'ubnd-quyet-dinh-phan-cong' });
    await services.documents.submit(who.thuky!, cid, doc.id, { version: '1' });
    await services.documents.approve(who.vanphong!, cid, doc.id, { version: '1' });
    await services.documents.sign(who.chutich!, cid, doc.id, { version: '1' });
    return doc;
  }

  it('draft → submit → approve → sign → issue: number 01, date, register row, signed PDF that pdfsig accepts', async () => {
    const doc = await signedUbndDecision();
    const v1 = (await database.db.select().from(documentVersions).where(eq(documentVersions.documentId, doc.id)))[0]!;
    expect(v1.text).to.include('Trần Đức Minh').and.include('dự thảo: có').and.include('ngày 22 tháng 11 năm 2026');
    const out = await services.issuance.issue(who.vanphong!, cid, doc.id, { copies: '5' });
    expect(out.number).to.equal(1);
    expect(out.numberSymbol).to.equal('01/QĐ-UBND');
    const [entry] = await database.db.select().from(registerEntries).where(eq(registerEntries.documentId, doc.id));
    expect(entry).to.include({ numberSymbol: '01/QĐ-UBND', issuedDate: '2026-11-22', signerName: 'Trần Đức Minh', copies: 5, keepingUnit: 'VT, VP' });
    const [files] = await database.db.select().from(issuedFiles).where(eq(issuedFiles.documentId, doc.id));
    expect(files!.signedPdf.subarray(0, 5).toString()).to.equal('%PDF-');
    expect(files!.docx.subarray(0, 2).toString()).to.equal('PK');
    if (hasPdfsig) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'issue-'));
      const file = path.join(dir, 'signed.pdf');
      fs.writeFileSync(file, files!.signedPdf);
      const ok = execFileSync('pdfsig', [file]).toString();
      expect(ok).to.include('Signature is Valid.');
      const text = execFileSync('pdftotext', [file, '-']).toString();
      expect(text).to.include('Số: 01/QĐ-UBND').and.include('ngày 22 tháng 11 năm 2026').and.include(out.shortCode).and.not.include('DỰ THẢO');
      const tampered = Buffer.from(files!.signedPdf);
      const at = tampered.indexOf('Trần Đức Minh') > 0 ? tampered.indexOf('Trần Đức Minh') : 2000;
      tampered[at] = tampered[at]! ^ 1;
      fs.writeFileSync(file, tampered);
      let out2: string;
      try { out2 = execFileSync('pdfsig', [file]).toString(); } catch (err) { out2 = String((err as { stdout?: Buffer }).stdout); }
      expect(out2).to.not.include('Signature is Valid.');
      expect(out2).to.match(/Digest Mismatch|Signature is Invalid/);
    }
    const again = await refusal(services.issuance.issue(who.vanphong!, cid, doc.id, {}));
    expect(again.status).to.equal(409);
    expect(again.message).to.include('đã được ban hành');
  });

  it('an issued document is never edited: edit, submit, sign are refused; a correction is a new document', async () => {
    const [issued] = await database.db.select().from(officialDocuments).where(eq(officialDocuments.status, 'issued'));
    const edit = await refusal(services.documents.saveText(who.thuky!, cid, issued!.id, { text: 'x', version: String(issued!.currentVersion) }));
    expect(edit.status).to.equal(409);
    expect(edit.message).to.include('không được sửa');
    expect((await refusal(services.documents.sign(who.chutich!, cid, issued!.id, { version: '1' }))).status).to.equal(409);
    const copy = await services.issuance.startCorrection(who.thuky!, cid, issued!.id);
    expect(copy.replacesId).to.equal(issued!.id);
    expect(copy.status).to.equal('draft');
    const versions = await database.db.select().from(documentVersions).where(eq(documentVersions.documentId, issued!.id));
    expect(versions).to.have.length(1);
  });

  it('refuses signing by someone without the post, a stale version, and an expired certificate — nothing numbered', async () => {
    const doc = await services.documents.create(who.thuky!, cid, { bodyId: String(ubnd), templateKey: 'ubnd-quyet-dinh-bo-nhiem' });
    await services.documents.submit(who.thuky!, cid, doc.id, { version: '1' });
    await services.documents.approve(who.vanphong!, cid, doc.id, { version: '1' });
    // Another body's signer does not even see it; the secretary may not sign.
    expect((await refusal(services.documents.sign(who.bithu!, cid, doc.id, { version: '1' }))).status).to.equal(404);
    expect((await refusal(services.documents.sign(who.thuky!, cid, doc.id, { version: '1' }))).status).to.equal(403);
    const stale = await refusal(services.documents.sign(who.chutich!, cid, doc.id, { version: '0' }));
    expect(stale.status).to.equal(400);
    await services.documents.returnForChanges(who.chutich!, cid, doc.id, { version: '1', comment: 'Sửa Điều 2' });
    const current = (await database.db.select().from(documentVersions).where(eq(documentVersions.documentId, doc.id)))[0]!;
    await services.documents.saveText(who.thuky!, cid, doc.id, { text: current.text.replace('Điều 2.', 'Điều 2. (đã sửa)'), version: '1' });
    await services.documents.submit(who.thuky!, cid, doc.id, { version: '2' });
    await services.documents.approve(who.vanphong!, cid, doc.id, { version: '2' });
    const old = await refusal(services.documents.sign(who.chutich!, cid, doc.id, { version: '1' }));
    expect(old.status).to.equal(409);
    expect(old.message).to.include('phiên bản mới hơn');
    await services.documents.sign(who.chutich!, cid, doc.id, { version: '2' });
    expect((await refusal(services.documents.sign(who.chutich!, cid, doc.id, { version: '2' }))).status).to.equal(409);

    // An expired certificate uploaded for the signer: refused at issuance, no number taken.
    const expired = generateSelfSignedP12({ commonName: 'Trần Đức Minh', organization: 'UBND', password: 'pw', validFrom: new Date('2024-01-01'), validTo: new Date('2026-12-31') });
    await services.certificates.upload(who['admin.tanuyen']!, cid, { target: `account:${who.chutich!.accountId}`, password: 'pw' }, { buffer: expired, originalname: 'a.p12', size: expired.length });
    const later = createServices(database, { clock: fixedClock('2027-01-05'), hashCost: TEST_HASH_COST, signoff: { signingSecret: 'test-signing-secret-0123456789' } });
    const before = await database.db.select().from(numberSeries);
    const exp = await refusal(later.issuance.issue(who.vanphong!, cid, doc.id, {}));
    expect(exp.status).to.equal(422);
    expect(exp.message).to.include('Chứng thư số đã hết hạn').and.include('chưa được cấp số');
    expect(await database.db.select().from(numberSeries)).to.deep.equal(before);
  });

  it('refuses a KT. block signed by the head (the block needs a deputy): 403 with the reason', async () => {
    const doc = await services.documents.create(who.thuky!, cid, { bodyId: String(ubnd), templateKey: 'ubnd-quyet-dinh-phan-cong' });
    const v1 = (await database.db.select().from(documentVersions).where(eq(documentVersions.documentId, doc.id)))[0]!;
    await services.documents.saveText(who.thuky!, cid, doc.id, { version: '1', text: v1.text.replace(/TM\. Ủy ban nhân dân\nChủ tịch/i, 'KT. Chủ tịch\nPhó Chủ tịch') });
    await services.documents.submit(who.thuky!, cid, doc.id, { version: '2' });
    await services.documents.approve(who.vanphong!, cid, doc.id, { version: '2' });
    const r = await refusal(services.documents.sign(who.chutich!, cid, doc.id, { version: '2' }));
    expect(r.status).to.equal(403);
    expect(r.message).to.include('cấp phó').and.include('22/11/2026');
  });

  it('refuses a P12 with a wrong password or that is not a P12, in Vietnamese', async () => {
    const p12 = generateSelfSignedP12({ commonName: 'UBND', organization: 'UBND', password: 'right', validFrom: new Date('2026-01-01'), validTo: new Date('2028-01-01') });
    const wrong = await refusal(services.certificates.upload(who['admin.tanuyen']!, cid, { target: `body:${ubnd}`, password: 'wrong' }, { buffer: p12, originalname: 'a.p12', size: p12.length }));
    expect(wrong.status).to.equal(422);
    expect(wrong.fields.password).to.equal('Mật khẩu của tệp chữ ký số không đúng.');
    const junk = Buffer.from('not a certificate');
    const notP12 = await refusal(services.certificates.upload(who['admin.tanuyen']!, cid, { target: `body:${ubnd}`, password: 'x' }, { buffer: junk, originalname: 'a.p12', size: junk.length }));
    expect(notP12.fields.file).to.include('không phải tệp chữ ký số');
    const office = await refusal(services.certificates.upload(who.vanphong!, cid, { target: `body:${ubnd}`, password: 'right' }, { buffer: p12, originalname: 'a.p12', size: p12.length }));
    expect(office.status).to.equal(403);
  });

  it('the database itself refuses to change an issued document, its text, its register row or its files', async () => {
    const [issued] = await database.db.select().from(officialDocuments).where(eq(officialDocuments.status, 'issued'));
    const fails = async (q: Promise<unknown>) => {
      try { await q; } catch { return true; }
      return false;
    };
    expect(await fails(database.db.update(documentVersions).set({ text: 'sửa lén' }).where(eq(documentVersions.documentId, issued!.id)))).to.equal(true);
    expect(await fails(database.db.update(registerEntries).set({ number: 99 }).where(eq(registerEntries.documentId, issued!.id)))).to.equal(true);
    expect(await fails(database.db.delete(issuedFiles).where(eq(issuedFiles.documentId, issued!.id)))).to.equal(true);
    expect(await fails(database.db.update(officialDocuments).set({ subject: 'khác' }).where(eq(officialDocuments.id, issued!.id)))).to.equal(true);
    expect(await fails(database.db.update(officialDocuments).set({ status: 'draft' }).where(eq(officialDocuments.id, issued!.id)))).to.equal(true);
  });

  it('an HĐND resolution is signed by the Chairman of the council (TM.) and numbered in the HĐND series', async () => {
    const hdnd = await bodyIdOf(database, cid, 'HĐND');
    const doc = await services.documents.create(who.thuky!, cid, { bodyId: String(hdnd), templateKey: 'hdnd-nghi-quyet' });
    await services.documents.submit(who.thuky!, cid, doc.id, { version: '1' });
    await services.documents.approve(who.vanphong!, cid, doc.id, { version: '1' });
    expect((await refusal(services.documents.sign(who.chutich!, cid, doc.id, { version: '1' }))).status).to.equal(404);
    await services.documents.sign(who.bithu!, cid, doc.id, { version: '1' });
    const out = await services.issuance.issue(who.vanphong!, cid, doc.id, {});
    expect(out.numberSymbol).to.equal('01/NQ-HĐND');
    const found = await services.verification.lookup(out.shortCode.toLowerCase());
    expect(found!.details!.numberSymbol).to.equal('01/NQ-HĐND');
    expect(found!.details!.signer).to.equal('Lò Văn Thắng');
  });

  it('Party documents: "Số 01-NQ/ĐU" per type within the term; the public page confirms existence only', async () => {
    const bch = await bodyIdOf(database, cid, 'BCH');
    const party = await principalOf(services, database, 'thuky.dangu');
    const numbers: string[] = [];
    for (let i = 0; i < 2; i++) {
      const doc = await services.documents.create(party, cid, { bodyId: String(bch), templateKey: 'dang-uy-nghi-quyet' });
      await services.documents.submit(party, cid, doc.id, { version: '1' });
      await services.documents.approve(who.vanphong!, cid, doc.id, { version: '1' });
      await services.documents.sign(who.bithu!, cid, doc.id, { version: '1' });
      const out = await services.issuance.issue(who.vanphong!, cid, doc.id, {});
      numbers.push(out.numberSymbol);
      expect(out.seriesKey).to.equal('party|ĐU|2025-2030|NQ');
      const found = await services.verification.lookup(out.shortCode);
      expect(found!.publicDetails).to.equal(false);
      expect(found!.details).to.equal(null);
      expect(found!.sha256).to.match(/^[0-9a-f]{64}$/);
    }
    expect(numbers).to.deep.equal(['01-NQ/ĐU', '02-NQ/ĐU']);
  });

  it('1,000 concurrent issuances: no duplicate, no gap; a failed one gives its number back', async function () {
    const N = 1000;
    const light = createServices(database, {
      clock: fixedClock(), hashCost: TEST_HASH_COST,
      signoff: {
        signingSecret: 'test-signing-secret-0123456789',
        issuance: {
          withoutCertificate: true,
          render: async (ctx) => {
            if (ctx.desc.subject === 'FAIL') throw new Error('renderer failed');
            const b = Buffer.from(`%PDF-light ${ctx.numberSymbol}`);
            return { pdf: b, signedPdf: b, docx: b };
          },
        },
      },
    });
    const text = (await database.db.select().from(documentVersions).limit(1))[0]!.text;
    const ids: number[] = [];
    for (let start = 0; start < N + 1; start += 250) {
      const rows = await database.db.insert(officialDocuments).values(Array.from({ length: Math.min(250, N + 1 - start) }, (_, i) => ({
        communeId: cid, bodyId: ubnd, templateKey: 'ubnd-quyet-dinh-phan-cong', family: 'state', typeCode: 'TB', typeName: 'THÔNG BÁO',
        subject: start + i === 500 ? 'FAIL' : `Văn bản ${start + i}`, status: 'signed' as const, currentVersion: 1, signedVersion: 1, createdBy: who.vanphong!.accountId,
      }))).returning({ id: officialDocuments.id });
      await database.db.insert(documentVersions).values(rows.map((r, i) => ({
        documentId: r.id, version: 1, createdBy: who.vanphong!.accountId, text: start + i === 500 ? text.replace(/trích yếu: .*/, 'trích yếu: FAIL') : text,
      })));
      ids.push(...rows.map((r) => r.id));
    }
    const t0 = Date.now();
    const results = await Promise.allSettled(ids.map((id) => light.issuance.issue(who.vanphong!, cid, id, {})));
    const ms = Date.now() - t0;
    const failed = results.filter((r) => r.status === 'rejected');
    expect(failed, String((failed[0] as PromiseRejectedResult | undefined)?.reason)).to.have.length(1);
    const rows = await database.db.select().from(registerEntries).where(eq(registerEntries.communeId, cid));
    const series = rows.filter((r) => r.seriesKey === 'state|UBND|2026|regular');
    const check = checkRegisterSequence(series.map((r) => r.number));
    expect(check).to.deep.equal({ duplicates: [], gaps: [], invalid: [] });
    expect(series.length).to.be.at.least(N);
    console.log(`      ${N} issuances in ${ms} ms (${Math.round((N * 1000) / ms)}/s) on ${database.kind}`);
  });

  it('places the configured signature image (signer) and seal image (body) on the issued PDF; the signature stays valid', async () => {
    const { signature, seal } = demoImages();
    const admin = who['admin.tanuyen']!;
    const valid = { validFrom: new Date('2026-01-01'), validTo: new Date('2028-01-01') };
    const own = generateSelfSignedP12({ commonName: 'Trần Đức Minh', organization: 'UBND xã Tân Uyên', password: 'ky', ...valid });
    const bodyP12 = generateSelfSignedP12({ commonName: 'Ủy ban nhân dân xã Tân Uyên', organization: 'UBND', password: 'dau', ...valid });
    const file = (buffer: Buffer, name: string) => ({ buffer, originalname: name, size: buffer.length });
    const badImage = await refusal(services.certificates.upload(admin, cid, { target: `body:${ubnd}`, password: 'dau' }, file(bodyP12, 'b.p12'), { seal: file(Buffer.from('GIF89a'), 'x.gif') }));
    expect(badImage.fields.seal).to.include('PNG');
    await services.certificates.upload(admin, cid, { target: `body:${ubnd}`, password: 'dau' }, file(bodyP12, 'b.p12'), { seal: file(seal.png, 'dau.png') });
    await services.certificates.upload(admin, cid, { target: `account:${who.chutich!.accountId}`, password: 'ky' }, file(own, 'a.p12'), { signature: file(signature.png, 'chu-ky.png') });
    const doc = await signedUbndDecision();
    await services.issuance.issue(who.vanphong!, cid, doc.id, {});
    const [files] = await database.db.select().from(issuedFiles).where(eq(issuedFiles.documentId, doc.id));
    const text = files!.signedPdf.toString('latin1');
    expect(text).to.include('/ImSig').and.include('/ImSeal');
    expect(files!.certificateSubject).to.include('Trần Đức Minh');
    if (hasPdfsig) {
      const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'issue-')), 'img.pdf');
      fs.writeFileSync(f, files!.signedPdf);
      const out = execFileSync('pdfsig', [f]).toString();
      expect(out).to.include('Signature is Valid.').and.include('Trần Đức Minh');
    }
  });
});
