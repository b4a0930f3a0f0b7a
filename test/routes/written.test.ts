// Written opinion-taking between sessions over HTTP: the secretary sends a question with a deadline to the body's
// members of that day, members answer from a phone (choose → confirm), the secretary enters paper answers, and the
// motion closes at the deadline under the body's rule. Boundaries: deadline − 1 min accepted, at the deadline refused;
// non-members, double answers and paper entries for someone who answered online refused; every mutating route with
// and without permission.
import { expect } from 'chai';
import { and, count, eq } from 'drizzle-orm';
import { accountRoles, accounts, bodies, communes, motions, namedBallots, people } from '../../models/schema.ts';
import { hashPassword } from '../../server/services/passwords.ts';
import { DEMO_PASSWORD } from '../../server/seed/demo-data.ts';
import type { Database } from '../../server/db/database.ts';
import { votingMembersOn } from '../../server/domain/membership.ts';
import { membershipsOfBody } from '../../server/repositories/org.ts';
import type { Clock } from '../../server/services/index.ts';
import { testDatabase, resetWithDemo, TEST_HASH_COST } from '../support/db.ts';
import { loggedIn, startServer, type Client, type TestServer } from '../support/http.ts';
import { memberAccount } from '../services/votes-fixture.ts';

const START = new Date('2026-11-22T03:00:00Z'); // 10:00 in Vietnam
const DEADLINE = new Date('2026-11-25T10:00:00Z'); // 17:00 on 25/11 in Vietnam

describe('routes — written opinions (phiếu lấy ý kiến)', function () {
  let database: Database;
  let server: TestServer;
  let cid: number;
  let hdnd: number;
  let sec: Client;
  let now = START;
  const clock: Clock = { now: () => now, today: () => new Date(now.getTime() + 7 * 3600e3).toISOString().slice(0, 10) };
  let voters: { personId: number; name: string }[] = [];

  const listUrl = () => `/xa/${cid}/co-quan/${hdnd}/lay-y-kien`;
  const motionRow = async (id: number) => (await database.db.select().from(motions).where(eq(motions.id, id)))[0]!;
  const ballots = async (id: number) => (await database.db.select().from(namedBallots).where(eq(namedBallots.motionId, id)));
  const member = async (personId: number) => loggedIn(server.base, await memberAccount(database, cid, personId));

  async function send(title: string, form: Record<string, string> = {}) {
    now = START;
    await sec.get(listUrl());
    const r = await sec.post(listUrl(), { title, kind: 'resolution', deadlineDate: '2026-11-25', deadlineTime: '17:00', ...form });
    expect(r.status, r.text.slice(0, 600)).to.equal(303);
    return { id: Number(r.location!.split('/').pop()), url: r.location! };
  }

  before(async function () {
    this.timeout(90000);
    database = await testDatabase();
    cid = (await resetWithDemo(database)).communeId;
    server = await startServer(database, clock);
    sec = await loggedIn(server.base, 'thuky');
    hdnd = (await database.db.select().from(bodies).where(and(eq(bodies.communeId, cid), eq(bodies.shortName, 'HĐND'))))[0]!.id;
    voters = votingMembersOn(await membershipsOfBody(database.db, cid, hdnd), '2026-11-22').map((m) => ({ personId: m.personId, name: m.personName }));
  });
  after(async () => server.stop());
  afterEach(() => { now = START; });

  it('the secretary sends a question to the 26 deputies of the day; a past deadline or an empty title is refused with 422', async () => {
    expect(voters).to.have.length(26);
    await sec.get(listUrl());
    const past = await sec.post(listUrl(), { title: 'Quá hạn', kind: 'resolution', deadlineDate: '2026-11-22', deadlineTime: '09:59' });
    expect(past.status).to.equal(422);
    expect(past.text).to.include('Vui lòng nhập hạn trả lời').and.include('value="Quá hạn"');
    expect((await sec.post(listUrl(), { title: '', kind: 'resolution', deadlineDate: '2026-11-25', deadlineTime: '17:00' })).status).to.equal(422);
    const a = await send('Nghị quyết điều chỉnh dự toán ngân sách xã năm 2026');
    expect(await motionRow(a.id)).to.include({ method: 'written', status: 'open', meetingId: null, bodyId: hdnd });
    expect((await motionRow(a.id)).deadline!.toISOString()).to.equal(DEADLINE.toISOString());
    const page = await sec.get(a.url);
    expect(page.text).to.include('17:00 ngày 25/11/2026').and.include('Đã nhận <strong>0</strong>/26 phiếu').and.include('Ghi phiếu giấy');
  });

  it('a member answers from the phone with a confirmation step (no JavaScript needed); a second answer is refused; home lists it until answered', async () => {
    const a = await send('Lấy ý kiến về kế hoạch tiếp xúc cử tri');
    const c = await member(voters[0]!.personId);
    expect((await c.get('/')).text).to.include('Phiếu lấy ý kiến chờ bạn trả lời').and.include('Lấy ý kiến về kế hoạch tiếp xúc cử tri');
    const page = await c.get(a.url);
    expect(page.text).to.include('aria-label="Ý kiến: Tán thành"').and.include('aria-label="Ý kiến: Ý kiến khác"');
    const confirm = await c.get(`${a.url}?chon=abstain`);
    expect(confirm.text).to.include('Xác nhận: ý kiến của bạn là').and.include('Ý kiến khác');
    expect((await c.post(`${a.url}/tra-loi`, { choice: 'abstain' })).status).to.equal(303);
    expect((await c.get(a.url)).text).to.include('Bạn đã trả lời: <strong>Ý kiến khác</strong>');
    expect((await c.get('/')).text).to.not.include('Lấy ý kiến về kế hoạch tiếp xúc cử tri');
    const again = await c.post(`${a.url}/tra-loi`, { choice: 'for' });
    expect(again.status).to.equal(409);
    expect(again.text).to.include('mỗi người chỉ biểu quyết một lần');
    const rows = await ballots(a.id);
    expect(rows).to.have.length(1);
    expect(rows[0]).to.include({ personId: voters[0]!.personId, choice: 'abstain', source: 'online' });
  });

  it('refuses a non-member of the body, who cannot see the question (404), and another commune (404); nothing recorded', async () => {
    const a = await send('Không phải thành viên');
    const outsider = (await database.db.select().from(people).where(and(eq(people.communeId, cid), eq(people.fullName, 'Vũ Mạnh Cường'))))[0]!;
    const c = await member(outsider.id);
    await c.get('/');
    const r = await c.post(`${a.url}/tra-loi`, { choice: 'for' });
    expect(r.status).to.equal(404); // the page is 404 for them too: a body they do not belong to is invisible
    expect((await c.get(a.url)).status).to.equal(404);
    const [c2] = await database.db.insert(communes).values({ name: 'Bình Lư', kind: 'xã', province: 'Lai Châu', code: '03611', placeName: 'Bình Lư' }).returning();
    const [acc] = await database.db.insert(accounts).values({ username: 'tv.binhlu.w', displayName: 'TV Bình Lư', passwordHash: await hashPassword(DEMO_PASSWORD, TEST_HASH_COST), communeId: c2!.id, personId: outsider.id }).returning();
    await database.db.insert(accountRoles).values({ accountId: acc!.id, role: 'member', bodyId: null });
    const other = await loggedIn(server.base, 'tv.binhlu.w');
    expect((await other.post(`${a.url}/tra-loi`, { choice: 'for' })).status).to.equal(404);
    expect((await other.get(a.url)).status).to.equal(404);
    expect(await ballots(a.id)).to.have.length(0);
  });

  it('the secretary enters paper answers; refused for someone who answered online, and for a person not sent the form', async () => {
    const a = await send('Phiếu giấy');
    const online = voters[1]!;
    const c = await member(online.personId);
    await c.get(a.url);
    expect((await c.post(`${a.url}/tra-loi`, { choice: 'for' })).status).to.equal(303);
    await sec.get(a.url);
    const dup = await sec.post(`${a.url}/phieu-giay`, { personId: String(online.personId), choice: 'against' });
    expect(dup.status).to.equal(409);
    expect(dup.text).to.include(`${online.name} đã trả lời trực tuyến`);
    const outsider = (await database.db.select().from(people).where(and(eq(people.communeId, cid), eq(people.fullName, 'Vũ Mạnh Cường'))))[0]!;
    expect((await sec.post(`${a.url}/phieu-giay`, { personId: String(outsider.id), choice: 'for' })).status).to.equal(422);
    expect((await sec.post(`${a.url}/phieu-giay`, { personId: String(voters[2]!.personId), choice: 'against' })).status).to.equal(303);
    const paper = await sec.post(`${a.url}/phieu-giay`, { personId: String(voters[2]!.personId), choice: 'for' });
    expect(paper.status).to.equal(409);
    expect(paper.text).to.include('bằng phiếu giấy');
    const rows = await ballots(a.id);
    expect(rows.map((b) => b.source).sort()).to.deep.equal(['online', 'paper']);
  });

  it('deadline − 1 minute is accepted; at the deadline the answer is refused and the motion closes by the rule, at the deadline', async () => {
    const a = await send('Nghị quyết thông qua đề án sắp xếp thôn, bản');
    await sec.get(a.url);
    for (const v of voters.slice(4, 17)) expect((await sec.post(`${a.url}/phieu-giay`, { personId: String(v.personId), choice: 'for' })).status).to.equal(303);
    for (const v of voters.slice(17, 19)) await sec.post(`${a.url}/phieu-giay`, { personId: String(v.personId), choice: 'against' });
    const early = await member(voters[3]!.personId);
    const late = await member(voters[20]!.personId);
    await early.get(a.url);
    await late.get(a.url);
    now = new Date(DEADLINE.getTime() - 60_000);
    expect((await early.post(`${a.url}/tra-loi`, { choice: 'for' })).status).to.equal(303);
    now = DEADLINE;
    const refused = await late.post(`${a.url}/tra-loi`, { choice: 'for' });
    expect(refused.status).to.equal(409);
    expect(refused.text).to.include('Đã hết hạn lấy ý kiến');
    const row = await motionRow(a.id);
    expect(row).to.include({ status: 'closed', total: 26, present: 26, votesFor: 14, against: 2, abstain: 0, notVoting: 10, required: 14, passed: true, closedBy: null });
    expect(row.closedAt!.toISOString()).to.equal(DEADLINE.toISOString());
    expect(row.wording).to.equal('có 14/26 đại biểu gửi phiếu tán thành, đạt 53,85 % tổng số đại biểu; có 2/26 đại biểu gửi phiếu không tán thành, chiếm 7,69 % tổng số đại biểu; 10 đại biểu không gửi phiếu. Được thông qua (cần quá 1/2 tổng số đại biểu, tức ít nhất 14/26).');
    now = new Date(DEADLINE.getTime() + 3600_000);
    expect((await sec.post(`${a.url}/phieu-giay`, { personId: String(voters[21]!.personId), choice: 'for' })).status).to.equal(409);
    const page = await sec.get(a.url);
    expect(page.text).to.include('ĐƯỢC THÔNG QUA').and.include('Không gửi phiếu');
    expect(await ballots(a.id)).to.have.length(16);
  });

  it('"Kết thúc" is refused before the deadline and closes after it (13 of 26: not passed)', async () => {
    const a = await send('Chưa đủ quá nửa');
    await sec.get(a.url);
    for (const v of voters.slice(0, 13)) await sec.post(`${a.url}/phieu-giay`, { personId: String(v.personId), choice: 'for' });
    const before = await sec.post(`${a.url}/ket-thuc`, {});
    expect(before.status).to.equal(409);
    expect(before.text).to.include('Chưa đến hạn trả lời (17:00 ngày 25/11/2026)');
    now = new Date(DEADLINE.getTime() + 5 * 60_000);
    expect((await sec.post(`${a.url}/ket-thuc`, {})).status).to.equal(303);
    const row = await motionRow(a.id);
    expect(row).to.include({ status: 'closed', votesFor: 13, passed: false });
    expect(row.closedBy).to.be.a('number');
    expect(row.closedAt!.toISOString()).to.equal(DEADLINE.toISOString());
    expect((await sec.post(`${a.url}/ket-thuc`, {})).status).to.equal(409);
  });

  describe('permissions of every mutating route', () => {
    for (const [who, expected] of [['vanphong', 403], ['daibieu', 403], ['thuky.dangu', 404], ['admin.tanuyen', 403]] as const) {
      it(`${who}: sending, paper entry and closing are refused (${expected}); nothing written`, async () => {
        const a = await send(`Quyền ${who}`);
        const c = await loggedIn(server.base, who);
        const n = (await database.db.select({ n: count() }).from(motions))[0]!.n;
        const statuses = [
          (await c.post(listUrl(), { title: 'x', kind: 'resolution', deadlineDate: '2026-11-25', deadlineTime: '17:00' })).status,
          (await c.post(`${a.url}/phieu-giay`, { personId: String(voters[0]!.personId), choice: 'for' })).status,
        ];
        now = new Date(DEADLINE.getTime() + 60_000);
        statuses.push((await c.post(`${a.url}/ket-thuc`, {})).status);
        expect(statuses.every((s) => s === 403 || s === 404), String(statuses)).to.equal(true);
        expect(statuses[0]).to.equal(expected);
        expect((await database.db.select({ n: count() }).from(motions))[0]!.n).to.equal(n);
        expect(await ballots(a.id)).to.have.length(0);
      });
    }
  });
});
