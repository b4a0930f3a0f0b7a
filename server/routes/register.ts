// The outgoing register (sổ đăng ký văn bản đi): screen with filters, printable PDF, CSV for Excel.
import { Router, type Request } from 'express';
import type { Services } from '../services/index.ts';
import { idParam, principal, requireLogin } from '../middleware/auth.ts';
import { registerRow, REGISTER_COLUMNS } from '../services/register.ts';
import { sendFile } from './documents.ts';

function filterOf(req: Request) {
  const body = typeof req.query['co-quan'] === 'string' && /^\d{1,9}$/.test(req.query['co-quan']) ? Number(req.query['co-quan']) : null;
  const year = typeof req.query.nam === 'string' && /^\d{4}$/.test(req.query.nam) ? Number(req.query.nam) : null;
  return { bodyId: body, year };
}

export function registerRoutes(services: Services): Router {
  const r = Router();
  r.use('/xa/:communeId/so-van-ban-di', requireLogin);

  r.get('/xa/:communeId/so-van-ban-di', async (req, res) => {
    const filter = filterOf(req);
    const data = await services.register.read(principal(req), idParam(req, 'communeId'), filter);
    const qs = new URLSearchParams();
    if (filter.bodyId) qs.set('co-quan', String(filter.bodyId));
    if (filter.year) qs.set('nam', String(filter.year));
    res.render('register/list', { title: 'Sổ đăng ký văn bản đi', ...data, columns: REGISTER_COLUMNS, cells: data.rows.map(registerRow), qs: qs.toString(), thisYear: Number(services.clock.today().slice(0, 4)) });
  });

  r.get('/xa/:communeId/so-van-ban-di.pdf', requireLogin, async (req, res) => {
    const pdf = await services.register.pdf(principal(req), idParam(req, 'communeId'), filterOf(req));
    sendFile(res, pdf, 'application/pdf', 'so-dang-ky-van-ban-di.pdf', true);
  });

  r.get('/xa/:communeId/so-van-ban-di.csv', requireLogin, async (req, res) => {
    const csv = await services.register.csv(principal(req), idParam(req, 'communeId'), filterOf(req));
    sendFile(res, Buffer.from(csv, 'utf8'), 'text/csv; charset=utf-8', 'so-dang-ky-van-ban-di.csv', false);
  });
  return r;
}
