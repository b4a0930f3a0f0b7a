// The bodies every commune has after the 2025 reform (DOMAIN.md §1; Luật 72/2025 Điều 29–40,
// NĐ 150/2025 for the UBND's departments) and the header lines their documents carry.

export type BodyKind =
  | 'party_committee' | 'party_standing_committee' | 'party_standing_board'
  | 'people_council' | 'council_standing_board' | 'council_committee'
  | 'people_committee' | 'department' | 'fatherland_front';

export type DocumentFamily = 'state' | 'party';

export const PARTY_KINDS: ReadonlySet<BodyKind> = new Set(['party_committee', 'party_standing_committee', 'party_standing_board']);

/** Party bodies issue in the Party format (Hướng dẫn 36-HD/VPTW); everything else in the State format (NĐ 30/2020). */
export function familyOf(kind: BodyKind): DocumentFamily {
  return PARTY_KINDS.has(kind) ? 'party' : 'state';
}

export interface StandardBody {
  key: string;
  kind: BodyKind;
  family: DocumentFamily;
  name: string;
  shortName: string;
  issuerCode: string | null;
  issuerName: string | null;
  parentHeader: string | null;
  parentKey: string | null;
}

const upper = (s: string) => s.toLocaleUpperCase('vi');

/** The standard set of bodies for a new commune, with the names its documents carry. */
export function standardBodies(c: { name: string; kind: 'xã' | 'phường' | 'đặc khu'; province: string }): StandardBody[] {
  const unit = `${c.kind} ${c.name}`; // "xã Tân Uyên"
  const UNIT = upper(unit);
  const party = (key: string, kind: BodyKind, name: string, shortName: string, parentKey: string | null): StandardBody =>
    ({ key, kind, family: 'party', name, shortName, issuerCode: 'ĐU', issuerName: `ĐẢNG ỦY ${UNIT}`, parentHeader: `ĐẢNG BỘ TỈNH ${upper(c.province)}`, parentKey });
  const state = (key: string, kind: BodyKind, name: string, shortName: string, issuerCode: string | null,
    issuerName: string | null, parentHeader: string | null, parentKey: string | null): StandardBody =>
    ({ key, kind, family: 'state', name, shortName, issuerCode, issuerName, parentHeader, parentKey });
  // A phường has a Phòng Kinh tế, Hạ tầng và Đô thị instead of a Phòng Kinh tế (NĐ 150/2025).
  const economic = c.kind === 'phường' ? 'Phòng Kinh tế, Hạ tầng và Đô thị' : 'Phòng Kinh tế';
  return [
    party('bch', 'party_committee', `Ban Chấp hành Đảng bộ ${unit}`, 'BCH', null),
    party('btv', 'party_standing_committee', `Ban Thường vụ Đảng ủy ${unit}`, 'BTV', 'bch'),
    party('ttdu', 'party_standing_board', `Thường trực Đảng ủy ${unit}`, 'TTĐU', 'bch'),
    state('hdnd', 'people_council', `Hội đồng nhân dân ${unit}`, 'HĐND', 'HĐND', `HỘI ĐỒNG NHÂN DÂN ${UNIT}`, null, null),
    state('tthdnd', 'council_standing_board', `Thường trực Hội đồng nhân dân ${unit}`, 'TTHĐND', 'TTHĐND', `THƯỜNG TRỰC HĐND ${UNIT}`, `HỘI ĐỒNG NHÂN DÂN ${UNIT}`, 'hdnd'),
    // Commune councils have two Ban and no Ban Pháp chế (Luật 72/2025 Điều 29.3.a).
    state('bankt', 'council_committee', `Ban Kinh tế - Ngân sách HĐND ${unit}`, 'Ban KT-NS', null, null, null, 'hdnd'),
    state('banvh', 'council_committee', `Ban Văn hóa - Xã hội HĐND ${unit}`, 'Ban VH-XH', null, null, null, 'hdnd'),
    state('ubnd', 'people_committee', `Ủy ban nhân dân ${unit}`, 'UBND', 'UBND', `ỦY BAN NHÂN DÂN ${UNIT}`, null, null),
    state('vp', 'department', 'Văn phòng HĐND và UBND', 'VP', 'VP', 'VĂN PHÒNG HĐND VÀ UBND', `ỦY BAN NHÂN DÂN ${UNIT}`, 'ubnd'),
    state('pkt', 'department', economic, 'KT', 'PKT', upper(economic), `ỦY BAN NHÂN DÂN ${UNIT}`, 'ubnd'),
    state('pvhxh', 'department', 'Phòng Văn hóa - Xã hội', 'VHXH', 'PVHXH', 'PHÒNG VĂN HÓA - XÃ HỘI', `ỦY BAN NHÂN DÂN ${UNIT}`, 'ubnd'),
    state('ttpvhcc', 'department', 'Trung tâm Phục vụ hành chính công', 'TTPVHCC', 'TTPVHCC', 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG', `ỦY BAN NHÂN DÂN ${UNIT}`, 'ubnd'),
    { key: 'mttq', kind: 'fatherland_front', family: 'state', name: `Ủy ban MTTQ Việt Nam ${unit}`, shortName: 'MTTQ',
      issuerCode: 'MTTQ-BTT', issuerName: 'BAN THƯỜNG TRỰC', parentHeader: `ỦY BAN MTTQ VIỆT NAM ${UNIT}`, parentKey: null },
  ];
}
