// The template screen: list, preview as PDF, edit with validation, every version kept (and readable as text).
import { Router, type Request, type Response } from 'express';
import type { Services } from '../services/index.ts';
import { idParam, principal, requireLogin } from '../middleware/auth.ts';
import { AppError } from '../domain/errors.ts';
import { submit } from './submit.ts';
import { templateMsg } from '../i18n/vi.ts';

const KEY = /^[a-z0-9-]{1,60}$/;

function keyParam(req: Request): string {
  const k = req.params.key;
  if (typeof k !== 'string' || !KEY.test(k)) throw new AppError('NOT_FOUND', 'Không tìm thấy mẫu văn bản này.');
  return k;
}

function sendPdf(res: Response, pdf: Buffer, name: string) {
  res.type('application/pdf');
  res.setHeader('Content-Disposition', `inline; filename="${name}.pdf"`);
  res.setHeader('Cache-Control', 'no-store');
  res.send(pdf);
}

export function templateRoutes(services: Services): Router {
  const r = Router();
  r.use('/xa/:communeId/mau-van-ban', requireLogin);

  r.get('/xa/:communeId/mau-van-ban', async (req, res) => {
    const p = principal(req);
    const communeId = idParam(req, 'communeId');
    const templates = await services.templates.list(p, communeId);
    const commune = await services.org.getCommune(p, communeId);
    res.render('templates/list', { title: 'Mẫu văn bản', commune, templates, legacyListNote: templateMsg.legacyListNote });
  });

  const editLocals = async (req: Request, extra: Record<string, unknown> = {}) => {
    const p = principal(req);
    const communeId = idParam(req, 'communeId');
    const { info, versions, current, latest, legacy, fields } = await services.templates.get(p, communeId, keyParam(req));
    const commune = await services.org.getCommune(p, communeId);
    return {
      title: info.title, commune, info, versions, current, legacy, fields,
      legacyMessage: legacy ? templateMsg.legacyInUse(legacy.version) : null, values: { source: current.source, baseVersion: latest.version },
      errors: {}, error: null, ...extra,
    };
  };

  r.get('/xa/:communeId/mau-van-ban/:key', async (req, res) => res.render('templates/edit', await editLocals(req)));

  // One version as plain text: how a version in the former syntax (never evaluated) stays readable.
  r.get('/xa/:communeId/mau-van-ban/:key/phien-ban/:version', async (req, res) => {
    const raw = req.params.version;
    if (typeof raw !== 'string' || !/^\d{1,6}$/.test(raw)) throw new AppError('NOT_FOUND', 'Không tìm thấy phiên bản này.');
    const p = principal(req);
    const communeId = idParam(req, 'communeId');
    const { info, version } = await services.templates.version(p, communeId, keyParam(req), Number(raw));
    const commune = await services.org.getCommune(p, communeId);
    res.render('templates/version', { title: `${info.title} — ${version.version === 0 ? 'mẫu gốc' : `phiên bản ${version.version}`}`, commune, info, version, legacyMessage: templateMsg.legacyVersion });
  });

  r.get('/xa/:communeId/mau-van-ban/:key/xem-truoc.pdf', async (req, res) => {
    const raw = typeof req.query['phien-ban'] === 'string' ? req.query['phien-ban'] : '';
    const version = /^\d{1,6}$/.test(raw) ? Number(raw) : null;
    const pdf = await services.templates.preview(principal(req), idParam(req, 'communeId'), keyParam(req), null, version);
    sendPdf(res, pdf, `${keyParam(req)}${version === null ? '' : '-v' + version}`);
  });

  // Preview of the text being edited, before it is saved (nothing is written).
  r.post('/xa/:communeId/mau-van-ban/:key/xem-truoc', async (req, res) => {
    try {
      const source = typeof req.body?.source === 'string' ? req.body.source : '';
      const pdf = await services.templates.preview(principal(req), idParam(req, 'communeId'), keyParam(req), source, null);
      sendPdf(res, pdf, keyParam(req) + '-xem-truoc');
    } catch (err) {
      if (err instanceof AppError && err.code === 'VALIDATION') {
        res.status(422).render('templates/edit', await editLocals(req, { values: req.body, errors: err.fields, error: err.message }));
        return;
      }
      throw err;
    }
  });

  r.post('/xa/:communeId/mau-van-ban/:key', (req, res) => submit(req, res, {
    run: () => services.templates.save(principal(req), idParam(req, 'communeId'), keyParam(req), req.body ?? {}),
    redirect: () => `/xa/${idParam(req, 'communeId')}/mau-van-ban/${keyParam(req)}`,
    message: 'Đã lưu phiên bản mới của mẫu. Các phiên bản cũ vẫn được giữ.',
    rerender: async ({ values, errors, error }) => res.render('templates/edit', await editLocals(req, { values, errors, error })),
  }));

  return r;
}
