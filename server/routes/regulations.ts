// A body's working regulations (Quy chế làm việc): the list, a new draft from the usual outline, the editor with
// its versions and differences, and sending a version for adoption through the document workflow.
import { Router, type Request } from 'express';
import type { Services } from '../services/index.ts';
import { idParam, principal, requireLogin } from '../middleware/auth.ts';
import { DEFAULT_METHODS, FREQUENCIES, FREQUENCY_LABELS, PRESIDES_LABELS, STAND_IN_LABELS } from '../domain/regulations.ts';
import { isPartyBody } from '../domain/meetings.ts';
import type { BodyKind } from '../domain/bodies.ts';
import { REGULATION_STATUS_LABELS, settingsValues } from '../services/regulations.ts';
import { voteMsg } from '../i18n/vi.ts';
import { submit } from './submit.ts';

const viDate = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '');
const labels = { FREQUENCIES, FREQUENCY_LABELS, PRESIDES_LABELS, STAND_IN_LABELS, DEFAULT_METHODS, methodLabels: voteMsg.methodLabels, REGULATION_STATUS_LABELS, viDate };

export function regulationRoutes(services: Services): Router {
  const r = Router();
  const svc = services.regulations;

  const listLocals = async (req: Request, error: string | null = null) => {
    const p = principal(req);
    const communeId = idParam(req, 'communeId');
    const commune = await services.org.getCommune(p, communeId);
    const v = await svc.list(p, communeId, idParam(req, 'bodyId'));
    return { title: `Quy chế làm việc — ${v.body.name}`, commune, ...v, error, ...labels };
  };

  r.get('/xa/:communeId/co-quan/:bodyId/quy-che', requireLogin, async (req, res) => {
    res.render('regulations/list', await listLocals(req));
  });

  r.post('/xa/:communeId/co-quan/:bodyId/quy-che', requireLogin, (req, res) => submit(req, res, {
    run: () => svc.start(principal(req), idParam(req, 'communeId'), idParam(req, 'bodyId')),
    redirect: (reg) => `/xa/${reg.communeId}/quy-che/${reg.id}`,
    message: 'Đã tạo dự thảo Quy chế từ Quy chế mẫu.',
    rerender: async ({ error }) => res.render('regulations/list', await listLocals(req, error)),
  }));

  const showLocals = async (req: Request, extra: { values?: Record<string, unknown>; errors?: Record<string, string>; error?: string | null; adoptValues?: Record<string, unknown>; adoptErrors?: Record<string, string>; adoptError?: string | null } = {}) => {
    const p = principal(req);
    const communeId = idParam(req, 'communeId');
    const commune = await services.org.getCommune(p, communeId);
    const so = Number(req.query['so-voi']);
    const v = await svc.get(p, communeId, idParam(req, 'regulationId'), Number.isInteger(so) && so > 0 ? so : null);
    return {
      title: v.regulation.title, commune, ...v, isParty: isPartyBody(v.body.kind as BodyKind),
      values: { ...settingsValues(v.settings), text: v.current.text, version: v.regulation.currentVersion, ...(extra.values ?? {}) },
      errors: extra.errors ?? {}, error: extra.error ?? null,
      adoptValues: { effectiveFrom: v.today, ...(extra.adoptValues ?? {}) }, adoptErrors: extra.adoptErrors ?? {}, adoptError: extra.adoptError ?? null,
      ...labels,
    };
  };

  r.get('/xa/:communeId/quy-che/:regulationId', requireLogin, async (req, res) => {
    res.render('regulations/show', await showLocals(req));
  });

  r.post('/xa/:communeId/quy-che/:regulationId', requireLogin, (req, res) => submit(req, res, {
    run: () => svc.save(principal(req), idParam(req, 'communeId'), idParam(req, 'regulationId'), req.body ?? {}),
    redirect: (reg) => `/xa/${reg.communeId}/quy-che/${reg.id}`,
    message: 'Đã lưu phiên bản mới của Quy chế.',
    rerender: async ({ values, errors, error }) => res.render('regulations/show', await showLocals(req, { values, errors, error })),
  }));

  r.post('/xa/:communeId/quy-che/:regulationId/ban-hanh', requireLogin, (req, res) => submit(req, res, {
    run: () => svc.adopt(principal(req), idParam(req, 'communeId'), idParam(req, 'regulationId'), req.body ?? {}),
    redirect: (x) => `/xa/${x.document.communeId}/van-ban/${x.document.id}`,
    message: 'Đã tạo dự thảo văn bản ban hành Quy chế. Trình ký và ban hành văn bản này để Quy chế có hiệu lực.',
    rerender: async ({ values, errors, error }) => res.render('regulations/show', await showLocals(req, { adoptValues: values, adoptErrors: errors, adoptError: error })),
  }));

  return r;
}
