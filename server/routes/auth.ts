// Log in (password, then a code when the account uses two-factor sign-in) and log out.
import { Router, type Request, type Response, type NextFunction } from 'express';
import type { Services } from '../services/index.ts';
import { authMsg, msg } from '../i18n/vi.ts';
import { flash, type SessionMetaData } from '../middleware/auth.ts';
import type { DeviceCookies } from '../middleware/device-cookie.ts';

/** Only same-site paths are followed after log-in (no open redirect). */
const safeNext = (v: unknown) => (typeof v === 'string' && /^\/(?![/\\])/.test(v) ? v : '/');

/** How long the second step may wait after the password was accepted. */
const SECOND_STEP_MS = 5 * 60 * 1000;

const field = (req: Request, name: string) => (typeof req.body?.[name] === 'string' ? req.body[name] as string : '');

export function authRoutes(services: Services, devices: DeviceCookies): Router {
  const r = Router();
  const address = (req: Request) => req.ip ?? 'unknown';

  /** Logs the account in for good: a fresh session (passport regenerates it) that remembers where it started. */
  function complete(req: Request, res: Response, next: NextFunction, accountId: number, sessionEpoch: number, tiep: unknown, note?: string) {
    req.login({ accountId } as Express.User, (err) => {
      if (err) return next(err);
      const now = services.clock.now().toISOString();
      const meta: SessionMetaData = { startedAt: now, seenAt: now, ip: address(req), ua: (req.get('user-agent') ?? '').slice(0, 300) };
      req.session.meta = meta;
      req.session.authEpoch = sessionEpoch;
      if (note) flash(req, 'ok', note);
      devices.issue(req, res, accountId);
      res.redirect(303, safeNext(tiep));
    });
  }

  r.get('/dang-nhap', (req, res) => {
    if (req.user) return res.redirect(303, '/');
    res.render('auth/login', { title: 'Đăng nhập', values: { tiep: req.query.tiep ?? '' }, error: null });
  });

  r.post('/dang-nhap', async (req, res, next) => {
    const username = field(req, 'username');
    const result = await services.accounts.login(username, field(req, 'password'), address(req), devices.read(req));
    if (!result.ok) {
      if (result.retryAfterSeconds) res.setHeader('Retry-After', String(result.retryAfterSeconds));
      return res.status(result.reason === 'THROTTLED' ? 429 : 422).render('auth/login', {
        title: 'Đăng nhập', values: { username, tiep: field(req, 'tiep') }, error: result.message,
      });
    }
    if (!result.needsSecondFactor) return complete(req, res, next, result.accountId, result.sessionEpoch, req.body?.tiep);
    // The password was right; the session now waits for the code. A new session id, so nothing set before carries over.
    const tiep = field(req, 'tiep');
    req.session.regenerate((err) => {
      if (err) return next(err);
      req.session.pendingLogin = { accountId: result.accountId, at: services.clock.now().getTime(), tiep };
      res.redirect(303, '/dang-nhap/xac-thuc');
    });
  });

  const pending = (req: Request) => {
    const p = req.session.pendingLogin;
    return p && services.clock.now().getTime() - p.at < SECOND_STEP_MS ? p : null;
  };

  r.get('/dang-nhap/xac-thuc', (req, res) => {
    if (req.user) return res.redirect(303, '/');
    if (!pending(req)) {
      flash(req, 'error', authMsg.secondStepExpired);
      return res.redirect(303, '/dang-nhap');
    }
    res.render('auth/second-step', { title: 'Xác thực hai bước', error: null });
  });

  r.post('/dang-nhap/xac-thuc', async (req, res, next) => {
    const p = pending(req);
    if (!p) {
      delete req.session.pendingLogin;
      flash(req, 'error', authMsg.secondStepExpired);
      return res.redirect(303, '/dang-nhap');
    }
    const code = field(req, 'code').trim();
    if (!code) return res.status(422).render('auth/second-step', { title: 'Xác thực hai bước', error: authMsg.codeRequired });
    const result = await services.accounts.verifySecondFactor(p.accountId, code, address(req));
    if (!result.ok) {
      if (result.retryAfterSeconds) res.setHeader('Retry-After', String(result.retryAfterSeconds));
      return res.status(result.reason === 'THROTTLED' ? 429 : 422).render('auth/second-step', { title: 'Xác thực hai bước', error: result.message });
    }
    delete req.session.pendingLogin;
    const principal = await services.accounts.loadPrincipal(p.accountId);
    if (!principal) return res.redirect(303, '/dang-nhap');
    complete(req, res, next, p.accountId, principal.sessionEpoch, p.tiep,
      result.recoveryCodesLeft === null ? undefined : authMsg.recoveryCodeUsed(result.recoveryCodesLeft));
  });

  r.post('/dang-xuat', (req, res, next) => {
    req.logout((err) => {
      if (err) return next(err);
      flash(req, 'ok', msg.loggedOut);
      res.redirect(303, '/dang-nhap');
    });
  });
  return r;
}
