// Written opinion-taking between sessions (phiếu lấy ý kiến): the body's list and the secretary's form to send one,
// the motion page (a member's answer with its confirmation step, working without JavaScript; the secretary's roster,
// paper entry and "Kết thúc" after the deadline; the frozen result).
import { Router, type Request, type Response } from 'express';
import type { Services } from '../services/index.ts';
import { idParam, principal, requireLogin } from '../middleware/auth.ts';
import { CHOICES, isSecret, type Choice } from '../domain/ballots.ts';
import { voteMsg, writtenMsg } from '../i18n/vi.ts';
import { formatPercent } from '../domain/percent.ts';
import { formatVnMoment } from '../domain/written-opinions.ts';
import { submit } from './submit.ts';

const labels = { voteMsg, writtenMsg, formatPercent, formatVnMoment, isSecret, CHOICES };

export function writtenRoutes(services: Services): Router {
  const r = Router();
  const svc = services.writtenOpinions;
  const list = '/xa/:communeId/co-quan/:bodyId/lay-y-kien';
  const one = '/xa/:communeId/lay-y-kien/:motionId';
  r.use(list, requireLogin);
  r.use('/xa/:communeId/lay-y-kien', requireLogin);

  const listLocals = async (req: Request, extra: Record<string, unknown> = {}) => {
    const d = await svc.list(principal(req), idParam(req, 'communeId'), idParam(req, 'bodyId'));
    return { title: `Lấy ý kiến bằng văn bản — ${d.body.name}`, communeId: idParam(req, 'communeId'), ...d, values: { deadlineTime: '17:00' }, errors: {}, error: null, ...labels, ...extra };
  };

  r.get(list, async (req, res) => {
    res.render('votes/written/list', await listLocals(req));
  });

  r.post(list, (req, res) => submit(req, res, {
    run: () => svc.create(principal(req), idParam(req, 'communeId'), idParam(req, 'bodyId'), req.body ?? {}),
    redirect: (v) => `/xa/${idParam(req, 'communeId')}/lay-y-kien/${v.id}`,
    message: 'Đã gửi phiếu lấy ý kiến đến các thành viên.',
    rerender: async (s) => res.render('votes/written/list', await listLocals(req, s)),
  }));

  const showLocals = async (req: Request, extra: Record<string, unknown> = {}) => {
    const d = await svc.show(principal(req), idParam(req, 'communeId'), idParam(req, 'motionId'));
    const chon = typeof req.query.chon === 'string' && CHOICES.includes(req.query.chon as Choice) ? req.query.chon as Choice : null;
    return { title: d.motion.title, communeId: idParam(req, 'communeId'), ...d, confirm: chon, values: {}, errors: {}, error: null, ...labels, ...extra };
  };
  const rerender = (req: Request, res: Response) => async (s: Record<string, unknown>) => res.render('votes/written/show', await showLocals(req, s));
  const back = (req: Request) => `/xa/${idParam(req, 'communeId')}/lay-y-kien/${idParam(req, 'motionId')}`;

  r.get(one, async (req, res) => {
    res.setHeader('Cache-Control', 'private, no-store');
    res.render('votes/written/show', await showLocals(req));
  });

  r.post(`${one}/tra-loi`, (req, res) => submit(req, res, {
    run: () => svc.answer(principal(req), idParam(req, 'communeId'), idParam(req, 'motionId'), req.body ?? {}),
    redirect: () => back(req),
    message: 'Ý kiến của bạn đã được ghi nhận.',
    rerender: rerender(req, res),
  }));

  r.post(`${one}/phieu-giay`, (req, res) => submit(req, res, {
    run: () => svc.recordPaper(principal(req), idParam(req, 'communeId'), idParam(req, 'motionId'), req.body ?? {}),
    redirect: () => back(req),
    message: 'Đã ghi phiếu giấy.',
    rerender: rerender(req, res),
  }));

  r.post(`${one}/ket-thuc`, (req, res) => submit(req, res, {
    run: () => svc.close(principal(req), idParam(req, 'communeId'), idParam(req, 'motionId')),
    redirect: () => back(req),
    message: 'Đã kết thúc lấy ý kiến; kết quả đã được ghi lại và không thay đổi được nữa.',
    rerender: rerender(req, res),
  }));

  return r;
}
