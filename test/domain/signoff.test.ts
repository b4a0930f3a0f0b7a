// Who may sign, as a truth table: the signature block's mode against the signer's post on the signing day;
// and the workflow's steps against each state.
import { expect } from 'chai';
import { can, type Action, type Principal, type Role } from '../../server/domain/permissions.ts';
import {
  blockAuthorityOf, checkReviewer, checkSignerEntitlement, checkTransition, entitlementMessage, positionHolds, signModeOf,
  type DocStatus, type SignerPost, type WorkflowStep,
} from '../../server/domain/signoff.ts';

const DAY = '2026-11-22';
const head: SignerPost = { role: 'head', position: 'Chủ tịch UBND', startDate: '2021-07-01', endDate: null };
const deputy: SignerPost = { role: 'deputy', position: 'Phó Chủ tịch UBND', startDate: '2021-07-01', endDate: null };
const member: SignerPost = { role: 'member', position: 'Ủy viên', startDate: '2021-07-01', endDate: null };
const acting: SignerPost = { role: 'deputy', position: 'Quyền Chủ tịch UBND', startDate: '2026-10-01', endDate: null };
const formerHead: SignerPost = { ...head, endDate: '2026-11-22' }; // the end date is the first day no longer held
const futureHead: SignerPost = { ...head, startDate: '2026-11-23' };

describe('domain — signer entitlement (NĐ 30/2020 Điều 13, Phụ lục I §II.8; HD 36-HD/VPTW)', () => {
  const secretary: SignerPost = { role: 'head', position: 'Bí thư', startDate: '2025-07-01', endDate: null };
  const deputySecretary: SignerPost = { role: 'deputy', position: 'Phó Bí thư Thường trực', startDate: '2025-07-01', endDate: null };
  const office: SignerPost = { role: 'head', position: 'Chánh Văn phòng', startDate: '2026-03-25', endDate: null };
  const officeInUbnd: SignerPost = { role: 'member', position: 'Ủy viên, Chánh Văn phòng HĐND và UBND', startDate: '2026-03-25', endDate: null };
  const officeDeputy: SignerPost = { role: 'deputy', position: 'Phó Chánh Văn phòng', startDate: '2026-03-25', endDate: null };
  const formerOffice: SignerPost = { ...office, endDate: DAY };
  const unitHead: SignerPost = { role: 'head', position: 'Trưởng phòng Kinh tế', startDate: '2026-03-25', endDate: null };
  type Case = [string, 'state' | 'party', string[], SignerPost[], SignerPost[], boolean, string];
  const cases: Case[] = [
    // name, family, signature block lines, posts in the body, posts in its units, head post held that day, expected
    ['TM. by the head', 'state', ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'], [head], [], true, 'ok'],
    ['TM. by a deputy', 'state', ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'], [deputy], [], true, 'NO_POST'],
    ['TM. by a member', 'state', ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'], [member], [], true, 'NO_POST'],
    ['TM. + KT. (three lines) by a deputy', 'state', ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], [deputy], [], true, 'ok'],
    ['TM. + KT. by the head', 'state', ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], [head], [], true, 'NO_POST'],
    ['TM. + KT. by a member', 'state', ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], [member], [], true, 'NO_POST'],
    ['head\'s own power (no prefix) by the head', 'state', ['CHỦ TỊCH'], [head], [], true, 'ok'],
    ['head\'s own power by a deputy', 'state', ['CHỦ TỊCH'], [deputy], [], true, 'NO_POST'],
    ['KT. by a deputy', 'state', ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], [deputy], [], true, 'ok'],
    ['KT. by the head', 'state', ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], [head], [], true, 'NO_POST'],
    ['Q. by a "Quyền" post', 'state', ['Q. CHỦ TỊCH'], [acting], [], true, 'ok'],
    ['Q. by a deputy while the head post is vacant', 'state', ['Q. CHỦ TỊCH'], [deputy], [], false, 'ok'],
    ['Q. by a deputy while a head holds the post', 'state', ['Q. CHỦ TỊCH'], [deputy], [], true, 'NO_POST'],
    ['TL. by the Chánh Văn phòng (post in the office under the body)', 'state', ['TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG'], [], [office], true, 'ok'],
    ['TL. by the Chánh Văn phòng (post named in the body itself)', 'state', ['TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG'], [officeInUbnd], [], true, 'ok'],
    ['TL. by the Phó Chánh Văn phòng under a Chánh Văn phòng block', 'state', ['TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG'], [], [officeDeputy], true, 'NO_POST'],
    ['TL. + KT. by the Phó Chánh Văn phòng', 'state', ['TL. CHỦ TỊCH', 'KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG'], [], [officeDeputy], true, 'ok'],
    ['TL. by the head of the body (not the post named)', 'state', ['TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG'], [head], [], true, 'NO_POST'],
    ['TL. by a Chánh Văn phòng whose post ended that day', 'state', ['TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG'], [], [formerOffice], true, 'NO_POST'],
    ['TL. without a position line', 'state', ['TL. CHỦ TỊCH'], [], [office], true, 'NO_POSITION_LINE'],
    ['TUQ. by the head of the unit named', 'state', ['TUQ. CHỦ TỊCH', 'TRƯỞNG PHÒNG KINH TẾ'], [], [unitHead], true, 'ok'],
    ['TUQ. by someone else', 'state', ['TUQ. CHỦ TỊCH', 'TRƯỞNG PHÒNG KINH TẾ'], [], [office], true, 'NO_POST'],
    ['T/M + BÍ THƯ by the Secretary', 'party', ['T/M BAN CHẤP HÀNH', 'BÍ THƯ'], [secretary], [], true, 'ok'],
    ['T/M + BÍ THƯ by a Deputy Secretary', 'party', ['T/M BAN THƯỜNG VỤ', 'BÍ THƯ'], [deputySecretary], [], true, 'NO_POST'],
    ['T/M + PHÓ BÍ THƯ THƯỜNG TRỰC by a Deputy Secretary', 'party', ['T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ THƯỜNG TRỰC'], [deputySecretary], [], true, 'ok'],
    ['T/M + PHÓ BÍ THƯ by the Secretary', 'party', ['T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ'], [secretary], [], true, 'NO_POST'],
    ['T/M + PHÓ BÍ THƯ by a member', 'party', ['T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ'], [member], [], true, 'NO_POST'],
    ['K/T by a Deputy Secretary', 'party', ['K/T BÍ THƯ', 'PHÓ BÍ THƯ'], [deputySecretary], [], true, 'ok'],
    ['K/T by the Secretary', 'party', ['K/T BÍ THƯ', 'PHÓ BÍ THƯ'], [secretary], [], true, 'NO_POST'],
    ['TM. on a Party document', 'party', ['TM. BAN CHẤP HÀNH', 'BÍ THƯ'], [secretary], [], true, 'MODE_FAMILY'],
    ['TL. on a Party document', 'party', ['TL. BÍ THƯ', 'CHÁNH VĂN PHÒNG'], [], [office], true, 'MODE_FAMILY'],
    ['T/M on a State document', 'state', ['T/M ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'], [head], [], true, 'MODE_FAMILY'],
    ['post ended the day before signing (end exclusive)', 'state', ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'], [formerHead], [], true, 'NO_POST'],
    ['post starting the day after', 'state', ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'], [futureHead], [], true, 'NO_POST'],
    ['no post at all', 'state', ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'], [], [], true, 'NO_POST'],
  ];
  for (const [name, family, lines, posts, unitPosts, headHeldOn, expected] of cases) {
    it(name, () => {
      const r = checkSignerEntitlement({ family, blockLines: lines, blockName: 'Trần Đức Minh', signerName: 'Trần Đức Minh', hasSignerRole: true, posts, unitPosts, headHeldOn, day: DAY });
      expect(r.ok ? 'ok' : r.reason).to.equal(expected);
    });
  }

  it('refuses an account without the signer role for the body, whatever its post', () => {
    const r = checkSignerEntitlement({ family: 'state', blockLines: ['TM. ỦY BAN NHÂN DÂN'], blockName: 'A', signerName: 'A', hasSignerRole: false, posts: [head], headHeldOn: true, day: DAY });
    expect(r).to.deep.equal({ ok: false, reason: 'NOT_SIGNER', mode: null });
  });

  it('refuses when the name under the signature is someone else\'s; spacing, case and NFC do not matter', () => {
    const base = { family: 'state' as const, blockLines: ['TM. ỦY BAN NHÂN DÂN'], hasSignerRole: true, posts: [head], headHeldOn: true, day: DAY };
    expect(checkSignerEntitlement({ ...base, blockName: 'Lò Văn Thắng', signerName: 'Trần Đức Minh' })).to.include({ ok: false, reason: 'NAME_MISMATCH' });
    expect(checkSignerEntitlement({ ...base, blockName: 'trần  đức minh'.normalize('NFD'), signerName: 'Trần Đức Minh' }).ok).to.equal(true);
  });

  it('refuses a document without a signature block', () => {
    const r = checkSignerEntitlement({ family: 'state', blockLines: [], blockName: '', signerName: 'A', hasSignerRole: true, posts: [head], headHeldOn: true, day: DAY });
    expect(r).to.include({ ok: false, reason: 'NO_SIGNATURE_BLOCK' });
  });

  it('reads the mode from the whole block, in any case', () => {
    const blocks = [['tm. hội đồng nhân dân', 'chủ tịch'], ['TM. Ủy ban nhân dân', 'kt. Chủ tịch', 'Phó Chủ tịch'], ['Kt. Chủ tịch', 'Phó Chủ tịch'],
      ['Q. Chủ tịch'], ['TL. Chủ tịch', 'Chánh Văn phòng'], ['TUQ. Chủ tịch', 'Trưởng phòng'], ['T/M Ban Chấp hành', 'Bí thư'],
      ['T/M Ban Thường vụ', 'Phó Bí thư Thường trực'], ['k/t bí thư', 'phó bí thư'], ['CHỦ TỊCH'], ['THƯ KÝ']];
    expect(blocks.map((b) => signModeOf(b)))
      .to.deep.equal(['TM', 'TM_KT', 'KT', 'Q', 'TL', 'TUQ', 'PARTY_TM', 'PARTY_TM_DEPUTY', 'PARTY_KT', 'OWN', 'OWN']);
    expect(blockAuthorityOf(['TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG']).requirement).to.deep.equal({ post: 'named', title: 'CHÁNH VĂN PHÒNG' });
  });

  it('a named post is held by its holder, not by its deputy ("Phó Chánh Văn phòng")', () => {
    expect(positionHolds('Ủy viên, Chánh Văn phòng HĐND và UBND', 'CHÁNH VĂN PHÒNG')).to.equal(true);
    expect(positionHolds('Chánh Văn phòng', 'chánh văn phòng')).to.equal(true);
    expect(positionHolds('Phó Chánh Văn phòng', 'CHÁNH VĂN PHÒNG')).to.equal(false);
    expect(positionHolds('Chánh Văn phòngX', 'CHÁNH VĂN PHÒNG')).to.equal(false);
  });

  it('says in Vietnamese which post a TL. block needs', () => {
    const r = checkSignerEntitlement({ family: 'state', blockLines: ['TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG'], blockName: 'A', signerName: 'A', hasSignerRole: true, posts: [head], headHeldOn: true, day: DAY });
    if (r.ok) throw new Error('expected a refusal');
    expect(entitlementMessage(r, { bodyName: 'Ủy ban nhân dân xã Tân Uyên', day: DAY, blockName: 'A', signerName: 'A' }))
      .to.include('"Chánh văn phòng"').and.include('22/11/2026');
  });
});

describe('domain — the reviewer is not the drafter (NĐ 30/2020 Điều 12, 14)', () => {
  const table: Array<[string, number | null, number | null, string]> = [
    ['another office clerk approves', 2, 3, 'ok'],
    ['the drafter of the current version', 1, 3, 'OWN_DRAFT'],
    ['the one who submitted it', 2, 1, 'OWN_SUBMISSION'],
    ['drafted and submitted by the reviewer', 1, 1, 'OWN_DRAFT'],
    ['no submitter on record', 2, null, 'ok'],
  ];
  for (const [name, drafterId, submitterId, expected] of table) {
    it(name, () => {
      const r = checkReviewer({ reviewerId: 1, drafterId, submitterId });
      expect(r.ok ? 'ok' : r.reason).to.equal(expected);
    });
  }
});

describe('domain — document workflow steps', () => {
  const statuses: DocStatus[] = ['draft', 'submitted', 'returned', 'approved', 'signed', 'issued', 'revoked'];
  const table: Record<WorkflowStep, Partial<Record<DocStatus, DocStatus>>> = {
    edit: { draft: 'draft', returned: 'returned' },
    submit: { draft: 'submitted', returned: 'submitted' },
    approve: { submitted: 'approved' },
    return: { submitted: 'returned', approved: 'returned' },
    sign: { approved: 'signed' },
    issue: { signed: 'issued' },
    revoke: { issued: 'revoked' },
    correct: { issued: 'issued' },
  };
  for (const [stepName, allowed] of Object.entries(table) as Array<[WorkflowStep, Partial<Record<DocStatus, DocStatus>>]>) {
    it(`${stepName}: allowed from ${Object.keys(allowed).join(', ')} only`, () => {
      for (const s of statuses) {
        const r = checkTransition(s, stepName);
        if (allowed[s]) expect(r, `${stepName} from ${s}`).to.deep.equal({ ok: true, next: allowed[s] });
        else expect(r.ok, `${stepName} from ${s}`).to.equal(false);
      }
    });
  }

  it('says "already issued" for any change to an issued or revoked document', () => {
    for (const s of ['edit', 'submit', 'sign', 'issue'] as WorkflowStep[]) {
      expect(checkTransition('issued', s)).to.deep.equal({ ok: false, reason: 'ALREADY_ISSUED' });
      expect(checkTransition('revoked', s)).to.deep.equal({ ok: false, reason: 'ALREADY_ISSUED' });
    }
  });
});

describe('domain — who may draft, review, sign, issue (permission matrix per body)', () => {
  const P = (roles: Array<[Role, number | null]>, communeId: number | null = 1): Principal =>
    ({ accountId: 1, isSystemAdmin: false, communeId, personId: null, roles: roles.map(([role, bodyId]) => ({ role, bodyId })) });
  const who: Record<string, Principal> = {
    admin: P([['commune_admin', null]]),
    office: P([['office_staff', null]]),
    sec10: P([['secretary', 10]]),
    signer10: P([['signer', 10]]),
    member: P([['member', null]]),
    officeOther: P([['office_staff', null]], 2),
  };
  const actions: Action[] = ['document.read', 'document.draft', 'document.review', 'document.sign', 'document.issue', 'register.read', 'certificate.manage'];
  // body 10 in commune 1: expected per principal, in the order of `actions`
  const expected: Record<string, boolean[]> = {
    admin: [true, false, false, false, false, true, true],
    office: [true, true, true, false, true, true, false],
    sec10: [true, true, false, false, false, false, false],
    signer10: [true, false, false, true, false, false, false],
    member: [false, false, false, false, false, false, false],
    officeOther: [false, false, false, false, false, false, false],
  };
  for (const [name, row] of Object.entries(expected)) {
    it(`${name}: ${actions.filter((_, i) => row[i]).join(', ') || 'nothing'}`, () => {
      expect(actions.map((a) => can(who[name]!, a, { communeId: 1, bodyId: 10 }))).to.deep.equal(row);
    });
  }
  it('a secretary or signer of body 10 has no rights on body 11', () => {
    for (const a of actions) {
      expect(can(who.sec10!, a, { communeId: 1, bodyId: 11 }), a).to.equal(false);
      expect(can(who.signer10!, a, { communeId: 1, bodyId: 11 }), a).to.equal(false);
    }
  });
});
