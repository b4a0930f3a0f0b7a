// Votes of a meeting: the secretary's panel (create, open, record by name, close with the totals, vote again),
// the member's phone ballot with its confirmation step, the counting board's record and the CSV of results.
import { Router, type Request, type Response } from 'express';
import type { Services } from '../services/index.ts';
import { idParam, principal, requireLogin } from '../middleware/auth.ts';
import { AppError, notFound } from '../domain/errors.ts';
import { CHOICES, isElectronic, isSecret, methodsFor, MOTION_KINDS, type Choice } from '../domain/ballots.ts';
import { agendaKindLabels, voteMsg } from '../i18n/vi.ts';
import { formatPercent } from '../domain/percent.ts';
import { submit } from './submit.ts';
import { openMotion } from '../services/votes/open-motion.ts';

const viDate = (iso: string) => iso.split('-').reverse().join('/');
const labels = { voteMsg, agendaKindLabels, formatPercent, viDate, MOTION_KINDS, methodsFor, isSecret, isElectronic, CHOICES };

export function voteRoutes(services: Services): Router {
  const r = Router();
  const svc = services.votes;
  const base = '/xa/:communeId/hop/:meetingId/bieu-quyet';
  r.use('/xa/:communeId/hop/:meetingId/bieu-quyet', requireLogin);

  const ids = (req: Request) => [idParam(req, 'communeId'), idParam(req, 'meetingId')] as const;
  const motionParams = (req: Request) => ({ communeId: idParam(req, 'communeId'), meetingId: idParam(req, 'meetingId'), motionId: idParam(req, 'motionId') });
  const url = (req: Request, tail = '') => `/xa/${idParam(req, 'communeId')}/hop/${idParam(req, 'meetingId')}/bieu-quyet${tail}`;

  const panelLocals = async (req: Request, extra: Record<string, unknown> = {}) => {
    const [c, m] = ids(req);
    const panel = await svc.panel(principal(req), c, m);
    return { title: `Biểu quyết — ${panel.meeting.subject ?? panel.body.name}`, communeId: c, ...panel, values: {}, errors: {}, error: null, ...labels, ...extra };
  };

  r.get(base, async (req, res) => {
    res.render('votes/panel', await panelLocals(req));
  });

  r.post(base, (req, res) => submit(req, res, {
    run: () => svc.createMotion(principal(req), ...ids(req), req.body ?? {}),
    redirect: (v) => url(req, `/${v.id}`),
    message: 'Đã tạo nội dung biểu quyết.',
    rerender: async (s) => res.render('votes/panel', await panelLocals(req, s)),
  }));

  r.get(`${base}.csv`, async (req, res) => {
    const out = await svc.csv(principal(req), ...ids(req));
    res.setHeader('Cache-Control', 'private, no-store');
    res.type('text/csv; charset=utf-8');
    res.attachment(out.filename);
    res.send(out.text);
  });

  const motionLocals = async (req: Request, extra: Record<string, unknown> = {}) => {
    const [c, m] = ids(req);
    const d = await svc.motion(principal(req), c, m, idParam(req, 'motionId'));
    return { title: d.motion.title, communeId: c, ...d, values: {}, errors: {}, error: null, ...labels, ...extra };
  };

  r.get(`${base}/:motionId`, async (req, res) => {
    res.render('votes/motion', await motionLocals(req));
  });

  const onMotion = (req: Request, res: Response) => async (s: { values: Record<string, unknown>; errors: Record<string, string>; error: string }) =>
    res.render('votes/motion', await motionLocals(req, s));

  r.post(`${base}/:motionId/mo`, (req, res) => submit(req, res, {
    run: () => services.run(openMotion, principal(req), motionParams(req), req.body),
    redirect: () => url(req, `/${idParam(req, 'motionId')}`),
    message: 'Đã mở biểu quyết.',
    rerender: onMotion(req, res),
  }));

  r.post(`${base}/:motionId/ghi`, (req, res) => submit(req, res, {
    run: () => svc.recordNamed(principal(req), ...ids(req), idParam(req, 'motionId'), req.body ?? {}),
    redirect: () => url(req, `/${idParam(req, 'motionId')}`),
    message: 'Đã ghi ý kiến biểu quyết.',
    rerender: onMotion(req, res),
  }));

  r.post(`${base}/:motionId/ket-thuc`, (req, res) => submit(req, res, {
    run: () => svc.closeMotion(principal(req), ...ids(req), idParam(req, 'motionId'), req.body ?? {}),
    redirect: () => url(req, `/${idParam(req, 'motionId')}`),
    message: 'Đã kết thúc biểu quyết; kết quả đã được ghi lại và không thay đổi được nữa.',
    rerender: onMotion(req, res),
  }));

  r.post(`${base}/:motionId/bieu-quyet-lai`, (req, res) => submit(req, res, {
    run: () => svc.revote(principal(req), ...ids(req), idParam(req, 'motionId')),
    redirect: (v) => url(req, `/${v.id}`),
    message: 'Đã tạo vòng biểu quyết mới; kết quả vòng trước được giữ nguyên.',
    rerender: onMotion(req, res),
  }));

  r.post(`${base}/:motionId/du-thao-nghi-quyet`, (req, res) => submit(req, res, {
    run: () => services.resolutionDrafts.fromMotion(principal(req), ...ids(req), idParam(req, 'motionId')),
    redirect: (doc) => `/xa/${idParam(req, 'communeId')}/van-ban/${doc.id}`,
    message: 'Đã soạn dự thảo nghị quyết từ kết quả biểu quyết; hãy viết nội dung quyết nghị rồi trình ký.',
    rerender: onMotion(req, res),
  }));

  // ---- the member's phone ballot: choose → confirm → cast (works without JavaScript) ----

  const ballotLocals = async (req: Request, extra: Record<string, unknown> = {}) => {
    const [c, m] = ids(req);
    const d = await svc.ballot(principal(req), c, m, idParam(req, 'motionId'));
    const q = req.query;
    let confirm: { choice?: Choice; marks?: number[] } | null = null;
    if (typeof q.chon === 'string' && CHOICES.includes(q.chon as Choice)) confirm = { choice: q.chon as Choice };
    if (q.xac === '1' && d.motion.kind === 'election') {
      const raw = Array.isArray(q.agree) ? q.agree : q.agree === undefined ? [] : [q.agree];
      const marks = raw.map(Number).filter((x) => d.candidates.some((cand) => cand.id === x));
      confirm = { marks: [...new Set(marks)] };
    }
    return { title: `Biểu quyết: ${d.motion.title}`, communeId: c, ...d, confirm, justCast: q['da-ghi-nhan'] === '1' && d.voted, values: {}, errors: {}, error: null, ...labels, ...extra };
  };

  r.get(`${base}/:motionId/phieu`, async (req, res) => {
    res.setHeader('Cache-Control', 'private, no-store');
    res.render('votes/ballot', await ballotLocals(req));
  });

  r.post(`${base}/:motionId/phieu`, async (req, res) => {
    try {
      await svc.castElectronic(principal(req), ...ids(req), idParam(req, 'motionId'), req.body ?? {});
      // The confirmation rides on the URL, not a session flash: a flash would rewrite the session row on every
      // ballot (one more database write per vote at the moment 500 members vote at once).
      res.redirect(303, url(req, `/${idParam(req, 'motionId')}/phieu?da-ghi-nhan=1`));
    } catch (err) {
      if (err instanceof AppError && ['VALIDATION', 'CONFLICT', 'FORBIDDEN'].includes(err.code)) {
        // Somebody who may not even see the meeting (a non-member) gets the refusal itself, not the page.
        const locals = await ballotLocals(req, { error: err.message, errors: err.fields }).catch(() => null);
        if (!locals) throw err;
        res.status(err.status);
        return res.render('votes/ballot', locals);
      }
      throw err;
    }
  });

  r.get(`${base}/:motionId/bien-ban-kiem-phieu.:format`, async (req, res) => {
    if (req.params.format !== 'pdf') throw notFound();
    const { buffer: pdf } = await services.meetingDocuments.countingRecord(principal(req), ...ids(req), idParam(req, 'motionId'));
    res.setHeader('Cache-Control', 'private, no-store');
    res.type('application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="bien-ban-kiem-phieu-${idParam(req, 'motionId')}.pdf"`);
    res.send(pdf);
  });

  return r;
}
