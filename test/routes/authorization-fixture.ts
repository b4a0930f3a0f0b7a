// The records the authorisation test points every route at: the demo commune (xã Tân Uyên) with one record of
// each kind, all of the HĐND, created as the office would create them (over HTTP, as the demo accounts); and a
// second commune with an account of every role, whose accounts must find nothing of the first.
import { and, eq } from 'drizzle-orm';
import { accounts, memberships, people, terms } from '../../models/schema.ts';
import type { Database } from '../../server/db/database.ts';
import { DEMO_PASSWORD } from '../../server/seed/demo-data.ts';
import { bodyIdOf } from '../services/issuance-fixture.ts';
import { Client, loggedIn, type Res } from '../support/http.ts';

export const FIXTURE_DAY = '2026-11-22';

/** Every path parameter of the route table, with the value the test puts there. */
export type Params = Record<string, string>;

const must = (r: Res, what: string) => {
  if (r.status !== 303) throw new Error(`fixture: ${what} answered ${r.status}: ${r.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 300)}`);
  return r.location!;
};
const lastId = (location: string) => /\/(\d+)(?:[?#].*)?$/.exec(location)![1]!;

async function upload(c: Client, base: string, url: string, name: string, content: Buffer): Promise<Res> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)], { type: 'application/pdf' }), name);
  const res = await fetch(`${base}${url}?_csrf=${encodeURIComponent(c.csrf)}`, { method: 'POST', body: form, redirect: 'manual', headers: { cookie: c.cookieHeader(), accept: 'text/html' } });
  return { status: res.status, text: await res.text(), location: res.headers.get('location'), headers: res.headers };
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** Builds the first commune's records and returns the value of every path parameter. */
export async function buildOwnCommune(database: Database, base: string, communeId: number): Promise<Params> {
  const cid = communeId;
  const hdnd = await bodyIdOf(database, cid, 'HĐND');
  const ubnd = await bodyIdOf(database, cid, 'UBND');
  const pkt = (await database.db.query.bodies.findMany({ where: (b, { and: a, eq: e }) => a(e(b.communeId, cid), e(b.kind, 'department')) }))[0]!.id;
  const [term] = await database.db.select().from(terms).where(eq(terms.bodyId, hdnd));
  const [daibieu] = await database.db.select().from(accounts).where(eq(accounts.username, 'daibieu'));
  // A membership of the HĐND that is not the deputy's own (ending it must not change who "daibieu" is).
  const [membership] = await database.db.select().from(memberships)
    .where(and(eq(memberships.bodyId, hdnd), eq(memberships.role, 'member'))).limit(2).then((rows) => rows.filter((m) => m.personId !== daibieu!.personId));

  const office = await loggedIn(base, 'vanphong');
  const sec = await loggedIn(base, 'thuky');
  // A session of the HĐND, prepared as the office does: created, an agenda item, a guest and a paper, convened; then
  // everyone checked in and opened by the secretary (so votes can be created on it).
  const chair = (await database.db.select().from(memberships).where(and(eq(memberships.bodyId, hdnd), eq(memberships.role, 'head'))))[0]!;
  await office.get(`/xa/${cid}/co-quan/${hdnd}/hop/moi`);
  const meetingId = lastId(must(await office.post(`/xa/${cid}/co-quan/${hdnd}/hop`, {
    kind: 'extraordinary', date: FIXTURE_DAY, startTime: '08:00', days: '1', place: 'Hội trường UBND xã', chairPersonId: String(chair.personId),
  }), 'meeting'));
  const m = `/xa/${cid}/hop/${meetingId}`;
  const version = async (c: Client) => /name="version" value="(\d+)"/.exec((await c.get(m)).text)?.[1] ?? '1';
  must(await office.post(`${m}/chuong-trinh`, { version: await version(office), title: 'Dự thảo nghị quyết về dự toán ngân sách xã năm 2027', kind: 'draft_resolution' }), 'agenda item');
  const itemId = String((await database.db.query.agendaItems.findMany({ where: (i, { eq: e }) => e(i.meetingId, Number(meetingId)) }))[0]!.id);
  must(await office.post(`${m}/khach-moi`, { version: await version(office), guestName: 'Đại diện Ủy ban MTTQ tỉnh', guestRole: 'Khách mời' }), 'guest');
  const guestId = (await database.db.query.meetingGuests.findMany({ where: (g, { eq: e }) => e(g.meetingId, Number(meetingId)) }))[0]!.id;
  await office.get(m);
  must(await upload(office, base, `${m}/chuong-trinh/${itemId}/tai-lieu`, 'to-trinh.pdf', PDF), 'attachment');
  const attachmentVersion = (await database.db.query.attachmentVersions.findMany())[0]!.id;
  must(await office.post(`${m}/trang-thai`, { version: await version(office), action: 'convene' }), 'convene');
  await sec.get(`${m}/diem-danh`);
  must(await sec.post(`${m}/diem-danh/tat-ca`, { seen: '0' }), 'everyone present');
  must(await sec.post(`${m}/trang-thai`, { version: await version(sec), action: 'open' }), 'open');
  const fx = { meetingId: Number(meetingId), agendaItemId: Number(itemId) };

  await sec.get(`${m}/bieu-quyet`);
  const motionId = lastId(must(await sec.post(`${m}/bieu-quyet`, { agendaItemId: String(fx.agendaItemId), title: 'Nghị quyết về dự toán ngân sách xã năm 2027', kind: 'resolution', method: 'totals' }), 'motion'));
  await sec.get(`/xa/${cid}/co-quan/${hdnd}/lay-y-kien`);
  const opinionId = lastId(must(await sec.post(`/xa/${cid}/co-quan/${hdnd}/lay-y-kien`, { title: 'Lấy ý kiến về chủ trương đầu tư', kind: 'resolution', deadlineDate: '2026-11-30', deadlineTime: '17:00' }), 'written opinion'));

  await sec.get(`/xa/${cid}/van-ban`);
  const documentId = lastId(must(await sec.post(`/xa/${cid}/van-ban`, { bodyId: String(hdnd), templateKey: 'hdnd-nghi-quyet' }), 'document'));
  // A second document, issued, for the public verification pages.
  const issuedId = lastId(must(await sec.post(`/xa/${cid}/van-ban`, { bodyId: String(hdnd), templateKey: 'hdnd-nghi-quyet' }), 'document to issue'));
  const doc = `/xa/${cid}/van-ban/${issuedId}`;
  await sec.get(doc);
  must(await sec.post(`${doc}/trinh-ky`, { version: '1' }), 'submit');
  await office.get(doc);
  must(await office.post(`${doc}/duyet`, { version: '1' }), 'approve');
  const bithu = await loggedIn(base, 'bithu');
  await bithu.get(doc);
  must(await bithu.post(`${doc}/ky`, { version: '1' }), 'sign');
  await office.get(doc);
  must(await office.post(`${doc}/ban-hanh`, { copies: '1' }), 'issue');
  const code = /tra-cuu\/([0-9A-Z]{10})/.exec((await office.get(doc)).text)![1]!;

  await sec.get(`/xa/${cid}/co-quan/${hdnd}/quy-che`);
  const regulationId = lastId(must(await sec.post(`/xa/${cid}/co-quan/${hdnd}/quy-che`, {}), 'regulation'));

  const head = (await database.db.select().from(memberships).where(and(eq(memberships.bodyId, pkt), eq(memberships.role, 'deputy'))))[0]!;
  await sec.get(`/xa/${cid}/bo-nhiem`);
  const appointmentLocation = must(await sec.post(`/xa/${cid}/bo-nhiem`, {
    source: 'appointment', issuerBodyId: String(ubnd), bodyId: String(pkt), position: 'Trưởng phòng', role: 'head', effectiveFrom: '2026-12-10',
    personId: String(head.personId), replaceIncumbent: 'on',
  }), 'appointment');
  const appointmentId = String((await database.db.query.appointments.findMany())[0]!.id);
  void appointmentLocation;

  return {
    communeId: String(cid), bodyId: String(hdnd), termId: String(term!.id), personId: String(daibieu!.personId), membershipId: String(membership!.id),
    accountId: String(daibieu!.id), meetingId: String(fx.meetingId), itemId: String(fx.agendaItemId), versionId: String(attachmentVersion), guestId: String(guestId),
    kind: 'trieu-tap', format: 'pdf', handle: '0123456789abcdef', version: '0', motionId, key: 'to-trinh', id: documentId, issuedId, regulationId, appointmentId, code,
    // written opinions share the :motionId name on their own routes (/lay-y-kien/:motionId)
    opinionId,
  };
}

export const OTHER_ROLES = ['adm', 'off', 'sec', 'sgn', 'mem'] as const;
export type OtherRole = typeof OTHER_ROLES[number];

/** A second commune (created by the system admin, with its standard bodies) and an account of every role in it. */
export async function buildOtherCommune(database: Database, base: string): Promise<{ communeId: number; usernames: Record<OtherRole, string> }> {
  const sys = await loggedIn(base, 'quantri');
  await sys.get('/xa/moi');
  const loc = must(await sys.post('/xa', {
    name: 'Mường Khoa', kind: 'xã', province: 'Lai Châu', code: '03999', placeName: 'Mường Khoa',
    termStart: '2021-07-01', termEnd: '2026-06-30', partyTermStart: '2025-07-01', partyTermEnd: '2030-06-30',
  }), 'second commune');
  const other = Number(lastId(loc));
  const hdnd = await bodyIdOf(database, other, 'HĐND');
  await sys.get(`/xa/${other}/nhan-su/moi`);
  must(await sys.post(`/xa/${other}/nhan-su`, { fullName: 'Giàng A Páo', gender: 'nam', birthYear: '1980' }), 'person of the second commune');
  const [person] = await database.db.select().from(people).where(and(eq(people.communeId, other), eq(people.fullName, 'Giàng A Páo')));
  const spec: Record<OtherRole, Record<string, string>> = {
    adm: { roles: 'commune_admin' },
    off: { roles: 'office_staff' },
    sec: { roles: 'secretary', secretaryBodies: String(hdnd) },
    sgn: { roles: 'signer', signerBodies: String(hdnd) },
    mem: { roles: 'member', personId: String(person!.id) },
  };
  const usernames = {} as Record<OtherRole, string>;
  for (const role of OTHER_ROLES) {
    const username = `muongkhoa.${role}`;
    await sys.get(`/xa/${other}/tai-khoan/moi`);
    must(await sys.post(`/xa/${other}/tai-khoan`, { username, displayName: username, password: DEMO_PASSWORD, passwordConfirm: DEMO_PASSWORD, ...spec[role] }), `account ${username}`);
    usernames[role] = username;
  }
  return { communeId: other, usernames };
}
