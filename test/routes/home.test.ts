// The home page's "what to do today": upcoming meetings (next 30 days) of the bodies a person serves or sits in,
// and for a member the meeting of their body being held today, with a link to check in.
import { expect } from 'chai';
import { eq, sql } from 'drizzle-orm';
import { bodies } from '../../models/schema.ts';
import type { Database } from '../../server/db/database.ts';
import type { Clock } from '../../server/services/index.ts';
import { testDatabase, resetWithDemo } from '../support/db.ts';
import { loggedIn, startServer, type TestServer } from '../support/http.ts';

describe('routes — home page meetings', function () {
  this.timeout(60000);
  let database: Database;
  let server: TestServer;
  let cid: number;
  let day = '2026-12-10';
  const clock: Clock = { now: () => new Date(`${day}T03:00:00Z`), today: () => day };
  const section = (html: string, heading: string) => {
    const i = html.indexOf(heading);
    return i < 0 ? '' : html.slice(i, html.indexOf('</section>', i));
  };

  before(async () => {
    database = await testDatabase();
    cid = (await resetWithDemo(database)).communeId;
    server = await startServer(database, clock);
  });
  after(async () => server.stop());

  it('the secretary sees the UBND meeting she prepares and the BCH conference she sits in, not those past 30 days', async () => {
    day = '2026-12-10';
    const thuky = await loggedIn(server.base, 'thuky');
    const html = section((await thuky.get('/')).text, 'Cuộc họp trong 30 ngày tới');
    expect(html).to.include('15/12/2026').and.include('Ban Chấp hành Đảng bộ xã Tân Uyên');
    expect(html).to.include('28/12/2026').and.include('Phiên họp thường kỳ tháng 12/2026');
    expect(html).to.include('Đang chuẩn bị').and.include('Đã triệu tập');
    expect(html).to.include(`href="/xa/${cid}/hop"`);
    day = '2026-11-20'; // the UBND meeting (28/12) is 38 days away
    const later = section((await thuky.get('/')).text, 'Cuộc họp trong 30 ngày tới');
    expect(later).to.include('15/12/2026').and.not.include('28/12/2026');
  });

  it('a deputy sees the council session of her body, and a member of no body of the meeting does not', async () => {
    day = '2026-03-20';
    const daibieu = await loggedIn(server.base, 'daibieu');
    const html = section((await daibieu.get('/')).text, 'Cuộc họp trong 30 ngày tới');
    expect(html).to.include('25/03/2026').and.include('Kỳ họp thứ Nhất — Hội đồng nhân dân xã Tân Uyên');
    day = '2026-12-10';
    const none = (await daibieu.get('/')).text;
    expect(section(none, 'Cuộc họp trong 30 ngày tới')).to.include('Không có cuộc họp nào').and.not.include('Ban Chấp hành');
    expect(none).to.not.include('Cuộc họp đang diễn ra');
  });

  it('a council session in progress today offers the deputy "Cuộc họp đang diễn ra — điểm danh", then shows her checked in', async () => {
    day = '2026-12-10';
    const hdnd = (await database.db.select().from(bodies).where(eq(bodies.shortName, 'HĐND')))[0]!.id;
    const chair = Number(((await database.db.execute(sql`SELECT id FROM people WHERE full_name = 'Lò Văn Thắng'`)) as any).rows[0].id);
    const thuky = await loggedIn(server.base, 'thuky');
    await thuky.get(`/xa/${cid}/co-quan/${hdnd}/hop/moi`);
    const created = await thuky.post(`/xa/${cid}/co-quan/${hdnd}/hop`, { kind: 'thematic', date: day, startTime: '07:30', days: '1', place: 'Hội trường UBND xã', chairPersonId: String(chair) });
    expect(created.status).to.equal(303);
    const path = created.location!;
    const id = Number(path.split('/').pop());
    await thuky.get(path);
    expect((await thuky.post(`${path}/chuong-trinh`, { version: '1', title: 'Khai mạc', kind: 'other' })).status).to.equal(303);
    await thuky.get(path);
    expect((await thuky.post(`${path}/trang-thai`, { version: '2', action: 'convene' })).status).to.equal(303);
    await thuky.get(path);
    expect((await thuky.post(`${path}/trang-thai`, { version: '3', action: 'open' })).status).to.equal(303);

    const daibieu = await loggedIn(server.base, 'daibieu');
    const html = section((await daibieu.get('/')).text, 'Cuộc họp đang diễn ra — điểm danh');
    expect(html).to.include(`href="/xa/${cid}/hop/${id}#toi"`).and.include('Điểm danh: Kỳ họp thứ Hai (chuyên đề)');
    expect((await thuky.get('/')).text, 'the secretary is not a deputy').to.not.include('Cuộc họp đang diễn ra');
    await daibieu.get(path);
    expect((await daibieu.post(`${path}/diem-danh/toi`, {})).status).to.equal(303);
    expect(section((await daibieu.get('/')).text, 'Cuộc họp đang diễn ra — điểm danh')).to.include('Đã điểm danh: Kỳ họp thứ Hai');
    day = '2026-12-11';
    expect((await daibieu.get('/')).text, 'the day after').to.not.include('Cuộc họp đang diễn ra');
  });
});
