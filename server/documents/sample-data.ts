// Sample data for every template, built from the demo commune (server/seed/demo-data.ts): used by the
// samples CLI, the tests and the template preview screen. Percentages come in as text, written by the
// shared percent rule, as the meeting service passes them.
import { formatPercent } from '../domain/percent.ts';
import { annexLines, parseRegulation, regulationOutline } from '../domain/regulations.ts';
import { demoBodies, demoCommune, demoMemberships, demoPeople, type DemoBody } from '../seed/demo-data.ts';
import { templateMsg } from '../i18n/vi.ts';
import { TemplateError } from './templates.ts';

function body(key: string): DemoBody {
  const b = demoBodies.find((x) => x.key === key);
  if (!b) throw new Error(`demo body ${key} missing`);
  return b;
}

function person(key: string) {
  const p = demoPeople.find((x) => x.key === key);
  if (!p) throw new Error(`demo person ${key} missing`);
  return { name: p.fullName, honorific: p.gender === 'nữ' ? 'Bà' : 'Ông', birthYear: p.birthYear, ethnicity: p.ethnicity };
}

function holder(bodyKey: string, role: 'head' | 'deputy', nth = 0) {
  const m = demoMemberships.filter((x) => x.body === bodyKey && x.role === role)[nth];
  if (!m) throw new Error(`demo holder ${bodyKey}/${role}/${nth} missing`);
  return { ...person(m.person), position: m.position };
}

function members(bodyKey: string, at: string) {
  return demoMemberships
    .filter((x) => x.body === bodyKey && x.start <= at && (!x.end || x.end > at))
    .map((x) => ({ ...person(x.person), position: x.position }));
}

function issuer(key: string) {
  const b = body(key);
  return { name: b.name, header: b.issuerName ?? b.name.toUpperCase(), parent: b.parentHeader, code: b.issuerCode ?? '', term: b.termName };
}

const commune = {
  name: demoCommune.name,
  unit: `${demoCommune.kind} ${demoCommune.name}`,
  place: demoCommune.placeName,
  province: demoCommune.province,
};

const council = { roman: 'I', term: 'nhiệm kỳ 2026 - 2031' };

/** The usual outline of a body's regulation as annex lines (what a new regulation starts from). */
function outline(kind: 'people_committee' | 'people_council' | 'party_committee') {
  const r = parseRegulation(regulationOutline(kind)!);
  if (!r.ok) throw new Error(`outline ${kind}: ${r.problems[0]!.message}`);
  return { lines: annexLines(r.doc) };
}
const SESSION_1 = '2026-03-25';

const data: Record<string, () => object> = {
  'hdnd-nghi-quyet': () => ({
    commune, council, issuer: issuer('hdnd'),
    doc: { number: null, date: '2026-12-18', draft: true },
    session: { number: 3, date: '2026-12-18' },
    subject: 'Về nhiệm vụ phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh năm 2027',
    proposal: { number: 45, date: '2026-12-01' },
    targets: [
      'Tốc độ tăng giá trị sản xuất các ngành kinh tế đạt 8,5 %',
      'Tổng thu ngân sách nhà nước trên địa bàn đạt 12.500 triệu đồng',
      'Tỷ lệ hộ nghèo giảm 3 % so với cuối năm 2026',
      'Tỷ lệ người dân tham gia bảo hiểm y tế đạt 98 %',
      'Giữ vững 100 % thôn, bản đạt chuẩn an toàn về an ninh, trật tự',
    ],
    signer: holder('hdnd', 'head'),
  }),
  'hdnd-nghi-quyet-thong-qua': () => ({
    commune, council, issuer: issuer('hdnd'),
    doc: { number: null, date: '2026-12-18', draft: true },
    session: { number: 3, date: '2026-12-18' },
    subject: 'Về chủ trương đầu tư công trình đường giao thông nông thôn bản Nà Ún',
    item: 'Tờ trình số 52/TTr-UBND ngày 10 tháng 12 năm 2026 của Ủy ban nhân dân xã về chủ trương đầu tư công trình đường giao thông nông thôn bản Nà Ún',
    vote: { sentence: `có 22/24 đại biểu có mặt biểu quyết tán thành, đạt ${formatPercent(22, 26)} tổng số đại biểu` },
    signer: holder('hdnd', 'head'),
  }),
  'hdnd-nghi-quyet-bau-chuc-danh': () => ({
    commune, council, issuer: issuer('hdnd'),
    doc: { number: 1, date: SESSION_1, draft: false },
    session: { number: 1, date: SESSION_1 },
    elected: { ...person('p01'), title: 'Chủ tịch Hội đồng nhân dân' },
    vote: { total: 27, present: 26, issued: 26, valid: 26, votesFor: 26, percentOfTotal: formatPercent(26, 27) },
    signer: { ...holder('hdnd', 'head'), position: 'Chủ tịch' },
  }),
  'hdnd-nghi-quyet-thanh-lap-ban': () => ({
    commune, council, issuer: issuer('hdnd'),
    doc: { number: 3, date: SESSION_1, draft: false },
    session: { number: 1, date: SESSION_1 },
    committees: [
      { name: 'Ban Kinh tế - Ngân sách', members: members('bankt', SESSION_1) },
      { name: 'Ban Văn hóa - Xã hội', members: members('banvh', SESSION_1) },
    ],
    signer: holder('hdnd', 'head'),
  }),
  'ubnd-quyet-dinh-bo-nhiem': () => ({
    commune, issuer: issuer('ubnd'),
    doc: { number: 27, date: '2026-04-06', draft: false },
    appointee: { ...person('p32'), position: 'Phó Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã', from: '2026-04-06', term: 5 },
    proposer: 'Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã',
    signer: holder('ubnd', 'head'),
  }),
  'ubnd-quyet-dinh-ban-hanh-quy-che': () => ({
    commune, issuer: issuer('ubnd'),
    doc: { number: 15, date: '2026-04-02', draft: false },
    collectiveMeeting: '2026-03-31',
    effectiveFrom: '2026-04-02',
    regulation: outline('people_committee'),
    signer: holder('ubnd', 'head'),
  }),
  'hdnd-nghi-quyet-ban-hanh-quy-che': () => ({
    commune, issuer: issuer('hdnd'),
    doc: { number: 4, date: SESSION_1, draft: false },
    effectiveFrom: SESSION_1,
    regulation: outline('people_council'),
    signer: holder('hdnd', 'head'),
  }),
  'dang-uy-quyet-dinh-ban-hanh-quy-che': () => ({
    commune, issuer: issuer('bch'),
    doc: { number: 3, date: '2025-07-15', draft: false },
    effectiveFrom: '2025-07-15',
    regulation: outline('party_committee'),
    signer: holder('bch', 'head'),
  }),
  'dang-uy-quyet-dinh-chi-dinh': () => ({
    commune, issuer: issuer('btv'),
    doc: { number: 91, date: '2026-02-10', draft: false },
    appointee: { ...person('p13'), position: 'Chánh Văn phòng Đảng ủy', bodyName: 'Đảng ủy xã Tân Uyên', from: '2026-02-10' },
    signer: holder('btv', 'head'),
  }),
  'ubnd-quyet-dinh-giao-nhiem-vu': () => ({
    commune, issuer: issuer('ubnd'),
    doc: { number: 31, date: '2026-04-10', draft: false },
    departments: demoBodies.filter((b) => b.kind === 'department').map((b) => ({ name: b.name, head: holder(b.key, 'head').name })),
    signer: holder('ubnd', 'head'),
  }),
  'ubnd-quyet-dinh-phan-cong': () => ({
    commune, issuer: issuer('ubnd'),
    doc: { number: 18, date: '2026-04-03', draft: false },
    chair: holder('ubnd', 'head'),
    deputies: [holder('ubnd', 'deputy', 0), holder('ubnd', 'deputy', 1)],
    members: members('ubnd', '2026-04-03').filter((m) => m.position.startsWith('Ủy viên')),
    signer: holder('ubnd', 'head'),
  }),
  'dang-uy-nghi-quyet': () => ({
    commune, issuer: issuer('bch'),
    doc: { number: 12, date: '2026-01-20', draft: false },
    conference: { number: 5, date: '2026-01-16' },
    signer: holder('bch', 'head'),
  }),
  'dang-uy-quyet-dinh': () => ({
    commune, issuer: issuer('btv'),
    doc: { number: 86, date: '2026-02-05', draft: false },
    board: [
      { ...holder('btv', 'head'), role: 'Trưởng ban' },
      { ...holder('btv', 'deputy', 0), role: 'Phó Trưởng ban Thường trực' },
      { ...holder('btv', 'deputy', 1), role: 'Phó Trưởng ban' },
      { ...person('p13'), position: 'Ủy viên Ban Thường vụ', role: 'Thành viên' },
      { ...person('p16'), position: 'Đảng ủy viên', role: 'Thành viên' },
    ],
    signer: holder('btv', 'deputy', 0),
  }),
  'dang-uy-thong-bao-ket-luan': () => ({
    commune, issuer: issuer('ttdu'),
    doc: { number: 45, date: '2026-03-02', draft: false },
    meetingDate: '2026-02-27',
    chair: holder('ttdu', 'head'),
    signer: holder('ttdu', 'deputy', 0),
  }),
  'bien-ban-ky-hop': () => ({
    commune, council, issuer: issuer('hdnd'),
    doc: { number: 1, date: SESSION_1, draft: false },
    session: { number: 1, date: SESSION_1, start: [8, 0], end: [16, 30], place: 'Hội trường Ủy ban nhân dân xã Tân Uyên' },
    chair: holder('hdnd', 'head'),
    secretary: { ...person('p09'), position: 'Đại biểu HĐND xã' },
    attendance: { recorded: true, total: 27, present: 26, absent: [{ ...person('p27'), reason: 'đi công tác (có lý do)' }], unrecorded: [] },
    guests: ['Đại diện Thường trực HĐND tỉnh Lai Châu', 'Đại diện Ủy ban MTTQ Việt Nam xã', 'Cử tri đại diện các thôn, bản'],
    votes: [
      { matter: 'Nghị quyết bầu Chủ tịch Hội đồng nhân dân xã', method: 'bỏ phiếu kín', votesFor: 26, percent: formatPercent(26, 27) },
      { matter: 'Nghị quyết thành lập các Ban của Hội đồng nhân dân xã', method: 'biểu quyết công khai', votesFor: 25, percent: formatPercent(25, 27) },
    ],
  }),
  'bien-ban-phien-hop': () => ({
    commune, issuer: issuer('ubnd'),
    doc: { number: 4, date: '2026-04-28', draft: false },
    meeting: { month: 4, date: '2026-04-28', start: [8, 0], end: [11, 15], place: 'Phòng họp Ủy ban nhân dân xã' },
    chair: holder('ubnd', 'head'),
    secretary: { ...person('p32'), position: 'Phó Chánh Văn phòng HĐND và UBND' },
    attendance: { recorded: true, total: 8, present: 7, absent: [{ ...person('p24'), reason: 'dự tập huấn tại Bộ Chỉ huy quân sự tỉnh (có lý do)' }], unrecorded: [] },
    votes: [{ matter: 'Dự thảo Kế hoạch phát triển kinh tế - xã hội năm 2027', votesFor: 7, against: 0, abstain: 0, percent: formatPercent(7, 8) }],
  }),
  'bien-ban-hoi-nghi': () => ({
    commune, issuer: issuer('bch'),
    doc: { number: 5, date: '2026-01-16', draft: false },
    conference: { number: 5, date: '2026-01-16', start: [7, 30], end: [11, 30], place: 'Hội trường Đảng ủy xã' },
    chair: holder('bch', 'head'),
    secretary: { ...person('p13'), position: 'Đảng ủy viên' },
    attendance: { recorded: true, total: 19, present: 18, absent: [{ ...person('p29'), reason: 'ốm (có lý do)' }], unrecorded: [] },
    vote: { votesFor: 18, percent: formatPercent(18, 19) },
  }),
  'bien-ban-kiem-phieu': () => ({
    commune, council, issuer: issuer('hdnd'),
    doc: { number: 2, date: SESSION_1, draft: false },
    session: { number: 1, date: SESSION_1, time: [9, 40], place: 'Hội trường Ủy ban nhân dân xã Tân Uyên' },
    election: 'bầu Chủ tịch Hội đồng nhân dân xã',
    board: [
      { ...person('p05'), role: 'Trưởng Ban kiểm phiếu' },
      { ...person('p10'), role: 'Ủy viên' },
      { ...person('p14'), role: 'Ủy viên' },
    ],
    figures: { total: 27, present: 26, issued: 26, collected: 26, valid: 26, invalid: 0 },
    results: [{ ...person('p01'), votes: 26, percentOfTotal: formatPercent(26, 27) }],
  }),
  'thong-bao-trieu-tap': () => ({
    commune, council, issuer: issuer('tthdnd'),
    doc: { number: 17, date: '2026-11-30', draft: false },
    session: { number: 3, start: '2026-12-17', days: 2, time: [7, 30], place: 'Hội trường Ủy ban nhân dân xã Tân Uyên' },
    agenda: [
      'Báo cáo tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2026; nhiệm vụ năm 2027',
      'Báo cáo dự toán thu, chi ngân sách xã năm 2027',
      'Báo cáo kết quả giám sát của các Ban Hội đồng nhân dân xã',
      'Xem xét, thông qua các dự thảo nghị quyết',
    ],
    signer: holder('tthdnd', 'head'),
  }),
  'giay-moi': () => ({
    commune, issuer: issuer('ubnd'),
    doc: { number: 9, date: '2026-04-24', draft: false },
    meeting: { title: 'Phiên họp thường kỳ tháng 4 năm 2026 của Ủy ban nhân dân xã', date: '2026-04-28', time: [8, 0], place: 'Phòng họp Ủy ban nhân dân xã' },
    invitees: ['Thường trực Đảng ủy xã', 'Thường trực Hội đồng nhân dân xã', 'Chủ tịch Ủy ban MTTQ Việt Nam xã', 'Các thành viên Ủy ban nhân dân xã'],
    chair: holder('ubnd', 'head'),
    inviter: `Ủy ban nhân dân ${commune.unit}`,
    note: 'Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã chuẩn bị tài liệu, gửi trước cho các thành viên qua hệ thống quản lý văn bản',
    signer: { ...person('p13'), authority: 'TL. Chủ tịch', position: 'Chánh Văn phòng' },
    recipients: ['Như trên', 'Lưu: VT, VP'],
  }),
  'dang-uy-giay-moi': () => ({
    commune, issuer: issuer('bch'),
    doc: { number: null, date: '2026-12-05', draft: true },
    meeting: { title: 'Hội nghị lần thứ II Ban Chấp hành Đảng bộ xã Tân Uyên', date: '2026-12-15', time: [7, 30], days: 1, place: 'Hội trường Đảng ủy xã' },
    inviter: 'Ban Chấp hành Đảng bộ xã Tân Uyên',
    invitees: ['Các đồng chí Ủy viên Ban Chấp hành Đảng bộ xã', 'Đồng chí Chủ tịch Ủy ban MTTQ Việt Nam xã'],
    chair: holder('bch', 'head'),
    signer: { authority: 'T/M Ban Chấp hành', position: 'Bí thư', name: holder('bch', 'head').name },
    recipients: ['Như trên', 'Lưu Văn phòng Đảng ủy'],
  }),
  'to-trinh': () => ({
    commune, council, issuer: issuer('ubnd'),
    doc: { number: 45, date: '2026-12-01', draft: false },
    subject: 'Về việc đề nghị ban hành Nghị quyết về nhiệm vụ phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh năm 2027',
    session: { number: 3 },
    signer: holder('ubnd', 'deputy', 0),
  }),
  'chuong-trinh': () => ({
    family: 'state', commune, issuer: issuer('ubnd'),
    doc: { number: null, date: '2026-12-01', draft: true },
    meeting: { title: 'Phiên họp thường kỳ tháng 12 năm 2026 của Ủy ban nhân dân xã', date: '2026-12-04', time: [8, 0], days: 1,
      place: 'Phòng họp Ủy ban nhân dân xã', chair: `Ông ${holder('ubnd', 'head').name}, Chủ tịch Ủy ban nhân dân xã` },
    items: [
      { title: 'Báo cáo tình hình kinh tế - xã hội tháng 11, nhiệm vụ tháng 12 năm 2026', presenter: 'Văn phòng HĐND và UBND', duration: '30 phút' },
      { title: 'Dự thảo Tờ trình về nhiệm vụ phát triển kinh tế - xã hội năm 2027', presenter: 'Phòng Kinh tế', duration: '45 phút' },
      { title: 'Dự toán ngân sách xã năm 2027', presenter: 'Phòng Kinh tế', duration: '45 phút' },
    ],
    signer: { authority: 'TM. Ủy ban nhân dân', position: 'Chủ tịch', name: holder('ubnd', 'head').name },
    recipients: ['Các thành viên Ủy ban nhân dân xã', 'Khách mời', 'Lưu: VT, VP'],
  }),
};

/** Sample data for a template, from the demo commune. */
export function sampleDataFor(key: string): object {
  const make = data[key];
  if (!make) throw new TemplateError(key, templateMsg.noSample);
  return make();
}
