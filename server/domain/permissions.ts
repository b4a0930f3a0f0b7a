// Who may do what: denied unless a rule below grants it (STYLE.md §4). Pure: the caller passes the
// principal (the logged-in account with its roles) and the scope of the record (commune, body).

export type Role = 'commune_admin' | 'office_staff' | 'secretary' | 'signer' | 'member';

export interface Principal {
  accountId: number;
  isSystemAdmin: boolean;
  communeId: number | null;
  personId: number | null;
  roles: ReadonlyArray<{ role: Role; bodyId: number | null }>;
}

export type Action =
  | 'commune.create' // a new commune on this installation
  | 'commune.edit'
  | 'body.manage' // bodies and their terms
  | 'person.manage' // people and their positions/memberships
  | 'account.manage'
  | 'audit.read'
  | 'body.read' // see a body's records
  | 'meeting.prepare' // agendas, attachments, convening notices (issue 4)
  | 'meeting.record' // attendance, votes, minutes (issues 4–5)
  | 'document.sign' // approve and sign (issue 6)
  | 'template.manage' // reword the commune's document templates
  | 'document.read' // see a body's documents in preparation and the audit trail of each (issue 6)
  | 'document.draft' // draft, edit and submit for signature (trình ký)
  | 'document.review' // check a submitted draft, approve it or return it (the Văn phòng)
  | 'document.issue' // number, date and issue a signed document; revoke; keep the outgoing register
  | 'register.read' // the outgoing register (sổ đăng ký văn bản đi)
  | 'certificate.manage' // upload the PKCS#12 certificates documents are signed with
  | 'regulation.draft' // write a body's Quy chế làm việc and send it for adoption (issue 7)
  | 'appointment.prepare' // prepare an election, appointment or designation document for a body
  | 'appointment.confirm'; // record the province's approval of an election result

export interface Scope {
  communeId: number;
  bodyId?: number;
}

const hasRole = (p: Principal, role: Role, bodyId?: number) =>
  p.roles.some((r) => r.role === role && (r.bodyId === null || bodyId === undefined || r.bodyId === bodyId));

/** Body-scoped roles (secretary, signer) only count for the body they name. */
const hasBodyRole = (p: Principal, role: Role, bodyId?: number) =>
  bodyId !== undefined && p.roles.some((r) => r.role === role && r.bodyId === bodyId);

export function can(p: Principal, action: Action, scope?: Scope): boolean {
  if (p.isSystemAdmin) return true;
  if (action === 'commune.create') return false;
  if (!scope || p.communeId === null || scope.communeId !== p.communeId) return false;
  const admin = hasRole(p, 'commune_admin');
  switch (action) {
    case 'commune.edit':
    case 'body.manage':
    case 'person.manage':
    case 'account.manage':
    case 'audit.read':
      return admin;
    case 'body.read':
      return admin || hasRole(p, 'office_staff') || hasBodyRole(p, 'secretary', scope.bodyId) || hasBodyRole(p, 'signer', scope.bodyId);
    case 'template.manage':
      return admin || hasRole(p, 'office_staff');
    case 'meeting.prepare':
      return hasRole(p, 'office_staff') || hasBodyRole(p, 'secretary', scope.bodyId);
    case 'meeting.record':
      return hasBodyRole(p, 'secretary', scope.bodyId);
    case 'document.sign':
      return hasBodyRole(p, 'signer', scope.bodyId);
    case 'document.read':
      return admin || hasRole(p, 'office_staff') || hasBodyRole(p, 'secretary', scope.bodyId) || hasBodyRole(p, 'signer', scope.bodyId);
    case 'document.draft':
      return hasRole(p, 'office_staff') || hasBodyRole(p, 'secretary', scope.bodyId);
    case 'document.review':
    case 'document.issue':
      return hasRole(p, 'office_staff');
    case 'register.read':
      return admin || hasRole(p, 'office_staff');
    case 'certificate.manage':
      return admin;
    case 'regulation.draft':
    case 'appointment.prepare':
      return hasRole(p, 'office_staff') || hasBodyRole(p, 'secretary', scope.bodyId);
    case 'appointment.confirm':
      return admin || hasRole(p, 'office_staff');
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

/** Can this principal see anything of the commune at all? Otherwise every record of it is a 404. */
export function canSeeCommune(p: Principal, communeId: number): boolean {
  return p.isSystemAdmin || p.communeId === communeId;
}
