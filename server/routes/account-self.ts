// The account's own pages (menu "Tài khoản của tôi"): password, sessions, two-factor sign-in.
import { Router, type Request, type Response } from 'express';
import type { Services } from '../services/index.ts';
import { AppError } from '../domain/errors.ts';
import { authMsg } from '../i18n/vi.ts';
import { flash, principal, requireLogin } from '../middleware/auth.ts';

const BASE = '/tai-khoan-cua-toi';
const TWO_FACTOR = `${BASE}/xac-thuc-hai-buoc`;

/** A refusal that re-renders the form (422) with the message; anything else goes to the error page. */
async function formAction(res: Response, run: () => Promise<void>, rerender: (errors: Record<string, string>, error: string) => Promise<void>) {
  try {
    await run();
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION') {
      res.status(422);
      return rerender(err.fields, err.message);
    }
    throw err;
  }
}

export function accountSelfRoutes(services: Services): Router {
  const r = Router();
  const security = services.accountSecurity;
  const address = (req: Request) => req.ip ?? 'unknown';
  r.use(BASE, requireLogin);

  r.get(BASE, async (req, res) => {
    const p = principal(req);
    const overview = await security.overview(p);
    const sessions = await security.listSessions(p, req.sessionID);
    res.render('me/index', { title: 'Tài khoản của tôi', overview, sessionCount: sessions.length });
  });

  // ── Password ──
  const renderPassword = (res: Response, errors: Record<string, string> = {}, error: string | null = null) =>
    res.render('me/password', { title: 'Đổi mật khẩu', errors, error, values: {} });
  r.get(`${BASE}/mat-khau`, (_req, res) => renderPassword(res));
  r.post(`${BASE}/mat-khau`, (req, res) => formAction(res, async () => {
    const result = await security.changePassword(principal(req), req.sessionID, req.body ?? {}, address(req));
    req.session.authEpoch = result.sessionEpoch; // this session carries on under the new password
    flash(req, 'ok', authMsg.passwordChanged);
    res.redirect(303, BASE);
  }, async (errors, error) => renderPassword(res, errors, error)));

  // ── Sessions ──
  r.get(`${BASE}/phien`, async (req, res) => {
    res.render('me/sessions', { title: 'Phiên đăng nhập', sessions: await security.listSessions(principal(req), req.sessionID) });
  });
  r.post(`${BASE}/phien/ket-thuc-cac-phien-khac`, async (req, res) => {
    const n = await security.endOtherSessions(principal(req), req.sessionID);
    flash(req, 'ok', authMsg.otherSessionsEnded(n));
    res.redirect(303, `${BASE}/phien`);
  });
  r.post(`${BASE}/phien/:handle/ket-thuc`, async (req, res, next) => {
    const handle = /^[0-9a-f]{20}$/.test(req.params.handle) ? req.params.handle : '';
    const { current } = await security.endSession(principal(req), req.sessionID, handle);
    if (current) {
      return req.logout((err) => {
        if (err) return next(err);
        flash(req, 'ok', authMsg.sessionEnded);
        res.redirect(303, '/dang-nhap');
      });
    }
    flash(req, 'ok', authMsg.sessionEnded);
    res.redirect(303, `${BASE}/phien`);
  });

  // ── Two-factor sign-in ──
  const renderTwoFactor = async (req: Request, res: Response, errors: Record<string, string> = {}, error: string | null = null) => {
    const p = principal(req);
    res.render('me/two-factor', {
      title: 'Xác thực hai bước', overview: await security.overview(p), pending: await security.pendingTotp(p), errors, error,
    });
  };
  r.get(TWO_FACTOR, (req, res) => renderTwoFactor(req, res));
  r.post(`${TWO_FACTOR}/bat-dau`, (req, res) => formAction(res, async () => {
    await security.startTotp(principal(req));
    res.redirect(303, TWO_FACTOR);
  }, (errors, error) => renderTwoFactor(req, res, errors, error)));
  r.post(`${TWO_FACTOR}/xac-nhan`, (req, res) => formAction(res, async () => {
    const codes = await security.confirmTotp(principal(req), req.body ?? {});
    // Shown once, in this answer only: never stored in the session or anywhere else in plain text.
    res.setHeader('Cache-Control', 'no-store');
    res.render('me/recovery-codes', { title: 'Mã khôi phục', codes });
  }, (errors, error) => renderTwoFactor(req, res, errors, error)));
  r.post(`${TWO_FACTOR}/tat`, (req, res) => formAction(res, async () => {
    await security.disableTotp(principal(req), req.body ?? {}, address(req));
    flash(req, 'ok', authMsg.totpDisabled);
    res.redirect(303, TWO_FACTOR);
  }, (errors, error) => renderTwoFactor(req, res, errors, error)));

  return r;
}
