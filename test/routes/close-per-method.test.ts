// Closing a vote, one row per method: how the ballots reach the system (by name, totals from the chair, the counting
// board's paper figures, members' phones in the open or secretly), what the secretary types at the close, and what
// the frozen record says. Each row builds its own meeting in session through the fixture; nothing is shared between rows.
import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import { motions } from '../../models/schema.ts';
import type { Database } from '../../server/db/database.ts';
import { testDatabase, resetWithDemo } from '../support/db.ts';
import { loggedIn, startServer, type Client, type TestServer } from '../support/http.ts';
import { meetingInSession, memberAccount, type VoteFixture } from '../services/votes-fixture.ts';

const DAY = '2026-11-22'; // the HĐND has 26 deputies on this day, the UBND 8 members

type Choice = 'for' | 'against' | 'abstain';
interface Row {
  name: string;
  body: 'HĐND' | 'UBND';
  present: number | 'all';
  method: 'named' | 'totals' | 'secret' | 'electronic' | 'electronic_secret';
  kind: 'resolution' | 'decision';
  /** named: the secretary records these choices for the first present members; electronic*: those members vote by phone. */
  choices?: Choice[];
  close: Record<string, string>;
  status: 303 | 422;
  /** The motion's columns after the close (303), or the message shown (422; the motion stays open). */
  expected: Record<string, unknown> | string;
}

const repeat = (n: number, c: Choice): Choice[] => Array.from({ length: n }, () => c);

const ROWS: Row[] = [
  { name: 'HĐND of 26: 14 for is more than half of the total', body: 'HĐND', present: 24, method: 'totals', kind: 'resolution',
    close: { for: '14', against: '6', abstain: '4' }, status: 303, expected: { passed: true, votesFor: 14, against: 6, abstain: 4, required: 14, total: 26, present: 24 } },
  { name: 'HĐND of 26: 13 for falls one short', body: 'HĐND', present: 24, method: 'totals', kind: 'resolution',
    close: { for: '13', against: '11', abstain: '0' }, status: 303, expected: { passed: false, votesFor: 13, required: 14 } },
  { name: 'more ballots than members present is refused', body: 'HĐND', present: 20, method: 'totals', kind: 'resolution',
    close: { for: '15', against: '6', abstain: '0' }, status: 422, expected: 'Tổng số phiếu (21) nhiều hơn số thành viên có mặt (20)' },
  { name: 'HĐND: the counting board\'s figures, 2 invalid ballots', body: 'HĐND', present: 24, method: 'secret', kind: 'resolution',
    close: { issued: '24', collected: '24', for: '14', against: '8', abstain: '0', invalid: '2' }, status: 303,
    expected: { passed: true, votesFor: 14, against: 8, invalid: 2, ballotsIssued: 24, ballotsCollected: 24 } },
  { name: 'ballots counted must equal ballots collected', body: 'HĐND', present: 24, method: 'secret', kind: 'resolution',
    close: { issued: '24', collected: '23', for: '14', against: '8', abstain: '0', invalid: '0' }, status: 422, expected: 'Tổng các loại phiếu (22) phải bằng số phiếu thu vào (23)' },
  { name: 'UBND of 8: 5 for passes', body: 'UBND', present: 'all', method: 'named', kind: 'decision',
    choices: [...repeat(5, 'for'), ...repeat(3, 'against')], close: {}, status: 303, expected: { passed: true, votesFor: 5, against: 3, required: 5, decidedByChairman: false } },
  { name: 'UBND of 8: a 4–4 tie goes the Chairman\'s way (Điều 40.3)', body: 'UBND', present: 'all', method: 'named', kind: 'decision',
    choices: [...repeat(4, 'for'), ...repeat(4, 'against')], close: {}, status: 303, expected: { passed: true, votesFor: 4, against: 4, decidedByChairman: true, chairmanSide: 'for' } },
  { name: 'HĐND of 26: 14 phones for of 20 present passes', body: 'HĐND', present: 20, method: 'electronic', kind: 'resolution',
    choices: [...repeat(14, 'for'), ...repeat(2, 'against')], close: {}, status: 303, expected: { passed: true, votesFor: 14, against: 2, present: 20, notVoting: 4 } },
  { name: 'HĐND of 26: 13 phones for fails', body: 'HĐND', present: 20, method: 'electronic', kind: 'resolution',
    choices: repeat(13, 'for'), close: {}, status: 303, expected: { passed: false, votesFor: 13, notVoting: 7 } },
  { name: 'UBND of 8: 5 for passes', body: 'UBND', present: 'all', method: 'electronic_secret', kind: 'decision',
    choices: [...repeat(5, 'for'), ...repeat(3, 'against')], close: {}, status: 303, expected: { passed: true, votesFor: 5, against: 3 } },
  { name: 'UBND of 8: a 4–4 tie without the Chairman\'s declared side is refused', body: 'UBND', present: 'all', method: 'electronic_secret', kind: 'decision',
    choices: [...repeat(4, 'for'), ...repeat(4, 'against')], close: {}, status: 422, expected: 'bằng đúng một nửa tổng số thành viên' },
  { name: 'UBND of 8: the same tie with the Chairman against fails', body: 'UBND', present: 'all', method: 'electronic_secret', kind: 'decision',
    choices: [...repeat(4, 'for'), ...repeat(4, 'against')], close: { chairmanSide: 'against' }, status: 303, expected: { passed: false, decidedByChairman: false, chairmanSide: 'against' } },
];

describe('routes — closing a vote, per method (table)', function () {
  let database: Database;
  let server: TestServer;
  let cid: number;
  let sec: Client;

  const versionOf = (html: string) => html.match(/name="version" value="(\d+)"/)?.[1] ?? '';
  const motionRow = async (id: number) => (await database.db.select().from(motions).where(eq(motions.id, id)))[0]!;

  async function openMotion(fx: VoteFixture, row: Row) {
    const base = `/xa/${cid}/hop/${fx.meetingId}/bieu-quyet`;
    const created = await sec.post(base, { agendaItemId: String(fx.agendaItemId), title: `Biểu quyết: ${row.name}`, kind: row.kind, method: row.method });
    expect(created.status, created.text.slice(0, 300)).to.equal(303);
    const id = Number(created.location!.split('/').pop());
    const url = `${base}/${id}`;
    const opened = await sec.post(`${url}/mo`, { version: versionOf((await sec.get(url)).text) });
    expect(opened.status).to.equal(303);
    return { id, url };
  }

  async function giveBallots(fx: VoteFixture, row: Row, url: string) {
    const voters = (row.choices ?? []).map((choice, i) => ({ personId: fx.present[i]!, choice }));
    if (row.method === 'named' && voters.length) {
      const form = Object.fromEntries(voters.map((v) => [`choice_${v.personId}`, v.choice]));
      expect((await sec.post(`${url}/ghi`, form)).status).to.equal(303);
    }
    if (row.method === 'electronic' || row.method === 'electronic_secret') {
      for (const v of voters) {
        const member = await loggedIn(server.base, await memberAccount(database, cid, v.personId));
        const cast = await member.post(`${url}/phieu`, { choice: v.choice });
        expect(cast.status, cast.text.slice(0, 300)).to.equal(303);
      }
    }
  }

  before(async function () {
    this.timeout(90000);
    database = await testDatabase();
    cid = (await resetWithDemo(database)).communeId;
    server = await startServer(database);
    sec = await loggedIn(server.base, 'thuky');
  });
  after(async () => server.stop());

  for (const row of ROWS) {
    it(`${row.method}, ${row.body}: ${row.name}`, async () => {
      const fx = await meetingInSession(database, cid, row.body, DAY, row.present);
      const { id, url } = await openMotion(fx, row);
      await giveBallots(fx, row, url);
      const closed = await sec.post(`${url}/ket-thuc`, { version: versionOf((await sec.get(url)).text), ...row.close });
      expect(closed.status, closed.text.slice(0, 400)).to.equal(row.status);
      const motion = await motionRow(id);
      if (typeof row.expected === 'string') {
        expect(closed.text).to.include(row.expected);
        expect(motion.status, 'a refused close changes nothing').to.equal('open');
      } else {
        expect(motion).to.include({ status: 'closed', method: row.method, ...row.expected });
      }
    });
  }
});
