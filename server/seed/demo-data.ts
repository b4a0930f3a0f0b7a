// The demo commune after the 2025 reform, as plain data: the seed writes it to the database and the
// document samples fill their templates from it. Names are invented; the structure follows DOMAIN.md §1.

export type BodyKind =
  | 'party_committee' // Ban Chấp hành Đảng bộ (BCH)
  | 'party_standing_committee' // Ban Thường vụ Đảng ủy (BTV)
  | 'party_standing_board' // Thường trực Đảng ủy
  | 'people_council' // Hội đồng nhân dân (HĐND)
  | 'council_standing_board' // Thường trực HĐND
  | 'council_committee' // Ban của HĐND
  | 'people_committee' // Ủy ban nhân dân (UBND)
  | 'department' // phòng, ban chuyên môn thuộc UBND
  | 'fatherland_front'; // Ủy ban MTTQ Việt Nam

export interface DemoBody {
  key: string;
  kind: BodyKind;
  name: string; // display name, e.g. "Hội đồng nhân dân xã Tân Uyên"
  shortName: string; // e.g. "HĐND"
  issuerCode: string | null; // symbol part after the type, e.g. "HĐND" in 05/NQ-HĐND; null when it issues nothing
  issuerName: string | null; // the issuing body line of the header, upper case
  parentHeader: string | null; // the line above the issuing body, upper case
  parentKey: string | null;
  termName: string; // "Khóa I" or "Nhiệm kỳ 2025 - 2030"
  termStart: string; // ISO date
  termEnd: string;
  seats?: number; // seats of the term: deputies elected (HĐND) or committee size set by the congress (BCH)
}

export interface DemoPerson {
  key: string;
  fullName: string;
  gender: 'nam' | 'nữ';
  birthYear: number;
  ethnicity: string;
}

export interface DemoMembership {
  person: string; // DemoPerson.key
  body: string; // DemoBody.key
  position: string; // Vietnamese title within the body, e.g. "Chủ tịch"
  role: 'head' | 'deputy' | 'member';
  voting: boolean;
  start: string;
  end?: string;
  endReason?: string;
}

export interface DemoAccount {
  username: string;
  displayName: string;
  role: 'system_admin' | 'commune_admin' | 'office_staff' | 'secretary' | 'signer' | 'member';
  bodies: string[]; // DemoBody.key; for secretary and signer
  person?: string; // DemoPerson.key for member and signer
}

export const DEMO_PASSWORD = 'demo-tanuyen-2025';

export const demoCommune = {
  name: 'Tân Uyên',
  kind: 'xã' as 'xã' | 'phường' | 'đặc khu',
  province: 'Lai Châu',
  code: '03562', // 5-digit commune code in the style of QĐ 19/2025/QĐ-TTg (demo value)
  provinceCode: '12',
  placeName: 'Tân Uyên', // the place on the date line: the name without "xã"
};

// The council elected on 15 March 2026 held its first session on 25 March 2026; the UBND follows its term.
const HDND_TERM = { termName: 'Khóa I, nhiệm kỳ 2026 - 2031', termStart: '2026-03-25', termEnd: '2031-06-30' };
const PARTY_TERM = { termName: 'Nhiệm kỳ 2025 - 2030', termStart: '2025-07-01', termEnd: '2030-06-30' };

export const demoBodies: DemoBody[] = [
  { key: 'bch', kind: 'party_committee', name: 'Ban Chấp hành Đảng bộ xã Tân Uyên', shortName: 'BCH',
    issuerCode: 'ĐU', issuerName: 'ĐẢNG ỦY XÃ TÂN UYÊN', parentHeader: 'ĐẢNG BỘ TỈNH LAI CHÂU', parentKey: null, ...PARTY_TERM, seats: 19 },
  { key: 'btv', kind: 'party_standing_committee', name: 'Ban Thường vụ Đảng ủy xã Tân Uyên', shortName: 'BTV',
    issuerCode: 'ĐU', issuerName: 'ĐẢNG ỦY XÃ TÂN UYÊN', parentHeader: 'ĐẢNG BỘ TỈNH LAI CHÂU', parentKey: 'bch', ...PARTY_TERM },
  { key: 'ttdu', kind: 'party_standing_board', name: 'Thường trực Đảng ủy xã Tân Uyên', shortName: 'TTĐU',
    issuerCode: 'ĐU', issuerName: 'ĐẢNG ỦY XÃ TÂN UYÊN', parentHeader: 'ĐẢNG BỘ TỈNH LAI CHÂU', parentKey: 'bch', ...PARTY_TERM },
  { key: 'hdnd', kind: 'people_council', name: 'Hội đồng nhân dân xã Tân Uyên', shortName: 'HĐND',
    issuerCode: 'HĐND', issuerName: 'HỘI ĐỒNG NHÂN DÂN XÃ TÂN UYÊN', parentHeader: null, parentKey: null, ...HDND_TERM, seats: 27 },
  { key: 'tthdnd', kind: 'council_standing_board', name: 'Thường trực Hội đồng nhân dân xã Tân Uyên', shortName: 'TTHĐND',
    issuerCode: 'TTHĐND', issuerName: 'THƯỜNG TRỰC HĐND XÃ TÂN UYÊN', parentHeader: 'HỘI ĐỒNG NHÂN DÂN XÃ TÂN UYÊN', parentKey: 'hdnd', ...HDND_TERM },
  { key: 'bankt', kind: 'council_committee', name: 'Ban Kinh tế - Ngân sách HĐND xã Tân Uyên', shortName: 'Ban KT-NS',
    issuerCode: null, issuerName: null, parentHeader: null, parentKey: 'hdnd', ...HDND_TERM },
  { key: 'banvh', kind: 'council_committee', name: 'Ban Văn hóa - Xã hội HĐND xã Tân Uyên', shortName: 'Ban VH-XH',
    issuerCode: null, issuerName: null, parentHeader: null, parentKey: 'hdnd', ...HDND_TERM },
  { key: 'ubnd', kind: 'people_committee', name: 'Ủy ban nhân dân xã Tân Uyên', shortName: 'UBND',
    issuerCode: 'UBND', issuerName: 'ỦY BAN NHÂN DÂN XÃ TÂN UYÊN', parentHeader: null, parentKey: null, ...HDND_TERM },
  { key: 'vp', kind: 'department', name: 'Văn phòng HĐND và UBND', shortName: 'VP',
    issuerCode: 'VP', issuerName: 'VĂN PHÒNG HĐND VÀ UBND', parentHeader: 'ỦY BAN NHÂN DÂN XÃ TÂN UYÊN', parentKey: 'ubnd', ...HDND_TERM },
  { key: 'pkt', kind: 'department', name: 'Phòng Kinh tế', shortName: 'KT',
    issuerCode: 'PKT', issuerName: 'PHÒNG KINH TẾ', parentHeader: 'ỦY BAN NHÂN DÂN XÃ TÂN UYÊN', parentKey: 'ubnd', ...HDND_TERM },
  { key: 'pvhxh', kind: 'department', name: 'Phòng Văn hóa - Xã hội', shortName: 'VHXH',
    issuerCode: 'PVHXH', issuerName: 'PHÒNG VĂN HÓA - XÃ HỘI', parentHeader: 'ỦY BAN NHÂN DÂN XÃ TÂN UYÊN', parentKey: 'ubnd', ...HDND_TERM },
  { key: 'ttpvhcc', kind: 'department', name: 'Trung tâm Phục vụ hành chính công', shortName: 'TTPVHCC',
    issuerCode: 'TTPVHCC', issuerName: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG', parentHeader: 'ỦY BAN NHÂN DÂN XÃ TÂN UYÊN', parentKey: 'ubnd', ...HDND_TERM },
  { key: 'mttq', kind: 'fatherland_front', name: 'Ủy ban MTTQ Việt Nam xã Tân Uyên', shortName: 'MTTQ',
    issuerCode: 'MTTQ-BTT', issuerName: 'BAN THƯỜNG TRỰC', parentHeader: 'ỦY BAN MTTQ VIỆT NAM XÃ TÂN UYÊN', parentKey: null, ...PARTY_TERM },
];

const rawPeople: Array<[string, string, 'nam' | 'nữ', number, string]> = [
  ['p01', 'Lò Văn Thắng', 'nam', 1972, 'Thái'],
  ['p02', 'Nguyễn Thị Hương', 'nữ', 1978, 'Kinh'],
  ['p03', 'Trần Đức Minh', 'nam', 1975, 'Kinh'],
  ['p04', 'Vàng A Sử', 'nam', 1980, 'Mông'],
  ['p05', 'Lê Thị Thu Hà', 'nữ', 1983, 'Kinh'],
  ['p06', 'Phạm Quốc Khánh', 'nam', 1979, 'Kinh'],
  ['p07', 'Tẩn Thị Mẩy', 'nữ', 1986, 'Dao'],
  ['p08', 'Hoàng Văn Dũng', 'nam', 1977, 'Tày'],
  ['p09', 'Đỗ Thị Ngọc Ánh', 'nữ', 1988, 'Kinh'],
  ['p10', 'Lường Văn Ơn', 'nam', 1974, 'Thái'],
  ['p11', 'Bùi Thị Lan', 'nữ', 1981, 'Mường'],
  ['p12', 'Giàng A Chư', 'nam', 1985, 'Mông'],
  ['p13', 'Vũ Mạnh Cường', 'nam', 1976, 'Kinh'],
  ['p14', 'Lò Thị Ươm', 'nữ', 1990, 'Thái'],
  ['p15', 'Đặng Văn Hưởng', 'nam', 1984, 'Dao'],
  ['p16', 'Ngô Thị Phượng', 'nữ', 1982, 'Kinh'],
  ['p17', 'Tòng Văn Điện', 'nam', 1973, 'Thái'],
  ['p18', 'Phan Thị Yến', 'nữ', 1987, 'Kinh'],
  ['p19', 'Sùng A Lử', 'nam', 1989, 'Mông'],
  ['p20', 'Đinh Công Tuấn', 'nam', 1980, 'Kinh'],
  ['p21', 'Quàng Thị Xuân', 'nữ', 1984, 'Thái'],
  ['p22', 'Trịnh Văn Hải', 'nam', 1978, 'Kinh'],
  ['p23', 'Chảo Thị Dín', 'nữ', 1991, 'Dao'],
  ['p24', 'Cầm Văn Quyết', 'nam', 1975, 'Thái'],
  ['p25', 'Nguyễn Văn Đức', 'nam', 1983, 'Kinh'],
  ['p26', 'Hà Thị Nguyệt', 'nữ', 1986, 'Tày'],
  ['p27', 'Mai Xuân Trường', 'nam', 1981, 'Kinh'],
  ['p28', 'Lý Thị Sành', 'nữ', 1992, 'Dao'],
  ['p29', 'Điêu Chính Tươi', 'nam', 1977, 'Thái'],
  ['p30', 'Phùng Thị Hồng Nhung', 'nữ', 1989, 'Kinh'],
  ['p31', 'Thào A Páo', 'nam', 1982, 'Mông'],
  ['p32', 'Lương Thị Ngân', 'nữ', 1985, 'Thái'],
];

export const demoPeople: DemoPerson[] = rawPeople.map(([key, fullName, gender, birthYear, ethnicity]) => ({
  key, fullName, gender, birthYear, ethnicity,
}));

const PARTY_START = '2025-07-01';
const STATE_START = '2026-03-25';
const PARTY_BODIES = new Set(['bch', 'btv', 'ttdu', 'mttq']);
const m = (person: string, body: string, position: string, role: DemoMembership['role'], extra: Partial<DemoMembership> = {}): DemoMembership =>
  ({ person, body, position, role, voting: true, start: PARTY_BODIES.has(body) ? PARTY_START : STATE_START, ...extra });

// HĐND: 27 deputies from 25 March 2026; p27 is released on 15 September 2026 (every later vote's total is 26).
const hdndDeputies = ['p01', 'p02', 'p03', 'p04', 'p05', 'p07', 'p09', 'p10', 'p11', 'p12', 'p14', 'p15', 'p16', 'p17',
  'p18', 'p19', 'p20', 'p21', 'p22', 'p23', 'p24', 'p25', 'p26', 'p27', 'p28', 'p29', 'p31'];

export const demoMemberships: DemoMembership[] = [
  // Đảng ủy — BCH (19), BTV (7), Thường trực (3)
  m('p01', 'bch', 'Bí thư', 'head'), m('p02', 'bch', 'Phó Bí thư Thường trực', 'deputy'), m('p03', 'bch', 'Phó Bí thư', 'deputy'),
  ...['p04', 'p05', 'p06', 'p08', 'p10', 'p13', 'p16', 'p17', 'p20', 'p22', 'p24', 'p25', 'p27', 'p29', 'p31', 'p32']
    .map((p) => m(p, 'bch', 'Đảng ủy viên', 'member')),
  m('p01', 'btv', 'Bí thư', 'head'), m('p02', 'btv', 'Phó Bí thư Thường trực', 'deputy'), m('p03', 'btv', 'Phó Bí thư', 'deputy'),
  ...['p04', 'p06', 'p08', 'p13'].map((p) => m(p, 'btv', 'Ủy viên Ban Thường vụ', 'member')),
  m('p01', 'ttdu', 'Bí thư', 'head'), m('p02', 'ttdu', 'Phó Bí thư Thường trực', 'deputy'), m('p03', 'ttdu', 'Phó Bí thư', 'deputy'),
  // HĐND
  ...hdndDeputies.map((p) => m(p, 'hdnd',
    p === 'p01' ? 'Chủ tịch HĐND' : p === 'p04' ? 'Phó Chủ tịch HĐND' : 'Đại biểu HĐND',
    p === 'p01' ? 'head' : p === 'p04' ? 'deputy' : 'member',
    p === 'p27' ? { end: '2026-09-15', endReason: 'Chuyển công tác ra ngoài tỉnh, thôi làm đại biểu' } : {})),
  m('p01', 'tthdnd', 'Chủ tịch', 'head'), m('p04', 'tthdnd', 'Phó Chủ tịch', 'deputy'),
  m('p05', 'tthdnd', 'Trưởng Ban Kinh tế - Ngân sách', 'member'), m('p07', 'tthdnd', 'Trưởng Ban Văn hóa - Xã hội', 'member'),
  m('p05', 'bankt', 'Trưởng Ban', 'head'), m('p10', 'bankt', 'Phó Trưởng Ban', 'deputy'),
  ...['p12', 'p17', 'p22'].map((p) => m(p, 'bankt', 'Ủy viên', 'member')),
  m('p07', 'banvh', 'Trưởng Ban', 'head'), m('p14', 'banvh', 'Phó Trưởng Ban', 'deputy'),
  ...['p18', 'p23', 'p26'].map((p) => m(p, 'banvh', 'Ủy viên', 'member')),
  // UBND: Chủ tịch, 2 Phó Chủ tịch, Ủy viên (heads of departments, military, police) — NĐ 300/2025 Điều 7
  m('p03', 'ubnd', 'Chủ tịch UBND', 'head'), m('p06', 'ubnd', 'Phó Chủ tịch UBND', 'deputy'), m('p08', 'ubnd', 'Phó Chủ tịch UBND', 'deputy'),
  m('p13', 'ubnd', 'Ủy viên, Chánh Văn phòng HĐND và UBND', 'member'),
  m('p20', 'ubnd', 'Ủy viên, Trưởng phòng Kinh tế', 'member'),
  m('p30', 'ubnd', 'Ủy viên, Trưởng phòng Văn hóa - Xã hội', 'member'),
  m('p24', 'ubnd', 'Ủy viên, Chỉ huy trưởng Ban Chỉ huy quân sự', 'member'),
  m('p25', 'ubnd', 'Ủy viên, Trưởng Công an xã', 'member'),
  // Departments
  m('p13', 'vp', 'Chánh Văn phòng', 'head'), m('p32', 'vp', 'Phó Chánh Văn phòng', 'deputy'), m('p09', 'vp', 'Chuyên viên', 'member', { voting: false }),
  m('p20', 'pkt', 'Trưởng phòng', 'head'), m('p15', 'pkt', 'Phó Trưởng phòng', 'deputy'),
  m('p30', 'pvhxh', 'Trưởng phòng', 'head'), m('p11', 'pvhxh', 'Phó Trưởng phòng', 'deputy'),
  m('p21', 'ttpvhcc', 'Giám đốc', 'head'),
  // MTTQ
  m('p16', 'mttq', 'Chủ tịch Ủy ban MTTQ Việt Nam xã', 'head'), m('p19', 'mttq', 'Phó Chủ tịch', 'deputy'),
];

export const demoAccounts: DemoAccount[] = [
  { username: 'quantri', displayName: 'Quản trị hệ thống', role: 'system_admin', bodies: [] },
  { username: 'admin.tanuyen', displayName: 'Quản trị xã Tân Uyên', role: 'commune_admin', bodies: [] },
  { username: 'vanphong', displayName: 'Đỗ Thị Ngọc Ánh (Văn phòng)', role: 'office_staff', bodies: [], person: 'p09' },
  { username: 'thuky', displayName: 'Lương Thị Ngân (Thư ký)', role: 'secretary', bodies: ['hdnd', 'tthdnd', 'ubnd'], person: 'p32' },
  { username: 'thuky.dangu', displayName: 'Thư ký Đảng ủy', role: 'secretary', bodies: ['bch', 'btv', 'ttdu'] },
  { username: 'chutich', displayName: 'Trần Đức Minh (Chủ tịch UBND)', role: 'signer', bodies: ['ubnd'], person: 'p03' },
  { username: 'bithu', displayName: 'Lò Văn Thắng (Bí thư, Chủ tịch HĐND)', role: 'signer', bodies: ['bch', 'btv', 'ttdu', 'hdnd', 'tthdnd'], person: 'p01' },
  { username: 'daibieu', displayName: 'Tẩn Thị Mẩy (Đại biểu HĐND)', role: 'member', bodies: [], person: 'p07' },
];
