// Bodies of a commune: details, terms, and the membership on any date.
import { Router } from 'express';
import type { Services } from '../services/index.ts';
import { idParam, principal, requireLogin } from '../middleware/auth.ts';
import { can } from '../domain/permissions.ts';
import { forbidden } from '../domain/errors.ts';
import { isIsoDate } from '../domain/membership.ts';
import { bodyKindLabels, membershipRoleLabels } from '../i18n/vi.ts';
import { BODY_KINDS } from '../services/org.ts';
import { submit } from './submit.ts';

export function bodyRoutes(services: Services): Router {
  const r = Router();
  r.use('/xa/:communeId/co-quan', requireLogin);

  const newForm = async (req: any, values: Record<string, unknown>, errors = {}, error: string | null = null) => {
    const p = principal(req);
    const communeId = idParam(req, 'communeId');
    const commune = await services.org.getCommune(p, communeId);
    const bodies = await services.org.listBodies(p, communeId);
    return { title: 'Thêm cơ quan', commune, bodies, kinds: BODY_KINDS, bodyKindLabels, values, errors, error };
  };

  r.get('/xa/:communeId/co-quan/moi', async (req, res) => {
    const locals = await newForm(req, { kind: 'department' });
    if (!can(principal(req), 'body.manage', { communeId: locals.commune.id })) throw forbidden();
    res.render('bodies/new', locals);
  });

  r.post('/xa/:communeId/co-quan', (req, res) => submit(req, res, {
    run: () => services.org.createBody(principal(req), idParam(req, 'communeId'), req.body ?? {}),
    redirect: (b) => `/xa/${b.communeId}/co-quan/${b.id}`,
    message: 'Đã thêm cơ quan.',
    rerender: async ({ values, errors, error }) => res.render('bodies/new', await newForm(req, values, errors, error)),
  }));

  const showLocals = async (req: any, extra: Record<string, unknown> = {}) => {
    const p = principal(req);
    const communeId = idParam(req, 'communeId');
    const bodyId = idParam(req, 'bodyId');
    const commune = await services.org.getCommune(p, communeId);
    const requested = typeof req.query.ngay === 'string' ? req.query.ngay : '';
    const day = isIsoDate(requested) ? requested : services.clock.today();
    const view = await services.org.bodyOnDate(p, communeId, bodyId, day);
    return {
      title: view.body.name, commune, ...view, bodyKindLabels, membershipRoleLabels,
      dayError: requested && !isIsoDate(requested) ? 'Ngày không hợp lệ; đang hiển thị ngày hôm nay.' : null,
      canManage: can(p, 'body.manage', { communeId, bodyId }),
      canManagePeople: can(p, 'person.manage', { communeId }),
      values: view.body, errors: {}, error: null, termValues: {}, termErrors: {}, termError: null,
      ...extra,
    };
  };

  r.get('/xa/:communeId/co-quan/:bodyId', async (req, res) => {
    res.render('bodies/show', await showLocals(req));
  });

  r.post('/xa/:communeId/co-quan/:bodyId', (req, res) => submit(req, res, {
    run: () => services.org.updateBody(principal(req), idParam(req, 'communeId'), idParam(req, 'bodyId'), req.body ?? {}),
    redirect: (b) => `/xa/${b.communeId}/co-quan/${b.id}`,
    message: 'Đã lưu thông tin cơ quan.',
    rerender: async ({ values, errors, error }) => res.render('bodies/show', await showLocals(req, { values, errors, error })),
  }));

  r.post('/xa/:communeId/co-quan/:bodyId/nhiem-ky', (req, res) => submit(req, res, {
    run: () => services.org.addTerm(principal(req), idParam(req, 'communeId'), idParam(req, 'bodyId'), req.body ?? {}),
    redirect: () => `/xa/${idParam(req, 'communeId')}/co-quan/${idParam(req, 'bodyId')}`,
    message: 'Đã thêm nhiệm kỳ.',
    rerender: async ({ values, errors, error }) => res.render('bodies/show', await showLocals(req, { termValues: values, termErrors: errors, termError: error })),
  }));

  r.post('/xa/:communeId/co-quan/:bodyId/nhiem-ky/:termId/so-ghe', (req, res) => submit(req, res, {
    run: () => services.org.setTermSeats(principal(req), idParam(req, 'communeId'), idParam(req, 'bodyId'), idParam(req, 'termId'), req.body ?? {}),
    redirect: () => `/xa/${idParam(req, 'communeId')}/co-quan/${idParam(req, 'bodyId')}`,
    message: 'Đã ghi số ghế của nhiệm kỳ.',
    rerender: async ({ errors }) => res.render('bodies/show', await showLocals(req, { termError: errors.seats ?? 'Số ghế không hợp lệ.' })),
  }));

  return r;
}
