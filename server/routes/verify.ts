// Public verification (no login): enter or scan a short code, see the issued document's record, and check
// whether a file is the original by its SHA-256.
import { Router, type Request } from 'express';
import type { Services } from '../services/index.ts';
import { AppError } from '../domain/errors.ts';
import { normalizeShortCode } from '../signing/index.ts';
import { singleFileUpload } from './upload.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { sendFile } from './documents.ts';

const MAX_CHECK_BYTES = 30 * 1024 * 1024;
const vnDate = (iso: string | null | undefined) => (iso ? iso.split('-').reverse().join('/') : '');

function codeParam(req: Request): string {
  const code = normalizeShortCode(typeof req.params.code === 'string' ? req.params.code : '');
  if (!code) throw new AppError('NOT_FOUND', 'Không có văn bản nào mang mã xác minh này.');
  return code;
}

export function verifyRoutes(services: Services): Router {
  const r = Router();
  const { verification } = services;
  // Per address: look-ups (a code is 10 characters: guessing must stay slow) and file checks (each hashes an upload).
  const lookups = rateLimit({ max: 60, windowMs: 60_000, message: 'Bạn tra cứu quá nhiều lần trong một phút. Vui lòng thử lại sau ít phút.' });
  const fileChecks = rateLimit({ max: 10, windowMs: 10 * 60_000, message: 'Bạn đã kiểm tra quá nhiều tệp. Vui lòng thử lại sau 10 phút.' });

  r.get('/tra-cuu', (req, res) => {
    const raw = typeof req.query.ma === 'string' ? req.query.ma : '';
    if (raw) {
      const code = normalizeShortCode(raw);
      if (code) return res.redirect(303, `/tra-cuu/${code}`);
      return res.status(422).render('verify/form', { title: 'Tra cứu văn bản', value: raw, error: 'Mã xác minh gồm 10 ký tự chữ và số, in dưới mã QR của văn bản.' });
    }
    res.render('verify/form', { title: 'Tra cứu văn bản', value: '', error: null });
  });

  // The address printed by the signing library's helper.
  r.get('/xac-minh/:code', (req, res) => res.redirect(301, `/tra-cuu/${encodeURIComponent(req.params.code ?? '')}`));

  const page = async (req: Request, extra: Record<string, unknown> = {}) => {
    const found = await verification.lookup(codeParam(req));
    if (!found) throw new AppError('NOT_FOUND', 'Không có văn bản nào mang mã xác minh này.');
    return { title: found.details ? `Văn bản số ${found.details.numberSymbol}` : 'Xác minh văn bản', found, vnDate, result: null, ...extra };
  };

  r.get('/tra-cuu/:code', lookups, async (req, res) => res.render('verify/show', await page(req)));

  const parse = singleFileUpload(MAX_CHECK_BYTES, 'Tệp quá lớn (tối đa 30 MB).');
  r.post('/tra-cuu/:code', lookups, fileChecks, async (req, res) => {
    await parse(req, res);
    if (!req.file || req.file.size === 0) {
      res.status(422).render('verify/show', await page(req, { result: { error: 'Vui lòng chọn tệp cần kiểm tra.' } }));
      return;
    }
    const checked = await verification.check(codeParam(req), req.file.buffer);
    if (!checked) throw new AppError('NOT_FOUND', 'Không có văn bản nào mang mã xác minh này.');
    res.render('verify/show', await page(req, { result: { match: checked.match, hash: checked.hash, name: req.file.originalname } }));
  });

  r.get('/tra-cuu/:code/van-ban.pdf', lookups, async (req, res) => {
    const f = await verification.publicPdf(codeParam(req));
    if (!f) throw new AppError('NOT_FOUND', 'Bản điện tử của văn bản này không được công khai.');
    sendFile(res, f.data, 'application/pdf', `${f.name}.pdf`, true);
  });
  return r;
}
