// Communes: the system admin's list and creation; the commune admin's own commune and its audit trail.
import { Router } from 'express';
import type { Services } from '../services/index.ts';
import { idParam, principal, requireLogin } from '../middleware/auth.ts';
import { can } from '../domain/permissions.ts';
import { forbidden } from '../domain/errors.ts';
import { bodyKindLabels, communeKinds } from '../i18n/vi.ts';
import { submit } from './submit.ts';

export function communeRoutes(services: Services): Router {
  const r = Router();
  r.use(requireLogin);

  r.get('/xa', async (req, res) => {
    const p = principal(req);
    if (!p.isSystemAdmin) return res.redirect(303, p.communeId ? `/xa/${p.communeId}` : '/');
    res.render('communes/list', { title: 'Các xã, phường', communes: await services.org.listCommunes(p) });
  });

  const newForm = (values: Record<string, unknown>, errors = {}, error: string | null = null) =>
    ({ title: 'Thêm xã, phường', values, errors, error, kinds: communeKinds });

  r.get('/xa/moi', (req, res) => {
    if (!can(principal(req), 'commune.create')) throw forbidden();
    res.render('communes/new', newForm({ kind: 'xã', termStart: '2026-03-25', termEnd: '2031-06-30', partyTermStart: '2025-07-01', partyTermEnd: '2030-06-30' }));
  });

  r.post('/xa', (req, res) => submit(req, res, {
    run: () => services.org.createCommune(principal(req), req.body ?? {}),
    redirect: (c) => `/xa/${c.id}`,
    message: 'Đã tạo xã mới cùng các cơ quan chuẩn.',
    rerender: ({ values, errors, error }) => res.render('communes/new', newForm(values, errors, error)),
  }));

  r.get('/xa/:communeId', async (req, res) => {
    const p = principal(req);
    const communeId = idParam(req, 'communeId');
    const commune = await services.org.getCommune(p, communeId);
    const bodies = await services.org.listBodies(p, communeId);
    res.render('communes/show', {
      title: `${commune.kind} ${commune.name}`, commune, bodies, bodyKindLabels,
      canEdit: can(p, 'commune.edit', { communeId }), canManage: can(p, 'body.manage', { communeId }),
    });
  });

  const editForm = (commune: object, values: Record<string, unknown>, errors = {}, error: string | null = null) =>
    ({ title: 'Sửa thông tin xã', commune, values, errors, error, kinds: communeKinds });

  r.get('/xa/:communeId/sua', async (req, res) => {
    const p = principal(req);
    const communeId = idParam(req, 'communeId');
    const commune = await services.org.getCommune(p, communeId);
    if (!can(p, 'commune.edit', { communeId })) throw forbidden();
    res.render('communes/edit', editForm(commune, commune));
  });

  r.post('/xa/:communeId', async (req, res) => {
    const p = principal(req);
    const communeId = idParam(req, 'communeId');
    const commune = await services.org.getCommune(p, communeId);
    await submit(req, res, {
      run: () => services.org.updateCommune(p, communeId, req.body ?? {}),
      redirect: () => `/xa/${communeId}`,
      message: 'Đã lưu thông tin xã.',
      rerender: ({ values, errors, error }) => res.render('communes/edit', editForm(commune, values, errors, error)),
    });
  });

  r.get('/xa/:communeId/nhat-ky', async (req, res) => {
    const p = principal(req);
    const communeId = idParam(req, 'communeId');
    const commune = await services.org.getCommune(p, communeId);
    res.render('communes/audit', { title: 'Nhật ký thay đổi', commune, rows: await services.audit(p, communeId) });
  });

  return r;
}
