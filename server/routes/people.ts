// People of a commune and their posts (positions and memberships with dates).
import { Router } from 'express';
import type { Services } from '../services/index.ts';
import { idParam, principal, requireLogin } from '../middleware/auth.ts';
import { membershipRoleLabels } from '../i18n/vi.ts';
import { submit } from './submit.ts';

export function peopleRoutes(services: Services): Router {
  const r = Router();
  r.use(['/xa/:communeId/nhan-su', '/xa/:communeId/chuc-vu'], requireLogin);

  r.get('/xa/:communeId/nhan-su', async (req, res) => {
    const p = principal(req);
    const communeId = idParam(req, 'communeId');
    const commune = await services.org.getCommune(p, communeId);
    res.render('people/list', { title: 'Nhân sự', commune, people: await services.org.listPeople(p, communeId) });
  });

  const newLocals = async (req: any, values: Record<string, unknown>, errors = {}, error: string | null = null) => {
    const p = principal(req);
    const communeId = idParam(req, 'communeId');
    const commune = await services.org.getCommune(p, communeId);
    await services.org.listPeople(p, communeId); // permission check
    return { title: 'Thêm người', commune, values, errors, error };
  };

  r.get('/xa/:communeId/nhan-su/moi', async (req, res) => res.render('people/new', await newLocals(req, { gender: 'nam' })));

  r.post('/xa/:communeId/nhan-su', (req, res) => submit(req, res, {
    run: () => services.org.savePerson(principal(req), idParam(req, 'communeId'), null, req.body ?? {}),
    redirect: (x) => `/xa/${x.communeId}/nhan-su/${x.id}`,
    message: 'Đã thêm người.',
    rerender: async ({ values, errors, error }) => res.render('people/new', await newLocals(req, values, errors, error)),
  }));

  const showLocals = async (req: any, extra: Record<string, unknown> = {}) => {
    const p = principal(req);
    const communeId = idParam(req, 'communeId');
    const commune = await services.org.getCommune(p, communeId);
    const { person, posts } = await services.org.getPerson(p, communeId, idParam(req, 'personId'));
    const bodies = await services.org.listBodies(p, communeId);
    return {
      title: person.fullName, commune, person, posts, bodies, membershipRoleLabels, today: services.clock.today(),
      values: person, errors: {}, error: null,
      postValues: { votingRight: 'on', role: 'member', startDate: services.clock.today() }, postErrors: {}, postError: null,
      endErrors: {}, endError: null, endFor: null, endValues: {},
      ...extra,
    };
  };

  r.get('/xa/:communeId/nhan-su/:personId', async (req, res) => res.render('people/show', await showLocals(req)));

  r.post('/xa/:communeId/nhan-su/:personId', (req, res) => submit(req, res, {
    run: () => services.org.savePerson(principal(req), idParam(req, 'communeId'), idParam(req, 'personId'), req.body ?? {}),
    redirect: (x) => `/xa/${x.communeId}/nhan-su/${x.id}`,
    message: 'Đã lưu thông tin.',
    rerender: async ({ values, errors, error }) => res.render('people/show', await showLocals(req, { values, errors, error })),
  }));

  r.post('/xa/:communeId/nhan-su/:personId/chuc-vu', (req, res) => submit(req, res, {
    run: () => services.org.addMembership(principal(req), idParam(req, 'communeId'), idParam(req, 'personId'), req.body ?? {}),
    redirect: () => `/xa/${idParam(req, 'communeId')}/nhan-su/${idParam(req, 'personId')}`,
    message: 'Đã thêm chức vụ.',
    rerender: async ({ values, errors, error }) => res.render('people/show', await showLocals(req, { postValues: values, postErrors: errors, postError: error })),
  }));

  r.post('/xa/:communeId/chuc-vu/:membershipId/ket-thuc', (req, res) => submit(req, res, {
    run: () => services.org.endMembership(principal(req), idParam(req, 'communeId'), idParam(req, 'membershipId'), req.body ?? {}),
    redirect: (m) => `/xa/${idParam(req, 'communeId')}/nhan-su/${m.personId}`,
    message: 'Đã ghi nhận kết thúc chức vụ.',
    rerender: async ({ values, errors, error }) => {
      const personId = Number(req.body?.personId);
      if (!Number.isInteger(personId) || personId < 1) {
        res.render('error', { title: 'Không thực hiện được', status: res.statusCode, message: error });
        return;
      }
      (req.params as Record<string, string>).personId = String(personId);
      res.render('people/show', await showLocals(req, { endErrors: errors, endError: error, endFor: idParam(req, 'membershipId'), endValues: values }));
    },
  }));

  return r;
}
