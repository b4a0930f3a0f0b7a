// Who may sign, as a truth table: the signature block's mode against the signer's post on the signing day;
// and the workflow's steps against each state.
import { expect } from 'chai';
import { can, type Action, type Principal, type Role } from '../../server/domain/permissions.ts';
import { checkSignerEntitlement, checkTransition, signModeOf, type DocStatus, type SignerPost, type WorkflowStep } from '../../server/domain/signoff.ts';

const DAY = '2026-11-22';
const head: SignerPost = { role: 'head', position: 'Chủ tịch UBND', startDate: '2021-07-01', endDate: null };
const deputy: SignerPost = { role: 'deputy', position: 'Phó Chủ tịch UBND', startDate: '2021-07-01', endDate: null };
const member: SignerPost = { role: 'member', position: 'Ủy viên', startDate: '2021-07-01', endDate: null };
const acting: SignerPost = { role: 'deputy', position: 'Quyền Chủ tịch UBND', startDate: '2026-10-01', endDate: null };
const formerHead: SignerPost = { ...head, endDate: '2026-11-22' }; // the end date is the first day no longer held
const futureHead: SignerPost = { ...head, startDate: '2026-11-23' };

describe('domain — signer entitlement (NĐ 30/2020 Phụ lục I §II.8; HD 36-HD/VPTW)', () => {
  const cases: Array<[string, 'state' | 'party', string, SignerPost[], boolean, string]> = [
    // name, family, first line, posts, head post held by someone that day, expected
    ['TM. by the head', 'state', 'TM. ỦY BAN NHÂN DÂN', [head], true, 'ok'],
    ['TM. by a deputy', 'state', 'TM. ỦY BAN NHÂN DÂN', [deputy], true, 'NO_POST'],
    ['TM. by a member', 'state', 'TM. ỦY BAN NHÂN DÂN', [member], true, 'NO_POST'],
    ['head\'s own power (no prefix) by the head', 'state', 'CHỦ TỊCH', [head], true, 'ok'],
    ['head\'s own power by a deputy', 'state', 'CHỦ TỊCH', [deputy], true, 'NO_POST'],
    ['KT. by a deputy', 'state', 'KT. CHỦ TỊCH', [deputy], true, 'ok'],
    ['KT. by the head', 'state', 'KT. CHỦ TỊCH', [head], true, 'NO_POST'],
    ['Q. by a "Quyền" post', 'state', 'Q. CHỦ TỊCH', [acting], true, 'ok'],
    ['Q. by a deputy while the head post is vacant', 'state', 'Q. CHỦ TỊCH', [deputy], false, 'ok'],
    ['Q. by a deputy while a head holds the post', 'state', 'Q. CHỦ TỊCH', [deputy], true, 'NO_POST'],
    ['TL. is not supported', 'state', 'TL. CHỦ TỊCH', [head], true, 'MODE_NOT_SUPPORTED'],
    ['TUQ. is not supported', 'state', 'TUQ. CHỦ TỊCH', [head], true, 'MODE_NOT_SUPPORTED'],
    ['T/M by the Secretary', 'party', 'T/M BAN CHẤP HÀNH', [head], true, 'ok'],
    ['T/M by a Deputy Secretary', 'party', 'T/M BAN THƯỜNG VỤ', [deputy], true, 'NO_POST'],
    ['K/T by a Deputy Secretary', 'party', 'K/T BÍ THƯ', [deputy], true, 'ok'],
    ['K/T by the Secretary', 'party', 'K/T BÍ THƯ', [head], true, 'NO_POST'],
    ['TM. on a Party document', 'party', 'TM. BAN CHẤP HÀNH', [head], true, 'MODE_FAMILY'],
    ['T/M on a State document', 'state', 'T/M ỦY BAN NHÂN DÂN', [head], true, 'MODE_FAMILY'],
    ['post ended the day before signing (end exclusive)', 'state', 'TM. ỦY BAN NHÂN DÂN', [formerHead], true, 'NO_POST'],
    ['post starting the day after', 'state', 'TM. ỦY BAN NHÂN DÂN', [futureHead], true, 'NO_POST'],
    ['no post at all', 'state', 'TM. ỦY BAN NHÂN DÂN', [], true, 'NO_POST'],
  ];
  for (const [name, family, line, posts, headHeldOn, expected] of cases) {
    it(name, () => {
      const r = checkSignerEntitlement({ family, blockLines: [line, 'CHỦ TỊCH'], blockName: 'Trần Đức Minh', signerName: 'Trần Đức Minh', hasSignerRole: true, posts, headHeldOn, day: DAY });
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

  it('reads the mode from the first line, in any case', () => {
    expect(['tm. hội đồng nhân dân', 'Kt. Chủ tịch', 'Q. Chủ tịch', 'TL. Chủ tịch', 'TUQ. Chủ tịch', 'T/M Ban Chấp hành', 'k/t bí thư', 'CHỦ TỊCH', 'THƯ KÝ'].map(signModeOf))
      .to.deep.equal(['TM', 'KT', 'Q', 'TL', 'TUQ', 'PARTY_TM', 'PARTY_KT', 'OWN', 'OWN']);
  });
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
