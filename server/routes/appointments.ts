// Appointments (bầu, bổ nhiệm, chỉ định): prepare the document from an election result or for a person, record
// the province's approval, and the history of posts per body and per person.
import { Router, type Request } from 'express';
import type { Services } from '../services/index.ts';
import { idParam, principal, requireLogin } from '../middleware/auth.ts';
import { APPOINTMENT_STATUS_LABELS, SOURCE_LABELS } from '../services/appointments.ts';
import { membershipRoleLabels } from '../i18n/vi.ts';
import { REPLACE_INCUMBENT_LABEL } from '../domain/appointments.ts';
import { submit } from './submit.ts';

const viDate = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '');
const labels = { APPOINTMENT_STATUS_LABELS, SOURCE_LABELS, membershipRoleLabels, viDate, REPLACE_INCUMBENT_LABEL };

export function appointmentRoutes(services: Services): Router {
  const r = Router();
  const svc = services.appointments;
  r.use(['/xa/:communeId/bo-nhiem'], requireLogin);

  type Form = { values: Record<string, unknown>; errors: Record<string, string>; error: string | null };
  const blank = (): Form => ({ values: {}, errors: {}, error: null });
  const pageLocals = async (req: Request, forms: { election?: Form; appoint?: Form; confirm?: Form & { id: number } } = {}) => {
    const p = principal(req);
    const communeId = idParam(req, 'communeId');
    const commune = await services.org.getCommune(p, communeId);
    const v = await svc.overview(p, communeId);
    return {
      title: 'Bầu, bổ nhiệm, chỉ định', commune, ...v, ...labels,
      election: forms.election ?? { ...blank(), values: { effectiveFrom: v.today, role: 'head', position: 'Chủ tịch UBND' } },
      appoint: forms.appoint ?? { ...blank(), values: { effectiveFrom: v.today, role: 'head', source: 'appointment' } },
      confirm: forms.confirm ?? { ...blank(), values: { approvedOn: v.today }, id: 0 },
    };
  };

  r.get('/xa/:communeId/bo-nhiem', async (req, res) => res.render('appointments/index', await pageLocals(req)));

  r.post('/xa/:communeId/bo-nhiem/bau', (req, res) => submit(req, res, {
    run: () => svc.fromElection(principal(req), idParam(req, 'communeId'), req.body ?? {}),
    redirect: (x) => `/xa/${x.document.communeId}/van-ban/${x.document.id}`,
    message: 'Đã tạo dự thảo nghị quyết bầu từ kết quả bầu cử. Chức vụ thay đổi khi nghị quyết được ban hành (và được cấp tỉnh phê chuẩn nếu luật yêu cầu).',
    rerender: async (s) => res.render('appointments/index', await pageLocals(req, { election: s })),
  }));

  r.post('/xa/:communeId/bo-nhiem', (req, res) => submit(req, res, {
    run: () => svc.appoint(principal(req), idParam(req, 'communeId'), req.body ?? {}),
    redirect: (x) => `/xa/${x.document.communeId}/van-ban/${x.document.id}`,
    message: 'Đã tạo dự thảo quyết định. Chức vụ thay đổi từ ngày có hiệu lực khi quyết định được ban hành.',
    rerender: async (s) => res.render('appointments/index', await pageLocals(req, { appoint: s })),
  }));

  r.post('/xa/:communeId/bo-nhiem/:appointmentId/phe-chuan', (req, res) => submit(req, res, {
    run: () => svc.confirm(principal(req), idParam(req, 'communeId'), idParam(req, 'appointmentId'), req.body ?? {}),
    redirect: () => `/xa/${idParam(req, 'communeId')}/bo-nhiem`,
    message: 'Đã ghi nhận phê chuẩn; chức vụ đã thay đổi từ ngày có hiệu lực.',
    rerender: async (s) => res.render('appointments/index', await pageLocals(req, { confirm: { ...s, id: idParam(req, 'appointmentId') } })),
  }));

  r.get('/xa/:communeId/co-quan/:bodyId/chuc-vu', requireLogin, async (req, res) => {
    const p = principal(req);
    const communeId = idParam(req, 'communeId');
    const commune = await services.org.getCommune(p, communeId);
    const v = await svc.bodyHistory(p, communeId, idParam(req, 'bodyId'));
    res.render('appointments/body-history', { title: `Lịch sử chức vụ — ${v.body.name}`, commune, ...v, ...labels });
  });

  r.get('/xa/:communeId/nhan-su/:personId/qua-trinh', requireLogin, async (req, res) => {
    const p = principal(req);
    const communeId = idParam(req, 'communeId');
    const commune = await services.org.getCommune(p, communeId);
    const v = await svc.personHistory(p, communeId, idParam(req, 'personId'));
    res.render('appointments/person-history', { title: `Quá trình công tác — ${v.person.fullName}`, commune, ...v, ...labels });
  });

  return r;
}
