import { expect } from 'chai';
import { can, type Action, type Principal, type Role } from '../../server/domain/permissions.ts';

const P = (roles: Array<[Role, number | null]>, communeId: number | null = 1, isSystemAdmin = false): Principal =>
  ({ accountId: 1, isSystemAdmin, communeId, personId: null, roles: roles.map(([role, bodyId]) => ({ role, bodyId })) });

describe('domain/permissions — deny by default, scoped to commune and body', () => {
  const sys = P([], null, true);
  const admin = P([['commune_admin', null]]);
  const office = P([['office_staff', null]]);
  const sec10 = P([['secretary', 10]]);
  const signer10 = P([['signer', 10]]);
  const member = P([['member', null]]);
  const nobody = P([]);

  // [principal name, principal, action, commune, body, expected]
  const table: Array<[string, Principal, Action, number, number | undefined, boolean]> = [
    ['system admin', sys, 'commune.create', 1, undefined, true],
    ['system admin, any commune', sys, 'person.manage', 99, undefined, true],
    ['commune admin', admin, 'commune.create', 1, undefined, false],
    ['commune admin', admin, 'person.manage', 1, undefined, true],
    ['commune admin, other commune', admin, 'person.manage', 2, undefined, false],
    ['commune admin', admin, 'account.manage', 1, undefined, true],
    ['commune admin', admin, 'meeting.record', 1, 10, false],
    ['office staff', office, 'person.manage', 1, undefined, false],
    ['office staff', office, 'meeting.prepare', 1, 10, true],
    ['office staff', office, 'body.read', 1, 11, true],
    ['office staff, other commune', office, 'body.read', 2, 11, false],
    ['secretary of 10', sec10, 'meeting.record', 1, 10, true],
    ['secretary of 10, body 11', sec10, 'meeting.record', 1, 11, false],
    ['secretary of 10, body 11', sec10, 'body.read', 1, 11, false],
    ['secretary of 10, no body', sec10, 'meeting.record', 1, undefined, false],
    ['secretary of 10', sec10, 'account.manage', 1, undefined, false],
    ['signer of 10', signer10, 'document.sign', 1, 10, true],
    ['signer of 10, body 11', signer10, 'document.sign', 1, 11, false],
    ['signer of 10', signer10, 'meeting.record', 1, 10, false],
    ['member', member, 'body.read', 1, 10, false],
    ['member', member, 'meeting.prepare', 1, 10, false],
    ['no roles', nobody, 'body.read', 1, 10, false],
    ['commune admin', admin, 'template.manage', 1, undefined, true],
    ['office staff', office, 'template.manage', 1, undefined, true],
    ['secretary of 10', sec10, 'template.manage', 1, 10, false],
    ['office staff, other commune', office, 'template.manage', 2, undefined, false],
    ['no commune', P([['commune_admin', null]], null), 'person.manage', 1, undefined, false],
  ];
  for (const [who, p, action, communeId, bodyId, expected] of table) {
    it(`${who}: ${action} in commune ${communeId}${bodyId ? ` body ${bodyId}` : ''} → ${expected ? 'allowed' : 'denied'}`, () => {
      expect(can(p, action, { communeId, bodyId })).to.equal(expected);
    });
  }
});
