// Log in and log out.
import { Router } from 'express';
import passport from 'passport';
import { msg } from '../i18n/vi.ts';
import { flash } from '../middleware/auth.ts';

/** Only same-site paths are followed after log-in (no open redirect). */
const safeNext = (v: unknown) => (typeof v === 'string' && /^\/(?![/\\])/.test(v) ? v : '/');

export function authRoutes(): Router {
  const r = Router();
  r.get('/dang-nhap', (req, res) => {
    if (req.user) return res.redirect(303, '/');
    res.render('auth/login', { title: 'Đăng nhập', values: { tiep: req.query.tiep ?? '' }, error: null });
  });
  r.post('/dang-nhap', (req, res, next) => {
    passport.authenticate('local', (err: unknown, user: Express.User | false, info: { message?: string } | undefined) => {
      if (err) return next(err);
      if (!user) {
        return res.status(422).render('auth/login', {
          title: 'Đăng nhập', values: { username: req.body?.username ?? '', tiep: req.body?.tiep ?? '' }, error: info?.message ?? msg.loginFailed,
        });
      }
      req.login(user, (e) => (e ? next(e) : res.redirect(303, safeNext(req.body?.tiep))));
    })(req, res, next);
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
