// The documents of a meeting through the services: a commune that reworded a template gets its own wording
// in every meeting document (convening notice, invitation, programme, minutes, counting board's record);
// the minutes' attendance says "not recorded yet" once instead of listing every member as not checked in;
// the counting board's record names every member and lets every member sign.
import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import { attendanceEvents, candidates, motions } from '../../models/schema.ts';
import type { Database } from '../../server/db/database.ts';
import { loadTemplateSource } from '../../server/documents/index.ts';
import { collectText, type DocumentDescription } from '../../server/documents/model.ts';
import type { Principal } from '../../server/domain/permissions.ts';
import { createServices, type Services } from '../../server/services/index.ts';
import type { MeetingDocumentKind } from '../../server/services/meeting-documents.ts';
import { testDatabase, resetWithDemo, TEST_HASH_COST } from '../support/db.ts';
import { fixedClock } from '../support/http.ts';
import { principalOf } from './issuance-fixture.ts';
import { meetingInSession, type VoteFixture } from './votes-fixture.ts';
import { readPdf } from '../documents/helpers.ts';

const DAY = '2026-11-22';
const text = (d: DocumentDescription) => collectText(d).join('\n');

describe('services — meeting documents', function () {
  this.timeout(120000);
  let database: Database;
  let services: Services;
  let cid: number;
  let office: Principal;
  let hdnd: VoteFixture;
  let ubnd: VoteFixture;
  let bch: VoteFixture;

  before(async () => {
    database = await testDatabase();
    cid = (await resetWithDemo(database)).communeId;
    services = createServices(database, { clock: fixedClock(DAY), hashCost: TEST_HASH_COST });
    office = await principalOf(services, database, 'vanphong');
    hdnd = await meetingInSession(database, cid, 'HĐND', DAY, 0);
    ubnd = await meetingInSession(database, cid, 'UBND', DAY, 0);
    bch = await meetingInSession(database, cid, 'BCH', DAY, 0);
  });

  const describeDoc = async (fx: VoteFixture, kind: MeetingDocumentKind) => (await services.meetingDocuments.describeDocument(office, cid, fx.meetingId, kind)).desc;

  /** Saves the commune's own version of a template: one more paragraph at the top of its content. */
  async function reword(key: string, wording: string) {
    const source = loadTemplateSource(key).replace('[nội dung]\n', `[nội dung]\n${wording}\n`);
    expect(source, key).to.include(wording);
    const current = (await services.templates.get(office, cid, key)).versions[0]!.version;
    await services.templates.save(office, cid, key, { source, baseVersion: String(current), note: 'mẫu của xã' });
  }

  describe("the commune's edited templates", () => {
    const cases: Array<[string, () => VoteFixture, MeetingDocumentKind]> = [
      ['thong-bao-trieu-tap', () => hdnd, 'trieu-tap'],
      ['giay-moi', () => ubnd, 'giay-moi'],
      ['chuong-trinh', () => ubnd, 'chuong-trinh'],
      ['bien-ban-ky-hop', () => hdnd, 'bien-ban'],
      ['bien-ban-phien-hop', () => ubnd, 'bien-ban'],
      ['bien-ban-hoi-nghi', () => bch, 'bien-ban'],
    ];
    for (const [key, fx, kind] of cases) {
      it(`${kind} of the meeting uses the commune's version of "${key}", not the built-in one`, async () => {
        const wording = `Lời văn riêng của xã cho mẫu ${key}.`;
        expect(text(await describeDoc(fx(), kind))).to.not.include(wording);
        await reword(key, wording);
        expect(text(await describeDoc(fx(), kind))).to.include(wording);
        // and the file a user downloads says it too
        const pdf = await services.meetingDocuments.render(office, cid, fx().meetingId, kind, 'pdf');
        const printed = (await readPdf(pdf.buffer)).flatMap((p) => p.items.map((i) => i.text)).join(' ').replace(/\s+/g, ' ');
        expect(printed).to.include('Lời văn riêng của xã');
      });
    }

    it("the counting board's record uses the commune's version, lists every member and lets each sign", async () => {
      const sec = await principalOf(services, database, 'thuky');
      const [v] = await database.db.insert(motions).values({
        communeId: cid, bodyId: hdnd.bodyId, meetingId: hdnd.meetingId, agendaItemId: hdnd.agendaItemId, title: 'Bầu Phó Chủ tịch Hội đồng nhân dân xã',
        kind: 'election', method: 'secret', status: 'open', electSeats: 1,
      }).returning();
      // a closed motion's candidates are final: add the candidate, then close with the frozen figures
      await database.db.insert(candidates).values({ motionId: v!.id, name: 'Vàng A Sử', nominatedBy: 'Thường trực HĐND xã', position: 1, agree: 24, elected: true });
      await database.db.update(motions).set({
        status: 'closed', closedAt: new Date(`${DAY}T02:40:00Z`), total: 27, present: 26, ballotsIssued: 26, ballotsCollected: 26, invalid: 1, baseCount: 27, passed: true,
        // typed with the Trưởng ban on the second line: she still signs as Trưởng ban, on the right
        countingBoard: [{ name: 'Lường Văn Ơn', role: 'Ủy viên' }, { name: 'Lê Thị Thu Hà', role: 'Trưởng Ban kiểm phiếu' }, { name: 'Lò Thị Ươm', role: 'Ủy viên' }],
      }).where(eq(motions.id, v!.id));
      const before = await services.meetingDocuments.countingRecord(sec, cid, hdnd.meetingId, v!.id);
      expect(before.desc.signatures.map((s) => s.name)).to.deep.equal(['Lường Văn Ơn', 'Lò Thị Ươm', 'Lê Thị Thu Hà']);
      expect(before.desc.signatures.map((s) => s.lines[0])).to.deep.equal(['ỦY VIÊN BAN KIỂM PHIẾU', 'ỦY VIÊN BAN KIỂM PHIẾU', 'TRƯỞNG BAN KIỂM PHIẾU']);
      const listed = text(before.desc);
      for (const n of ['Lê Thị Thu Hà — Trưởng Ban kiểm phiếu', 'Lường Văn Ơn — Ủy viên', 'Lò Thị Ươm — Ủy viên']) expect(listed).to.include(n);
      await reword('bien-ban-kiem-phieu', 'Lời văn riêng của xã cho biên bản kiểm phiếu.');
      const after = await services.meetingDocuments.countingRecord(sec, cid, hdnd.meetingId, v!.id);
      expect(text(after.desc)).to.include('Lời văn riêng của xã cho biên bản kiểm phiếu.');
      expect(after.buffer.subarray(0, 5).toString()).to.equal('%PDF-');
    });
  });

  describe('attendance in the minutes', () => {
    it('nobody checked in: one sentence that attendance is not recorded, no member listed as "chưa điểm danh"', async () => {
      for (const fx of [hdnd, ubnd, bch]) {
        const t = text(await describeDoc(fx, 'bien-ban'));
        expect(t).to.include('chưa ghi nhận điểm danh');
        expect(t).to.not.match(/: chưa điểm danh/);
        expect(t).to.not.include('Chưa điểm danh (');
        for (const m of fx.members) expect(t, m.name).to.not.include(`${m.name}: `);
      }
    });

    it('some recorded: present counted, absences with and without reason named, the unrecorded named once', async () => {
      const [a, b, c, ...rest] = hdnd.members.filter((m) => m.personId !== (hdnd.members[0]!.personId));
      const present = [hdnd.members[0]!, ...rest.slice(0, 10)];
      const at = new Date(`${DAY}T00:55:00Z`);
      await database.db.insert(attendanceEvents).values([
        ...present.map((m) => ({ meetingId: hdnd.meetingId, personId: m.personId, status: 'present' as const, at })),
        { meetingId: hdnd.meetingId, personId: a!.personId, status: 'absent_excused' as const, reason: 'đi công tác', at },
        { meetingId: hdnd.meetingId, personId: b!.personId, status: 'absent_unexcused' as const, at },
      ]);
      const t = text(await describeDoc(hdnd, 'bien-ban'));
      expect(t).to.not.include('chưa ghi nhận điểm danh');
      expect(t).to.include(`có mặt: ${present.length}; vắng mặt: 2.`);
      expect(t).to.match(new RegExp(`${a!.name}: vắng có lý do \\(đi công tác\\)`));
      expect(t).to.include(`${b!.name}: vắng không có lý do`);
      const unrecorded = hdnd.members.length - present.length - 2;
      const line = collectText(await describeDoc(hdnd, 'bien-ban')).find((s) => s.startsWith('Chưa điểm danh ('))!;
      expect(line).to.match(new RegExp(`^Chưa điểm danh \\(${unrecorded}\\): `));
      expect(line).to.include(c!.name);
      for (const m of present) expect(line).to.not.include(m.name);
      expect(t).to.not.match(/: chưa điểm danh/);
    });
  });
});
